using System.Text;

namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>
    /// Escaping of strings into UTF-8 XML, and measuring it without allocating (the session sizes large-object
    /// chunks with it). Text escapes &amp; &lt; &gt; and CR (as &amp;#13;, since a reader turns a raw CR into LF);
    /// attribute values also escape both quotes, tab and LF. Characters XML 1.0 cannot carry at all (control
    /// characters other than tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates) are written as U+FFFD.
    /// </summary>
    public static class XmlEscape
    {
        internal const int Text = 0;
        internal const int Attribute = 1;
        internal const int CData = 2;
        /// <summary>Markup and names: no escaping, only characters XML cannot carry are replaced.</summary>
        internal const int Raw = 3;

        private const string CDataBreak = "]]><![CDATA[";
        private const int Replacement = 0xFFFD;

        /// <summary>UTF-8 bytes of s written as escaped element text.</summary>
        public static int EscapedLength(string s)
        {
            return s == null ? 0 : EscapedLength(s, 0, s.Length);
        }

        /// <summary>UTF-8 bytes of s[start, start+count) written as escaped element text.</summary>
        public static int EscapedLength(string s, int start, int count)
        {
            int consumed;
            return Emit(s, start, count, Text, null, 0, int.MaxValue, out consumed);
        }

        /// <summary>How many characters of s[start, start+count) fit into byteBudget bytes of escaped text; a
        /// surrogate pair is never split.</summary>
        public static int CharsThatFit(string s, int start, int count, int byteBudget)
        {
            int consumed;
            Emit(s, start, count, Text, null, 0, byteBudget, out consumed);
            return consumed;
        }

        /// <summary>Appends s escaped as element text to text assembled in memory rather than written as bytes.</summary>
        internal static void AppendText(StringBuilder target, string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                string escape = EscapeFor(s[i], Text, s, i, 0);
                if (escape != null)
                {
                    target.Append(escape);
                }
                else
                {
                    target.Append(s[i]);
                }
            }
        }

        internal static int Measure(string s, int start, int count, int mode)
        {
            int consumed;
            return Emit(s, start, count, mode, null, 0, int.MaxValue, out consumed);
        }

        /// <summary>Writes the escaped form at dest[at]; the caller has checked that it fits.</summary>
        internal static void Write(string s, int start, int count, int mode, byte[] dest, int at)
        {
            int consumed;
            Emit(s, start, count, mode, dest, at, int.MaxValue, out consumed);
        }

        /// <summary>The one escaping loop: counts (dest null) or writes, stopping before the first character whose
        /// bytes would exceed the budget. Returns the bytes produced; consumed = characters taken.</summary>
        private static int Emit(string s, int start, int count, int mode, byte[] dest, int at, int budget, out int consumed)
        {
            consumed = 0;
            if (s == null || start < 0 || count <= 0 || start > s.Length - count)
            {
                return 0;
            }
            int stop = start + count;
            int bytes = 0;
            int i = start;
            while (i < stop)
            {
                int c = s[i];
                int width = 1;
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < stop && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    width = 2;
                }
                string escape = EscapeFor(c, mode, s, i, start);
                int size;
                if (escape != null)
                {
                    size = escape.Length;
                }
                else
                {
                    if (!XmlUtf8.IsXmlChar(c))
                    {
                        c = Replacement;
                    }
                    size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                }
                if (size > budget - bytes)
                {
                    break;
                }
                if (dest != null)
                {
                    if (escape != null)
                    {
                        PutAscii(escape, dest, at + bytes);
                    }
                    else
                    {
                        PutUtf8(c, dest, at + bytes);
                    }
                }
                bytes += size;
                i += width;
            }
            consumed = i - start;
            return bytes;
        }

        private static string EscapeFor(int c, int mode, string s, int i, int start)
        {
            if (mode == Raw)
            {
                return null;
            }
            if (mode == CData)
            {
                if (c == '\r')
                {
                    return "]]>&#13;<![CDATA[";
                }
                // The "]]" before this '>' is already out; closing and reopening the section here splits "]]>".
                if (c == '>' && i - start >= 2 && s[i - 1] == ']' && s[i - 2] == ']')
                {
                    return CDataBreak + ">";
                }
                return null;
            }
            switch (c)
            {
                case '&':
                    return "&amp;";
                case '<':
                    return "&lt;";
                case '>':
                    return "&gt;";
                case '\r':
                    return "&#13;";
            }
            if (mode == Attribute)
            {
                switch (c)
                {
                    case '"':
                        return "&quot;";
                    case '\'':
                        return "&apos;";
                    case '\t':
                        return "&#9;";
                    case '\n':
                        return "&#10;";
                }
            }
            return null;
        }

        private static void PutAscii(string ascii, byte[] dest, int at)
        {
            for (int i = 0; i < ascii.Length; i++)
            {
                dest[at + i] = (byte)ascii[i];
            }
        }

        private static void PutUtf8(int c, byte[] dest, int at)
        {
            if (c < 0x80)
            {
                dest[at] = (byte)c;
            }
            else if (c < 0x800)
            {
                dest[at] = (byte)(0xC0 | (c >> 6));
                dest[at + 1] = (byte)(0x80 | (c & 0x3F));
            }
            else if (c < 0x10000)
            {
                dest[at] = (byte)(0xE0 | (c >> 12));
                dest[at + 1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                dest[at + 2] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                dest[at] = (byte)(0xF0 | (c >> 18));
                dest[at + 1] = (byte)(0x80 | ((c >> 12) & 0x3F));
                dest[at + 2] = (byte)(0x80 | ((c >> 6) & 0x3F));
                dest[at + 3] = (byte)(0x80 | (c & 0x3F));
            }
        }
    }
}

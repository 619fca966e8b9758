using System.Text;

namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>UTF-8 validation and decoding restricted to the characters XML 1.0 can carry, shared by the XML and
    /// the WBXML reader. The decoding is our own wherever surrogate pairs occur, so they do not depend on the
    /// platform's UTF-8 implementation.</summary>
    internal static class XmlUtf8
    {
        /// <summary><see cref="DecodeMultiByte"/> result: not UTF-8 (bad lead or continuation byte, overlong form,
        /// surrogate, beyond U+10FFFF).</summary>
        public const int Invalid = -1;
        /// <summary><see cref="DecodeMultiByte"/> result: the sequence runs past the end of the input.</summary>
        public const int Truncated = -2;
        /// <summary><see cref="DecodeMultiByte"/> result: valid UTF-8 for U+FFFE or U+FFFF, which XML excludes.</summary>
        public const int NotXmlChar = -3;

        /// <summary>Code point of the sequence at buffer[pos] (lead byte at least 0x80), or a negative reason. A valid
        /// sequence is <see cref="SequenceLength"/> bytes long.</summary>
        public static int DecodeMultiByte(byte[] buffer, int pos, int end)
        {
            int b = buffer[pos];
            int more;
            int c;
            int min;
            if (b >= 0xC2 && b <= 0xDF)
            {
                more = 1;
                c = b & 0x1F;
                min = 0x80;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                more = 2;
                c = b & 0x0F;
                min = 0x800;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                more = 3;
                c = b & 0x07;
                min = 0x10000;
            }
            else
            {
                return Invalid;
            }
            if (pos + more >= end)
            {
                return Truncated;
            }
            for (int i = 1; i <= more; i++)
            {
                int next = buffer[pos + i];
                if ((next & 0xC0) != 0x80)
                {
                    return Invalid;
                }
                c = (c << 6) | (next & 0x3F);
            }
            if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            {
                return Invalid;
            }
            return c == 0xFFFE || c == 0xFFFF ? NotXmlChar : c;
        }

        /// <summary>Bytes of the sequence that starts with this lead byte.</summary>
        public static int SequenceLength(int lead)
        {
            return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        }

        /// <summary>Decodes already validated input.</summary>
        public static string Decode(byte[] buffer, int start, int stop, bool supplementary, StringBuilder scratch)
        {
            if (!supplementary)
            {
                return Encoding.UTF8.GetString(buffer, start, stop - start);
            }
            scratch.Clear();
            Append(scratch, buffer, start, stop);
            return scratch.ToString();
        }

        /// <summary>Appends already validated input.</summary>
        public static void Append(StringBuilder target, byte[] buffer, int start, int stop)
        {
            int p = start;
            while (p < stop)
            {
                int b = buffer[p];
                if (b < 0x80)
                {
                    target.Append((char)b);
                    p++;
                }
                else if (b < 0xE0)
                {
                    target.Append((char)(((b & 0x1F) << 6) | (buffer[p + 1] & 0x3F)));
                    p += 2;
                }
                else if (b < 0xF0)
                {
                    target.Append((char)(((b & 0x0F) << 12) | ((buffer[p + 1] & 0x3F) << 6) | (buffer[p + 2] & 0x3F)));
                    p += 3;
                }
                else
                {
                    int c = ((b & 0x07) << 18) | ((buffer[p + 1] & 0x3F) << 12) | ((buffer[p + 2] & 0x3F) << 6) | (buffer[p + 3] & 0x3F);
                    AppendCodePoint(target, c);
                    p += 4;
                }
            }
        }

        public static void AppendCodePoint(StringBuilder target, int c)
        {
            if (c >= 0x10000)
            {
                c -= 0x10000;
                target.Append((char)(0xD800 + (c >> 10)));
                target.Append((char)(0xDC00 + (c & 0x3FF)));
            }
            else
            {
                target.Append((char)c);
            }
        }

        public static bool IsXmlChar(int c)
        {
            return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
        }
    }
}

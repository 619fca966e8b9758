using System.Text;

namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>
    /// The lexical layer under <see cref="XmlPullReader"/>: a cursor over the UTF-8 input that validates and decodes
    /// characters, scans names and references, and passes over comments, processing instructions, the DOCTYPE and
    /// the XML declaration. Every method that meets bad input records the first error (<see cref="Fail"/>) and
    /// returns false or -1; nothing throws.
    /// </summary>
    internal sealed class XmlInput
    {
        private const int MaxEntityNameLength = 8;

        private readonly StringBuilder scratch = new StringBuilder();

        public byte[] Buffer;
        public int Begin;
        public int End;
        public int Pos;

        /// <summary>Result of the last <see cref="ScanName"/>: absolute start, length, absolute offset of the
        /// colon (-1 without prefix) and whether the name is pure ASCII.</summary>
        public int NameStart;
        public int NameLength;
        public int NameColon;
        public bool NameAscii;

        public bool Failed;
        public string ErrorMessage;
        /// <summary>Offset relative to <see cref="Begin"/>; -1 without error.</summary>
        public int ErrorPosition = -1;

        /// <summary>False (with an error recorded) when the range does not lie inside the array.</summary>
        public bool Reset(byte[] input, int offset, int length)
        {
            Failed = false;
            ErrorMessage = null;
            ErrorPosition = -1;
            if (input == null || offset < 0 || length < 0 || offset > input.Length - length)
            {
                Buffer = new byte[0];
                Begin = End = Pos = 0;
                return Fail("invalid input range");
            }
            Buffer = input;
            Begin = offset;
            End = offset + length;
            Pos = offset;
            return true;
        }

        /// <summary>Records the error at the current position unless one is recorded already; always false.</summary>
        public bool Fail(string message)
        {
            if (!Failed)
            {
                Failed = true;
                ErrorMessage = message;
                ErrorPosition = Pos - Begin;
            }
            return false;
        }

        /// <summary>Reads "&amp;...;" and returns the character it stands for, or -1 after failing.</summary>
        public int ReadReference()
        {
            int start = Pos;
            Pos++;
            if (Pos < End && Buffer[Pos] == '#')
            {
                Pos++;
                bool hex = Pos < End && Buffer[Pos] == 'x';
                if (hex)
                {
                    Pos++;
                }
                int value = 0;
                int digits = 0;
                while (Pos < End && Buffer[Pos] != ';')
                {
                    int d = DigitValue(Buffer[Pos], hex);
                    if (d < 0)
                    {
                        return FailReference(start, "malformed character reference");
                    }
                    if (value <= 0x10FFFF)
                    {
                        value = value * (hex ? 16 : 10) + d;
                    }
                    digits++;
                    Pos++;
                }
                if (Pos >= End || digits == 0)
                {
                    return FailReference(start, "malformed character reference");
                }
                Pos++;
                return XmlUtf8.IsXmlChar(value) ? value : FailReference(start, "character reference to a character not allowed in XML");
            }
            int entityStart = Pos;
            while (Pos < End && Buffer[Pos] != ';' && Pos - entityStart <= MaxEntityNameLength)
            {
                Pos++;
            }
            if (Pos >= End || Buffer[Pos] != ';')
            {
                return FailReference(start, "malformed entity reference");
            }
            int length = Pos - entityStart;
            Pos++;
            if (BytesEqual(entityStart, length, "lt"))
            {
                return '<';
            }
            if (BytesEqual(entityStart, length, "gt"))
            {
                return '>';
            }
            if (BytesEqual(entityStart, length, "amp"))
            {
                return '&';
            }
            if (BytesEqual(entityStart, length, "quot"))
            {
                return '"';
            }
            if (BytesEqual(entityStart, length, "apos"))
            {
                return '\'';
            }
            return FailReference(start, "undefined entity");
        }

        private int FailReference(int start, string message)
        {
            Pos = start;
            Fail(message);
            return -1;
        }

        /// <summary>Decodes and validates the UTF-8 sequence at Pos (first byte >= 0x80); -1 after failing.</summary>
        public int ReadMultiByteChar()
        {
            int c = XmlUtf8.DecodeMultiByte(Buffer, Pos, End);
            if (c == XmlUtf8.Truncated)
            {
                Fail("invalid UTF-8 (truncated sequence)");
                return -1;
            }
            if (c == XmlUtf8.NotXmlChar)
            {
                Fail("character not allowed in XML");
                return -1;
            }
            if (c < 0)
            {
                Fail("invalid UTF-8");
                return -1;
            }
            Pos += XmlUtf8.SequenceLength(Buffer[Pos]);
            return c;
        }

        /// <summary>Validates and passes over one character of a comment, PI or DOCTYPE.</summary>
        private bool SkipChar()
        {
            int b = Buffer[Pos];
            if (b >= 0x80)
            {
                return ReadMultiByteChar() >= 0;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
            {
                return Fail("character not allowed in XML");
            }
            Pos++;
            return true;
        }

        public bool SkipComment()
        {
            Pos += 4;
            while (true)
            {
                if (Pos >= End)
                {
                    return Fail("unterminated comment");
                }
                if (Buffer[Pos] == '-' && Pos + 1 < End && Buffer[Pos + 1] == '-')
                {
                    if (Pos + 2 < End && Buffer[Pos + 2] == '>')
                    {
                        Pos += 3;
                        return true;
                    }
                    return Fail("'--' inside a comment");
                }
                if (!SkipChar())
                {
                    return false;
                }
            }
        }

        public bool SkipProcessingInstruction()
        {
            int start = Pos;
            Pos += 2;
            if (!ScanName())
            {
                return false;
            }
            if (NameLength == 3 && AsciiEqualsIgnoreCase(NameStart, NameLength, "xml"))
            {
                Pos = start;
                return Fail("XML declaration not at the start of the document");
            }
            if (NameColon >= 0)
            {
                return Fail("':' in a processing instruction target");
            }
            if (StartsWith("?>"))
            {
                Pos += 2;
                return true;
            }
            if (!SkipWhitespace())
            {
                return Fail("malformed processing instruction");
            }
            while (true)
            {
                if (Pos >= End)
                {
                    return Fail("unterminated processing instruction");
                }
                if (Buffer[Pos] == '?' && Pos + 1 < End && Buffer[Pos + 1] == '>')
                {
                    Pos += 2;
                    return true;
                }
                if (!SkipChar())
                {
                    return false;
                }
            }
        }

        /// <summary>Skips "&lt;!DOCTYPE name [SYSTEM "uri" | PUBLIC "id" "uri"]&gt;". An internal subset is refused:
        /// it is the only place entities could be declared, and we expand none.</summary>
        public bool SkipDoctype()
        {
            Pos += 9;
            if (!SkipWhitespace())
            {
                return Fail("malformed DOCTYPE");
            }
            if (!ScanName())
            {
                return false;
            }
            if (SkipWhitespace())
            {
                if (StartsWith("SYSTEM"))
                {
                    Pos += 6;
                    if (!SkipWhitespace() || !SkipLiteral(false))
                    {
                        return Fail("malformed DOCTYPE");
                    }
                }
                else if (StartsWith("PUBLIC"))
                {
                    Pos += 6;
                    if (!SkipWhitespace() || !SkipLiteral(true) || !SkipWhitespace() || !SkipLiteral(false))
                    {
                        return Fail("malformed DOCTYPE");
                    }
                }
                SkipWhitespace();
            }
            if (Pos >= End)
            {
                return Fail("unterminated DOCTYPE");
            }
            if (Buffer[Pos] == '[')
            {
                return Fail("DOCTYPE internal subsets (entity declarations) are not supported");
            }
            if (Buffer[Pos] != '>')
            {
                return Fail("malformed DOCTYPE");
            }
            Pos++;
            return true;
        }

        /// <summary>A quoted system literal, or a public id literal with its restricted character set.</summary>
        private bool SkipLiteral(bool publicId)
        {
            if (Pos >= End || (Buffer[Pos] != '"' && Buffer[Pos] != '\''))
            {
                return false;
            }
            byte quote = Buffer[Pos++];
            while (Pos < End && Buffer[Pos] != quote)
            {
                if (publicId)
                {
                    int b = Buffer[Pos];
                    bool allowed = IsAsciiLetter(b) || (b >= '0' && b <= '9') || b == ' ' || b == '\r' || b == '\n'
                        || "-'()+,./:=?;!*#@$_%".IndexOf((char)b) >= 0;
                    if (!allowed)
                    {
                        return false;
                    }
                    Pos++;
                }
                else if (!SkipChar())
                {
                    return false;
                }
            }
            if (Pos >= End)
            {
                return false;
            }
            Pos++;
            return true;
        }

        /// <summary>Skips a byte order mark and the XML declaration, refusing encodings other than UTF-8.</summary>
        public bool ReadXmlDeclaration()
        {
            if (StartsWith("\u00EF\u00BB\u00BF"))
            {
                Pos += 3;
            }
            if (!StartsWith("<?xml") || Pos + 5 >= End || !IsWhitespaceByte(Buffer[Pos + 5]))
            {
                return true;
            }
            Pos += 5;
            bool versionSeen = false;
            while (true)
            {
                bool space = SkipWhitespace();
                if (StartsWith("?>"))
                {
                    Pos += 2;
                    return versionSeen || Fail("XML declaration without version");
                }
                if (!space)
                {
                    return Fail("malformed XML declaration");
                }
                int keyStart = Pos;
                while (Pos < End && IsAsciiLetter(Buffer[Pos]))
                {
                    Pos++;
                }
                int keyLength = Pos - keyStart;
                SkipWhitespace();
                if (Pos >= End || Buffer[Pos] != '=')
                {
                    return Fail("malformed XML declaration");
                }
                Pos++;
                SkipWhitespace();
                if (Pos >= End || (Buffer[Pos] != '"' && Buffer[Pos] != '\''))
                {
                    return Fail("malformed XML declaration");
                }
                byte quote = Buffer[Pos++];
                int valueStart = Pos;
                while (Pos < End && Buffer[Pos] != quote)
                {
                    if (Buffer[Pos] < 0x20 || Buffer[Pos] >= 0x80 || Buffer[Pos] == '<')
                    {
                        return Fail("malformed XML declaration");
                    }
                    Pos++;
                }
                if (Pos >= End)
                {
                    return Fail("unterminated XML declaration");
                }
                int valueLength = Pos - valueStart;
                Pos++;
                if (BytesEqual(keyStart, keyLength, "version"))
                {
                    if (versionSeen || !BytesEqual(valueStart, valueLength, "1.0"))
                    {
                        return Fail("unsupported XML version");
                    }
                    versionSeen = true;
                }
                else if (!versionSeen)
                {
                    return Fail("XML declaration must start with version");
                }
                else if (BytesEqual(keyStart, keyLength, "encoding"))
                {
                    if (!AsciiEqualsIgnoreCase(valueStart, valueLength, "utf-8")
                        && !AsciiEqualsIgnoreCase(valueStart, valueLength, "us-ascii"))
                    {
                        return Fail("unsupported encoding (only UTF-8)");
                    }
                }
                else if (!BytesEqual(keyStart, keyLength, "standalone"))
                {
                    return Fail("malformed XML declaration");
                }
            }
        }

        /// <summary>Scans a (qualified) name at Pos into NameStart/NameLength/NameColon/NameAscii, with the
        /// name characters of XML 1.0 fifth edition; prefix and local part must each be a valid name.</summary>
        public bool ScanName()
        {
            NameStart = Pos;
            NameColon = -1;
            NameAscii = true;
            bool atStart = true;
            while (Pos < End)
            {
                int b = Buffer[Pos];
                if (b == ':')
                {
                    if (atStart || NameColon >= 0)
                    {
                        return Fail("malformed qualified name");
                    }
                    NameColon = Pos;
                    Pos++;
                    atStart = true;
                    continue;
                }
                if (b < 0x80)
                {
                    if (!(IsAsciiNameStart(b) || (!atStart && IsAsciiNameChar(b))))
                    {
                        break;
                    }
                    Pos++;
                }
                else
                {
                    int at = Pos;
                    int c = ReadMultiByteChar();
                    if (c < 0)
                    {
                        return false;
                    }
                    if (!(IsNameStartChar(c) || (!atStart && IsNameChar(c))))
                    {
                        Pos = at;
                        break;
                    }
                    NameAscii = false;
                }
                atStart = false;
            }
            NameLength = Pos - NameStart;
            if (NameLength == 0)
            {
                return Fail("name expected");
            }
            return !atStart || Fail("malformed qualified name");
        }

        /// <summary>Decodes already validated input.</summary>
        public string Decode(int start, int stop, bool supplementary)
        {
            return XmlUtf8.Decode(Buffer, start, stop, supplementary, scratch);
        }

        public void AppendUtf8(StringBuilder target, int start, int stop)
        {
            XmlUtf8.Append(target, Buffer, start, stop);
        }

        public void SkipLineEnd()
        {
            bool carriageReturn = Buffer[Pos] == '\r';
            Pos++;
            if (carriageReturn && Pos < End && Buffer[Pos] == '\n')
            {
                Pos++;
            }
        }

        public bool SkipWhitespace()
        {
            int start = Pos;
            while (Pos < End && IsWhitespaceByte(Buffer[Pos]))
            {
                Pos++;
            }
            return Pos > start;
        }

        public bool StartsWith(string ascii)
        {
            return ascii.Length <= End - Pos && BytesEqual(Pos, ascii.Length, ascii);
        }

        public bool BytesEqual(int start, int length, string ascii)
        {
            if (length != ascii.Length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (Buffer[start + i] != ascii[i])
                {
                    return false;
                }
            }
            return true;
        }

        private bool AsciiEqualsIgnoreCase(int start, int length, string lowerAscii)
        {
            if (length != lowerAscii.Length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                int b = Buffer[start + i];
                if (b >= 'A' && b <= 'Z')
                {
                    b += 'a' - 'A';
                }
                if (b != lowerAscii[i])
                {
                    return false;
                }
            }
            return true;
        }

        public bool SameBytes(int a, int aLength, int b, int bLength)
        {
            if (aLength != bLength)
            {
                return false;
            }
            for (int i = 0; i < aLength; i++)
            {
                if (Buffer[a + i] != Buffer[b + i])
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsWhitespaceByte(int b)
        {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }

        private static bool IsAsciiLetter(int b)
        {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        }

        private static bool IsAsciiNameStart(int b)
        {
            return IsAsciiLetter(b) || b == '_';
        }

        private static bool IsAsciiNameChar(int b)
        {
            return IsAsciiNameStart(b) || (b >= '0' && b <= '9') || b == '-' || b == '.';
        }

        private static bool IsNameStartChar(int c)
        {
            return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
        }

        private static bool IsNameChar(int c)
        {
            return IsNameStartChar(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
        }

        private static int DigitValue(int b, bool hex)
        {
            if (b >= '0' && b <= '9')
            {
                return b - '0';
            }
            if (hex && b >= 'a' && b <= 'f')
            {
                return b - 'a' + 10;
            }
            if (hex && b >= 'A' && b <= 'F')
            {
                return b - 'A' + 10;
            }
            return -1;
        }
    }
}

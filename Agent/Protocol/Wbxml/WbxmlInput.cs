using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Wbxml
{
    /// <summary>
    /// The lexical layer under <see cref="WbxmlReader"/>: a cursor over the input that reads multi-byte integers,
    /// the document header and strings (inline or from the string table), always within bounds. Every method that
    /// meets bad input records the first error (<see cref="Fail"/>) and returns false or -1; nothing throws.
    /// </summary>
    internal sealed class WbxmlInput
    {
        /// <summary>mb_u_int32 is at most five bytes (32 bits in groups of seven).</summary>
        private const int MaxIntegerBytes = 5;
        /// <summary>Bytes that string-table references may deliver, as a multiple of the document size: a two-byte
        /// reference can stand for a long string, and without a cap a small message could expand into more text
        /// (or LITERAL names) than the device has memory.</summary>
        private const int TableExpansionFactor = 4;

        public byte[] Buffer;
        public int Begin;
        public int End;
        public int Pos;

        /// <summary>Absolute start and length of the string table.</summary>
        public int TableStart;
        public int TableLength;
        /// <summary>Bytes string-table references may still deliver.</summary>
        public int TableBudget;
        /// <summary>The public id names SyncML 1.1 (otherwise 1.2).</summary>
        public bool SyncMl11;

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
            TableStart = 0;
            TableLength = 0;
            SyncMl11 = false;
            if (input == null || offset < 0 || length < 0 || offset > input.Length - length)
            {
                Buffer = new byte[0];
                Begin = End = Pos = 0;
                TableBudget = 0;
                return Fail("invalid input range");
            }
            Buffer = input;
            Begin = offset;
            End = offset + length;
            Pos = offset;
            TableBudget = length > int.MaxValue / TableExpansionFactor ? int.MaxValue : length * TableExpansionFactor;
            return true;
        }

        /// <summary>Reads source[start, stop) as content of the document source has read (same string table).</summary>
        public void ResetToFragment(WbxmlInput source, int start, int stop)
        {
            Failed = false;
            ErrorMessage = null;
            ErrorPosition = -1;
            Buffer = source.Buffer;
            Begin = source.Begin;
            End = stop;
            Pos = start;
            TableStart = source.TableStart;
            TableLength = source.TableLength;
            SyncMl11 = source.SyncMl11;
            int length = source.End - source.Begin;
            TableBudget = length > int.MaxValue / TableExpansionFactor ? int.MaxValue : length * TableExpansionFactor;
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

        /// <summary>version, publicid, charset, strtbl. Accepts WBXML 1.1 to 1.3, the SyncML 1.1 and 1.2 public
        /// ids in numeric or string-table form (or "unknown"), and UTF-8 only.</summary>
        public bool ReadHeader()
        {
            int version = ReadByte();
            if (version < 0)
            {
                return false;
            }
            if (version < WbxmlToken.Version11 || version > WbxmlToken.Version13)
            {
                Pos--;
                return Fail("not WBXML 1.1, 1.2 or 1.3 (version byte 0x" + version.ToString("X2") + ")");
            }
            int publicId = ReadInteger();
            int publicIdIndex = publicId == 0 ? ReadInteger() : -1;
            if (publicId < 0 || (publicId == 0 && publicIdIndex < 0))
            {
                return false;
            }
            int charsetAt = Pos;
            int charset = ReadInteger();
            if (charset < 0)
            {
                return false;
            }
            if (charset != WbxmlToken.CharsetUtf8)
            {
                Pos = charsetAt;
                return Fail("charset MIBenum " + charset + " not supported (only UTF-8, 106)");
            }
            int tableLength = ReadInteger();
            if (tableLength < 0)
            {
                return false;
            }
            if (tableLength > End - Pos)
            {
                return Fail("string table longer than the document");
            }
            TableStart = Pos;
            TableLength = tableLength;
            Pos += tableLength;
            return publicIdIndex >= 0 ? ReadPublicIdText(publicIdIndex) : CheckPublicId(publicId);
        }

        /// <summary>The byte at Pos, advancing; -1 after failing at the end of the input.</summary>
        public int ReadByte()
        {
            if (Pos >= End)
            {
                Fail("unexpected end of input");
                return -1;
            }
            return Buffer[Pos++];
        }

        /// <summary>An mb_u_int32; -1 after failing when it is cut off, longer than five bytes or beyond 2^31-1.</summary>
        public int ReadInteger()
        {
            int start = Pos;
            int value = 0;
            for (int i = 0; i < MaxIntegerBytes; i++)
            {
                if (Pos >= End)
                {
                    Fail("unexpected end of input in a multi-byte integer");
                    return -1;
                }
                int b = Buffer[Pos++];
                if (value > (int.MaxValue >> 7))
                {
                    Pos = start;
                    Fail("multi-byte integer larger than 2^31-1");
                    return -1;
                }
                value = (value << 7) | (b & 0x7F);
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
            Pos = start;
            Fail("multi-byte integer longer than " + MaxIntegerBytes + " bytes");
            return -1;
        }

        /// <summary>STR_I's NUL-terminated string at Pos: its bytes are [start, stop); Pos ends after the NUL.</summary>
        public bool ReadInlineString(out int start, out int stop)
        {
            start = Pos;
            stop = IndexOfNul(Pos, End);
            if (stop < 0)
            {
                return Fail("unterminated inline string");
            }
            Pos = stop + 1;
            return true;
        }

        /// <summary>Reads a string-table offset at Pos and returns the bytes of the string it points to.</summary>
        public bool ReadTableString(out int start, out int stop)
        {
            start = stop = 0;
            int at = Pos;
            int offset = ReadInteger();
            if (offset < 0 || !TableString(offset, at, out start, out stop))
            {
                return false;
            }
            TableBudget -= stop - start;
            if (TableBudget < 0)
            {
                Pos = at;
                return Fail("string table references expand to too much data");
            }
            return true;
        }

        /// <summary>UTF-16 length of the UTF-8 bytes [start, stop), -1 when they are not UTF-8 made of characters
        /// XML allows (the WBXML content must stay representable as XML).</summary>
        public int CountChars(int start, int stop, out bool supplementary)
        {
            supplementary = false;
            int chars = 0;
            int p = start;
            while (p < stop)
            {
                int b = Buffer[p];
                if (b < 0x80)
                {
                    if (!XmlUtf8.IsXmlChar(b))
                    {
                        return -1;
                    }
                    p++;
                    chars++;
                    continue;
                }
                int c = XmlUtf8.DecodeMultiByte(Buffer, p, stop);
                if (c < 0)
                {
                    return -1;
                }
                p += XmlUtf8.SequenceLength(b);
                if (c >= 0x10000)
                {
                    supplementary = true;
                    chars += 2;
                }
                else
                {
                    chars++;
                }
            }
            return chars;
        }

        /// <summary>True when [start, stop) is the ASCII text s.</summary>
        public bool BytesEqual(int start, int stop, string s)
        {
            if (stop - start != s.Length)
            {
                return false;
            }
            for (int i = 0; i < s.Length; i++)
            {
                if (Buffer[start + i] != s[i])
                {
                    return false;
                }
            }
            return true;
        }

        private bool ReadPublicIdText(int index)
        {
            int start;
            int stop;
            if (!TableString(index, Pos, out start, out stop))
            {
                return false;
            }
            if (BytesEqual(start, stop, SyncMlCodePages.PublicIdTextSyncMl11))
            {
                SyncMl11 = true;
                return true;
            }
            return BytesEqual(start, stop, SyncMlCodePages.PublicIdTextSyncMl12)
                || Fail("public id in the string table is not SyncML 1.1 or 1.2");
        }

        private bool CheckPublicId(int publicId)
        {
            if (publicId == SyncMlCodePages.PublicIdSyncMl11)
            {
                SyncMl11 = true;
                return true;
            }
            return publicId == SyncMlCodePages.PublicIdSyncMl12 || publicId == SyncMlCodePages.PublicIdUnknown
                || Fail("public id 0x" + publicId.ToString("X4") + " is not SyncML 1.1 or 1.2");
        }

        /// <summary>The string at a string-table offset, up to its NUL or the end of the table (some encoders,
        /// e.g. the one behind AOSP's test messages, leave out the last NUL); errors are reported at errorAt.</summary>
        private bool TableString(int offset, int errorAt, out int start, out int stop)
        {
            start = stop = 0;
            if (offset >= TableLength)
            {
                Pos = errorAt;
                return Fail("string table offset " + offset + " outside the table of " + TableLength + " bytes");
            }
            start = TableStart + offset;
            stop = IndexOfNul(start, TableStart + TableLength);
            if (stop < 0)
            {
                stop = TableStart + TableLength;
            }
            return true;
        }

        private int IndexOfNul(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (Buffer[i] == 0)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}

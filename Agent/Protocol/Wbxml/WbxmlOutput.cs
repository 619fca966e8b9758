using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Wbxml
{
    /// <summary>
    /// Writes WBXML into a byte array of fixed size, never growing it, with the guarantees of
    /// <see cref="XmlOutput"/>: each call writes all of its bytes or none, the first call that does not fit sets
    /// <see cref="Overflowed"/> and every later write is refused until <see cref="Reset"/>. Tags are given as
    /// code page and token; the page is switched only when a tag needs another one (as libwbxml does), so what a
    /// write costs depends on <see cref="Page"/>. Strings go inline (STR_I); the string table stays empty.
    /// A counter (<see cref="CreateCounter"/>) runs the same code without a buffer to measure output.
    /// </summary>
    public sealed class WbxmlOutput : BoundedOutput
    {
        private int page;

        public WbxmlOutput(int capacity)
            : this(new byte[capacity < 0 ? 0 : capacity])
        {
        }

        public WbxmlOutput(byte[] buffer)
            : base(buffer)
        {
        }

        private WbxmlOutput()
        {
        }

        /// <summary>An output that only counts bytes.</summary>
        public static WbxmlOutput CreateCounter()
        {
            return new WbxmlOutput();
        }

        /// <summary>Code page of the last tag written (0 at the start).</summary>
        public int Page
        {
            get { return page; }
        }

        /// <summary>Empties the output, restores the full capacity as limit and code page 0.</summary>
        public override void Reset()
        {
            base.Reset();
            page = 0;
        }

        /// <summary>Empties the output and takes over other's code page, so that it measures exactly what other
        /// would write next.</summary>
        public void ResetToContinue(WbxmlOutput other)
        {
            Reset();
            page = other.page;
        }

        /// <summary>WBXML 1.3, the public id, UTF-8 and an empty string table.</summary>
        public bool Header(int publicId)
        {
            if (!Reserve(4 + IntegerSize(publicId)))
            {
                return false;
            }
            PutByte(WbxmlToken.Version13);
            PutInteger(publicId);
            PutInteger(WbxmlToken.CharsetUtf8);
            PutByte(0);
            return true;
        }

        /// <summary>A tag; with content it must be closed by <see cref="End"/>.</summary>
        public bool Tag(int tagPage, int token, bool content)
        {
            if (!Reserve(SwitchSize(tagPage) + 1))
            {
                return false;
            }
            PutTag(tagPage, token, content);
            return true;
        }

        public bool End()
        {
            if (!Reserve(1))
            {
                return false;
            }
            PutByte(WbxmlToken.End);
            return true;
        }

        /// <summary>A tag with the value as inline string, or without content for an empty value.</summary>
        public bool Element(int tagPage, int token, string value)
        {
            int count = value == null ? 0 : value.Length;
            if (count == 0)
            {
                return Tag(tagPage, token, false);
            }
            int size = XmlEscape.Measure(value, 0, count, XmlEscape.Raw);
            if (!Reserve(SwitchSize(tagPage) + size + 4))
            {
                return false;
            }
            PutTag(tagPage, token, true);
            PutByte(WbxmlToken.StrI);
            // Raw mode writes U+FFFD for characters XML cannot carry, NUL among them, so the string stays intact.
            PutString(value, 0, count, XmlEscape.Raw, size);
            PutByte(0);
            PutByte(WbxmlToken.End);
            return true;
        }

        /// <summary>A tag with the bytes as OPAQUE, or without content when there are none.</summary>
        public bool OpaqueElement(int tagPage, int token, byte[] value)
        {
            if (value == null || value.Length == 0)
            {
                return Tag(tagPage, token, false);
            }
            if (!Reserve(SwitchSize(tagPage) + 3 + IntegerSize(value.Length) + value.Length))
            {
                return false;
            }
            PutTag(tagPage, token, true);
            PutByte(WbxmlToken.Opaque);
            PutInteger(value.Length);
            PutBytes(value);
            PutByte(WbxmlToken.End);
            return true;
        }

        private int SwitchSize(int tagPage)
        {
            return tagPage == page ? 0 : 2;
        }

        private void PutTag(int tagPage, int token, bool content)
        {
            if (tagPage != page)
            {
                PutByte(WbxmlToken.SwitchPage);
                PutByte(tagPage);
                page = tagPage;
            }
            PutByte(content ? token | WbxmlToken.HasContent : token);
        }

        /// <summary>mb_u_int32: seven bits a byte, most significant first, high bit set on all but the last.</summary>
        private void PutInteger(int value)
        {
            uint bits = (uint)value;
            for (int shift = (IntegerSize(value) - 1) * 7; shift > 0; shift -= 7)
            {
                PutByte((int)(0x80 | ((bits >> shift) & 0x7F)));
            }
            PutByte((int)(bits & 0x7F));
        }

        private static int IntegerSize(int value)
        {
            uint bits = (uint)value;
            int size = 1;
            while ((bits >>= 7) != 0)
            {
                size++;
            }
            return size;
        }
    }
}

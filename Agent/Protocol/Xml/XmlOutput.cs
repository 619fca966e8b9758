namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>
    /// Writes UTF-8 XML into a byte array of fixed size, never growing it. Each call writes all of its bytes or
    /// none; the first call that does not fit sets <see cref="Overflowed"/>, and from then on every write is
    /// refused until <see cref="Rewind"/> or <see cref="Reset"/>, so the content is always a clean prefix of what
    /// was asked for. <see cref="Mark"/>/<see cref="Rewind"/> let a caller try to add something and take it back.
    /// A counter (<see cref="CreateCounter"/>) runs the same code without a buffer to measure output.
    /// </summary>
    public sealed class XmlOutput : BoundedOutput
    {
        public XmlOutput(int capacity)
            : this(new byte[capacity < 0 ? 0 : capacity])
        {
        }

        public XmlOutput(byte[] buffer)
            : base(buffer)
        {
        }

        private XmlOutput()
        {
        }

        /// <summary>An output that only counts bytes.</summary>
        public static XmlOutput CreateCounter()
        {
            return new XmlOutput();
        }

        public int Mark()
        {
            return length;
        }

        /// <summary>Drops everything written after the mark and clears the overflow.</summary>
        public void Rewind(int mark)
        {
            Truncate(mark);
        }

        /// <summary>&lt;name&gt;</summary>
        public bool StartElement(string name)
        {
            if (!Reserve(2 + Utf8Length(name)))
            {
                return false;
            }
            PutByte('<');
            PutRaw(name);
            PutByte('>');
            return true;
        }

        /// <summary>&lt;name attribute="value"&gt;, the value escaped.</summary>
        public bool StartElement(string name, string attribute, string value)
        {
            return WriteTagWithAttribute(name, attribute, value, false);
        }

        /// <summary>&lt;/name&gt;</summary>
        public bool EndElement(string name)
        {
            if (!Reserve(3 + Utf8Length(name)))
            {
                return false;
            }
            PutByte('<');
            PutByte('/');
            PutRaw(name);
            PutByte('>');
            return true;
        }

        /// <summary>&lt;name/&gt;</summary>
        public bool EmptyElement(string name)
        {
            if (!Reserve(3 + Utf8Length(name)))
            {
                return false;
            }
            PutByte('<');
            PutRaw(name);
            PutByte('/');
            PutByte('>');
            return true;
        }

        /// <summary>&lt;name attribute="value"/&gt;, the value escaped.</summary>
        public bool EmptyElement(string name, string attribute, string value)
        {
            return WriteTagWithAttribute(name, attribute, value, true);
        }

        /// <summary>&lt;name&gt;escaped value&lt;/name&gt;, or &lt;name/&gt; for an empty value.</summary>
        public bool Element(string name, string value)
        {
            if (value == null || value.Length == 0)
            {
                return EmptyElement(name);
            }
            int mark = length;
            if (StartElement(name) && Text(value) && EndElement(name))
            {
                return true;
            }
            UndoAfterOverflow(mark);
            return false;
        }

        /// <summary>&lt;name attribute="attributeValue"&gt;escaped value&lt;/name&gt;, or the empty-element form.</summary>
        public bool Element(string name, string attribute, string attributeValue, string value)
        {
            if (value == null || value.Length == 0)
            {
                return EmptyElement(name, attribute, attributeValue);
            }
            int mark = length;
            if (StartElement(name, attribute, attributeValue) && Text(value) && EndElement(name))
            {
                return true;
            }
            UndoAfterOverflow(mark);
            return false;
        }

        public bool Text(string value)
        {
            return value == null || Text(value, 0, value.Length);
        }

        /// <summary>Escaped characters value[start, start+count).</summary>
        public bool Text(string value, int start, int count)
        {
            return WriteEscaped(value, start, count, XmlEscape.Text);
        }

        /// <summary>value as a CDATA section; "]]&gt;" and CR are carried by closing and reopening the section.</summary>
        public bool CData(string value)
        {
            int count = value == null ? 0 : value.Length;
            int size = XmlEscape.Measure(value, 0, count, XmlEscape.CData);
            if (!Reserve(12 + size))
            {
                return false;
            }
            PutRaw("<![CDATA[");
            PutString(value, 0, count, XmlEscape.CData, size);
            PutRaw("]]>");
            return true;
        }

        private bool WriteTagWithAttribute(string name, string attribute, string value, bool empty)
        {
            int valueLength = value == null ? 0 : value.Length;
            int valueSize = XmlEscape.Measure(value, 0, valueLength, XmlEscape.Attribute);
            if (!Reserve(Utf8Length(name) + Utf8Length(attribute) + valueSize + (empty ? 6 : 5)))
            {
                return false;
            }
            PutByte('<');
            PutRaw(name);
            PutByte(' ');
            PutRaw(attribute);
            PutByte('=');
            PutByte('"');
            PutString(value, 0, valueLength, XmlEscape.Attribute, valueSize);
            PutByte('"');
            if (empty)
            {
                PutByte('/');
            }
            PutByte('>');
            return true;
        }

        private bool WriteEscaped(string value, int start, int count, int mode)
        {
            int size = XmlEscape.Measure(value, start, count, mode);
            if (!Reserve(size))
            {
                return false;
            }
            PutString(value, start, count, mode, size);
            return true;
        }

        /// <summary>A composite write that failed half way leaves no partial element behind.</summary>
        private void UndoAfterOverflow(int mark)
        {
            length = mark;
        }

        /// <summary>Names and fixed markup: UTF-8 without escaping.</summary>
        private void PutRaw(string s)
        {
            if (s != null)
            {
                PutString(s, 0, s.Length, XmlEscape.Raw, Utf8Length(s));
            }
        }

        private static int Utf8Length(string s)
        {
            return s == null ? 0 : XmlEscape.Measure(s, 0, s.Length, XmlEscape.Raw);
        }
    }
}

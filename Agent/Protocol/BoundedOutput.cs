using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol
{
    /// <summary>
    /// A fixed-capacity byte output shared by the XML and WBXML writers: it never grows (the buffer is the session's
    /// MaxMsgSize), a write that does not fit writes nothing and sets <see cref="Overflowed"/>, and a counter (no
    /// buffer) runs the same code to measure output.
    /// </summary>
    public abstract class BoundedOutput
    {
        protected readonly byte[] buffer;
        protected int length;
        private readonly int capacity;
        private int limit;
        private bool overflowed;

        protected BoundedOutput(byte[] buffer)
        {
            this.buffer = buffer;
            capacity = buffer.Length;
            limit = capacity;
        }

        /// <summary>A counter: no buffer, unlimited capacity.</summary>
        protected BoundedOutput()
        {
            capacity = int.MaxValue;
            limit = capacity;
        }

        /// <summary>The written bytes are Buffer[0, Length); null for a counter.</summary>
        public byte[] Buffer
        {
            get { return buffer; }
        }

        public int Length
        {
            get { return length; }
        }

        public int Capacity
        {
            get { return capacity; }
        }

        /// <summary>Writes must end at or before this offset (at most <see cref="Capacity"/>); lowering it keeps
        /// room for something the caller will append later.</summary>
        public int Limit
        {
            get { return limit; }
            set { limit = value < 0 ? 0 : value > capacity ? capacity : value; }
        }

        public int Remaining
        {
            get { return limit > length ? limit - length : 0; }
        }

        public bool Overflowed
        {
            get { return overflowed; }
        }

        /// <summary>Empties the output and restores the full capacity as limit.</summary>
        public virtual void Reset()
        {
            length = 0;
            overflowed = false;
            limit = capacity;
        }

        /// <summary>Drops everything written after <paramref name="mark"/> (a former <see cref="Length"/>) and clears
        /// the overflow.</summary>
        protected void Truncate(int mark)
        {
            if (mark >= 0 && mark <= length)
            {
                length = mark;
                overflowed = false;
            }
        }

        /// <summary>True when <paramref name="bytes"/> more fit; otherwise marks the output overflowed.</summary>
        protected bool Reserve(int bytes)
        {
            if (overflowed)
            {
                return false;
            }

            if (bytes > limit - length)
            {
                overflowed = true;
                return false;
            }

            return true;
        }

        protected void PutByte(int b)
        {
            if (buffer != null)
            {
                buffer[length] = (byte)b;
            }

            length++;
        }

        protected void PutBytes(byte[] value)
        {
            if (buffer != null)
            {
                System.Array.Copy(value, 0, buffer, length, value.Length);
            }

            length += value.Length;
        }

        /// <summary>Copies a string whose encoded size is known and reserved.</summary>
        protected void PutString(string value, int start, int count, int mode, int size)
        {
            if (buffer != null)
            {
                XmlEscape.Write(value, start, count, mode, buffer, length);
            }

            length += size;
        }
    }
}

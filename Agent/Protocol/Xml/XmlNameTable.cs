namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>Hands out one string instance per distinct ASCII name so that a message with hundreds of
    /// &lt;Item&gt; or &lt;LocURI&gt; tags allocates each name once. Permanent names (the vocabulary a caller expects)
    /// survive <see cref="ClearTransient"/>; names learnt from a document are dropped with it, so one odd message
    /// cannot fill the table for good. Bounded: when full, names are still returned, just not remembered.</summary>
    internal sealed class XmlNameTable
    {
        private readonly string[] names;
        private readonly int permanentCount;
        private int count;

        public XmlNameTable(string[] permanent, int transientCapacity)
        {
            int permanentLength = permanent == null ? 0 : permanent.Length;
            names = new string[permanentLength + transientCapacity];
            for (int i = 0; i < permanentLength; i++)
            {
                if (permanent[i] != null && IsAscii(permanent[i]))
                {
                    names[count++] = permanent[i];
                }
            }
            permanentCount = count;
        }

        public void ClearTransient()
        {
            for (int i = permanentCount; i < count; i++)
            {
                names[i] = null;
            }
            count = permanentCount;
        }

        /// <summary>The string for buffer[start, start+length), which must be ASCII (a byte compares equal to a
        /// char only then).</summary>
        public string Get(byte[] buffer, int start, int length)
        {
            for (int i = 0; i < count; i++)
            {
                if (Matches(names[i], buffer, start, length))
                {
                    return names[i];
                }
            }
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)buffer[start + i];
            }
            string name = new string(chars);
            if (count < names.Length)
            {
                names[count++] = name;
            }
            return name;
        }

        private static bool Matches(string name, byte[] buffer, int start, int length)
        {
            if (name.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (name[i] != buffer[start + i])
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsAscii(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] >= 0x80)
                {
                    return false;
                }
            }
            return true;
        }
    }
}

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Comparisons whose duration does not depend on where the inputs differ, so a peer probing
    /// credentials or MACs cannot learn a correct prefix from response timing. Lengths are not secret (digests
    /// have a fixed size) and may end the comparison early.</summary>
    public static class ConstantTime
    {
        public static bool AreEqual(string a, string b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }
            return difference == 0;
        }

        public static bool AreEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            return AreEqual(a, 0, b, 0, a.Length);
        }

        /// <summary>False (never an exception) when either range lies outside its array.</summary>
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            if (a == null || b == null || count < 0 || aOffset < 0 || bOffset < 0
                || aOffset > a.Length - count || bOffset > b.Length - count)
            {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }
            return difference == 0;
        }
    }
}

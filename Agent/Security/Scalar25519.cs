namespace NanoOmaDm.Agent.Security
{
    /// <summary>Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.</summary>
    internal static class Scalar25519
    {
        private static readonly byte[] Order =
        {
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10
        };

        /// <summary>True when the 32 bytes at input[offset..] encode a value below L (RFC 8032 rejects S ≥ L, which
        /// would otherwise make signatures malleable).</summary>
        public static bool IsCanonical(byte[] input, int offset)
        {
            for (int i = 31; i >= 0; i--)
            {
                int a = input[offset + i];
                int b = Order[i];
                if (a != b)
                {
                    return a < b;
                }
            }
            return false;
        }

        /// <summary>Reduces the 64-byte little-endian value in wide (loaded as one byte per long, destroyed) modulo L
        /// into output[0..32] (TweetNaCl's modL: signed byte limbs, folding 2^252 ≡ -(L - 2^252)).</summary>
        public static void Reduce(byte[] output, long[] wide)
        {
            long carry;
            for (int i = 63; i >= 32; i--)
            {
                carry = 0;
                int j = i - 32;
                for (; j < i - 12; j++)
                {
                    wide[j] += carry - 16 * wide[i] * Order[j - (i - 32)];
                    carry = (wide[j] + 128) >> 8;
                    wide[j] -= carry << 8;
                }
                wide[j] += carry;
                wide[i] = 0;
            }
            carry = 0;
            for (int j = 0; j < 32; j++)
            {
                wide[j] += carry - (wide[31] >> 4) * Order[j];
                carry = wide[j] >> 8;
                wide[j] &= 255;
            }
            for (int j = 0; j < 32; j++)
            {
                wide[j] -= carry * Order[j];
            }
            for (int i = 0; i < 32; i++)
            {
                wide[i + 1] += wide[i] >> 8;
                output[i] = (byte)(wide[i] & 255);
            }
        }
    }
}

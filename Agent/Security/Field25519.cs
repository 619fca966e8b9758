using System;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Arithmetic modulo p = 2^255 - 19 on ten limbs of alternately 26 and 25 bits (radix 2^25.5, as in
    /// ref10), held in longs. A product needs 100 limb multiplications (55 for a square) where 16-bit limbs would need
    /// 256: that matters on the nanoFramework interpreter. Every operation leaves its result carried (limbs back
    /// within their width, give or take a few units), which keeps all intermediate sums below 2^61.
    /// An instance owns the scratch arrays, so no operation allocates.</summary>
    internal sealed class Field25519
    {
        public const int LimbCount = 10;

        private readonly long[] _product = new long[LimbCount];
        private readonly long[] _t0 = new long[LimbCount];
        private readonly long[] _t1 = new long[LimbCount];
        private readonly long[] _t2 = new long[LimbCount];
        private readonly long[] _t3 = new long[LimbCount];
        private readonly byte[] _bytesA = new byte[32];
        private readonly byte[] _bytesB = new byte[32];

        public static long[] Create()
        {
            return new long[LimbCount];
        }

        public static void Copy(long[] r, long[] a)
        {
            Array.Copy(a, r, LimbCount);
        }

        public static void SetSmall(long[] r, int value)
        {
            Array.Clear(r, 0, LimbCount);
            r[0] = value;
        }

        public static void Add(long[] r, long[] a, long[] b)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                r[i] = a[i] + b[i];
            }
            Carry(r);
        }

        public static void Sub(long[] r, long[] a, long[] b)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                r[i] = a[i] - b[i];
            }
            Carry(r);
        }

        public static void Negate(long[] r, long[] a)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                r[i] = -a[i];
            }
            Carry(r);
        }

        /// <summary>r = a * b; r may be a or b. Limb i weighs 2^ceil(25.5 i): the product of two odd limbs lands half
        /// a bit high (factor 2), and limbs past 2^255 wrap around with factor 19.</summary>
        public void Mul(long[] r, long[] a, long[] b)
        {
            long[] t = _product;
            Array.Clear(t, 0, LimbCount);
            for (int i = 0; i < LimbCount; i++)
            {
                long ai = a[i];
                long ai2 = (i & 1) == 1 ? ai << 1 : ai;
                int k = i;
                for (int j = 0; j < LimbCount; j++)
                {
                    long product = ((j & 1) == 1 ? ai2 : ai) * b[j];
                    if (k < LimbCount)
                    {
                        t[k] += product;
                    }
                    else
                    {
                        t[k - LimbCount] += 19 * product;
                    }
                    k++;
                }
            }
            Copy(r, t);
            Carry(r);
        }

        /// <summary>r = a^2 with the symmetric products counted once; r may be a.</summary>
        public void Square(long[] r, long[] a)
        {
            long[] t = _product;
            Array.Clear(t, 0, LimbCount);
            for (int i = 0; i < LimbCount; i++)
            {
                long ai = a[i];
                long diagonal = ai * ai;
                if ((i & 1) == 1)
                {
                    diagonal <<= 1;
                }
                AddAt(t, i + i, diagonal);
                long ai2 = ai << 1;
                long ai4 = (i & 1) == 1 ? ai << 2 : ai2;
                for (int j = i + 1; j < LimbCount; j++)
                {
                    AddAt(t, i + j, ((j & 1) == 1 ? ai4 : ai2) * a[j]);
                }
            }
            Copy(r, t);
            Carry(r);
        }

        /// <summary>r = 1 / a = a^(p-2); r may be a.</summary>
        public void Invert(long[] r, long[] a)
        {
            PowTwo250MinusOne(a);
            SquareTimes(_t1, 5);
            Mul(r, _t1, _t0);
        }

        /// <summary>r = a^((p-5)/8) = a^(2^252-3), the core of the square root in point decoding; r must not be a.</summary>
        public void Pow2523(long[] r, long[] a)
        {
            PowTwo250MinusOne(a);
            SquareTimes(_t1, 2);
            Mul(r, _t1, a);
        }

        /// <summary>Canonical little-endian encoding (value reduced below p).</summary>
        public void Pack(byte[] output, int offset, long[] a)
        {
            long[] h = _product;
            Copy(h, a);
            Carry(h);
            // q = 1 exactly when h ≥ p: h + 19 then overflows 2^255. Subtract q p by adding 19 q and dropping 2^255.
            long q = (19 * h[9] + (1L << 24)) >> 25;
            for (int i = 0; i < LimbCount; i++)
            {
                q = (h[i] + q) >> Width(i);
            }
            h[0] += 19 * q;
            for (int i = 0; i < LimbCount - 1; i++)
            {
                long carry = h[i] >> Width(i);
                h[i + 1] += carry;
                h[i] -= carry << Width(i);
            }
            h[9] &= (1L << 25) - 1;

            ulong bits = 0;
            int bitCount = 0;
            int position = offset;
            for (int i = 0; i < LimbCount; i++)
            {
                bits |= (ulong)h[i] << bitCount;
                bitCount += Width(i);
                while (bitCount >= 8)
                {
                    output[position++] = (byte)bits;
                    bits >>= 8;
                    bitCount -= 8;
                }
            }
            output[position] = (byte)bits;
        }

        /// <summary>Reads 255 bits little-endian (the top bit is ignored: it carries the sign of x in points). The
        /// value may be p or more; callers that need canonical input compare with <see cref="Pack"/>.</summary>
        public static void Unpack(long[] r, byte[] input, int offset)
        {
            ulong bits = 0;
            int bitCount = 0;
            int position = offset;
            for (int i = 0; i < LimbCount; i++)
            {
                int width = Width(i);
                while (bitCount < width)
                {
                    bits |= (ulong)input[position++] << bitCount;
                    bitCount += 8;
                }
                r[i] = (long)(bits & ((1UL << width) - 1));
                bits >>= width;
                bitCount -= width;
            }
        }

        public bool AreEqual(long[] a, long[] b)
        {
            Pack(_bytesA, 0, a);
            Pack(_bytesB, 0, b);
            int difference = 0;
            for (int i = 0; i < 32; i++)
            {
                difference |= _bytesA[i] ^ _bytesB[i];
            }
            return difference == 0;
        }

        public bool IsZero(long[] a)
        {
            Pack(_bytesA, 0, a);
            int bits = 0;
            for (int i = 0; i < 32; i++)
            {
                bits |= _bytesA[i];
            }
            return bits == 0;
        }

        /// <summary>Low bit of the canonical value: the "sign" of x in the point encoding.</summary>
        public int Parity(long[] a)
        {
            Pack(_bytesA, 0, a);
            return _bytesA[0] & 1;
        }

        /// <summary>Leaves a^11 in _t0 and a^(2^250-1) in _t1 (the addition chain of ref10: 250 squarings, 11
        /// multiplications, instead of one multiplication per exponent bit).</summary>
        private void PowTwo250MinusOne(long[] a)
        {
            long[] t0 = _t0, t1 = _t1, t2 = _t2;
            Square(t0, a);
            Square(t1, t0);
            Square(t1, t1);
            Mul(t1, t1, a);
            Mul(t0, t0, t1);
            Square(t2, t0);
            Mul(t1, t1, t2);
            Copy(t2, t1);
            SquareTimes(t2, 5);
            Mul(t1, t2, t1);
            Copy(t2, t1);
            SquareTimes(t2, 10);
            Mul(t2, t2, t1);
            ChainStep(t2, 20);
            SquareTimes(t2, 10);
            Mul(t1, t2, t1);
            Copy(t2, t1);
            SquareTimes(t2, 50);
            Mul(t2, t2, t1);
            ChainStep(t2, 100);
            SquareTimes(t2, 50);
            Mul(t1, t2, t1);
        }

        /// <summary>x = x^(2^n) * x.</summary>
        private void ChainStep(long[] x, int n)
        {
            long[] saved = _t3;
            Copy(saved, x);
            SquareTimes(x, n);
            Mul(x, x, saved);
        }

        private void SquareTimes(long[] x, int n)
        {
            for (int i = 0; i < n; i++)
            {
                Square(x, x);
            }
        }

        private static void AddAt(long[] t, int k, long product)
        {
            if (k < LimbCount)
            {
                t[k] += product;
            }
            else
            {
                t[k - LimbCount] += 19 * product;
            }
        }

        private static int Width(int limb)
        {
            return (limb & 1) == 0 ? 26 : 25;
        }

        /// <summary>Brings every limb back within its width (floor division, so limbs end non-negative); the carry out
        /// of the top limb wraps into limb 0 times 19, and limb 0 is carried once more.</summary>
        private static void Carry(long[] r)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                int width = (i & 1) == 0 ? 26 : 25;
                long carry = r[i] >> width;
                r[i] -= carry << width;
                if (i < LimbCount - 1)
                {
                    r[i + 1] += carry;
                }
                else
                {
                    r[0] += 19 * carry;
                }
            }
            long again = r[0] >> 26;
            r[0] -= again << 26;
            r[1] += again;
        }
    }
}

using System;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Group operations on edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) for signature verification. Uses the
    /// complete formulas of Hisil et al. (add-2008-hwcd-3, dbl-2008-hwcd), valid for every pair of curve points, so no
    /// special cases are needed. Verification handles only public data, so nothing here needs to be constant time.</summary>
    internal sealed class Ed25519Curve
    {
        // Little-endian encodings of d = -121665/121666, 2d, sqrt(-1), and the base point B (y = 4/5, x even).
        private static readonly byte[] DBytes =
        {
            0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
            0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52
        };

        private static readonly byte[] D2Bytes =
        {
            0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83, 0x82, 0x9a, 0x14, 0xe0, 0x00,
            0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80, 0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24
        };

        private static readonly byte[] SqrtMinusOneBytes =
        {
            0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
            0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b
        };

        private static readonly byte[] BaseXBytes =
        {
            0x1a, 0xd5, 0x25, 0x8f, 0x60, 0x2d, 0x56, 0xc9, 0xb2, 0xa7, 0x25, 0x95, 0x60, 0xc7, 0x2c, 0x69,
            0x5c, 0xdc, 0xd6, 0xfd, 0x31, 0xe2, 0xa4, 0xc0, 0xfe, 0x53, 0x6e, 0xcd, 0xd3, 0x36, 0x69, 0x21
        };

        private static readonly byte[] BaseYBytes =
        {
            0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
            0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66
        };

        private static readonly long[] D = Constant(DBytes);
        private static readonly long[] D2 = Constant(D2Bytes);
        private static readonly long[] SqrtMinusOne = Constant(SqrtMinusOneBytes);
        private static readonly long[] BaseX = Constant(BaseXBytes);
        private static readonly long[] BaseY = Constant(BaseYBytes);

        private readonly Field25519 _f = new Field25519();
        private readonly long[] _a = Field25519.Create();
        private readonly long[] _b = Field25519.Create();
        private readonly long[] _c = Field25519.Create();
        private readonly long[] _d = Field25519.Create();
        private readonly long[] _e = Field25519.Create();
        private readonly long[] _g = Field25519.Create();
        private readonly long[] _h = Field25519.Create();
        private readonly long[] _k = Field25519.Create();
        private readonly byte[] _encoding = new byte[32];

        public void SetBase(Ed25519Point r)
        {
            Field25519.Copy(r.X, BaseX);
            Field25519.Copy(r.Y, BaseY);
            Field25519.SetSmall(r.Z, 1);
            _f.Mul(r.T, BaseX, BaseY);
        }

        /// <summary>r = p + q; r may be p or q.</summary>
        public void Add(Ed25519Point r, Ed25519Point p, Ed25519Point q)
        {
            Field25519 f = _f;
            long[] a = _a, b = _b, c = _c, d = _d, t = _k;
            Field25519.Sub(a, p.Y, p.X);
            Field25519.Sub(t, q.Y, q.X);
            f.Mul(a, a, t);
            Field25519.Add(b, p.Y, p.X);
            Field25519.Add(t, q.Y, q.X);
            f.Mul(b, b, t);
            f.Mul(c, p.T, q.T);
            f.Mul(c, c, D2);
            f.Mul(d, p.Z, q.Z);
            Field25519.Add(d, d, d);
            Finish(r, a, b, c, d);
        }

        /// <summary>r = 2p; r may be p.</summary>
        public void Double(Ed25519Point r, Ed25519Point p)
        {
            Field25519 f = _f;
            long[] a = _a, b = _b, c = _c, e = _e, ff = _d, g = _g, h = _h;
            // dbl-2008-hwcd with a = -1: E = (X+Y)^2 - A - B, G = B - A, F = G - 2Z^2, H = -A - B.
            f.Square(a, p.X);
            f.Square(b, p.Y);
            f.Square(c, p.Z);
            Field25519.Add(c, c, c);
            Field25519.Add(e, p.X, p.Y);
            f.Square(e, e);
            Field25519.Sub(e, e, a);
            Field25519.Sub(e, e, b);
            Field25519.Sub(g, b, a);
            Field25519.Sub(ff, g, c);
            Field25519.Negate(h, a);
            Field25519.Sub(h, h, b);
            f.Mul(r.X, e, ff);
            f.Mul(r.Y, g, h);
            f.Mul(r.T, e, h);
            f.Mul(r.Z, ff, g);
        }

        /// <summary>Writes the 32-byte encoding of p: y with the parity of x in the top bit.</summary>
        public void Encode(byte[] output, int offset, Ed25519Point p)
        {
            Field25519 f = _f;
            f.Invert(_a, p.Z);
            f.Mul(_b, p.X, _a);
            f.Mul(_c, p.Y, _a);
            f.Pack(output, offset, _c);
            output[offset + 31] |= (byte)(f.Parity(_b) << 7);
        }

        /// <summary>Decodes the point encoded at input[offset..] and stores its negation in r (verification needs -A).
        /// Strict as RFC 8032 §5.1.3: fails for y ≥ p, for x^2 without a square root, and for x = 0 with the sign bit set.</summary>
        public bool DecodeNegated(Ed25519Point r, byte[] input, int offset)
        {
            Field25519 f = _f;
            long[] y = r.Y, x = r.X, num = _a, den = _b, t = _c, check = _d;
            Field25519.Unpack(y, input, offset);
            f.Pack(_encoding, 0, y);
            for (int i = 0; i < 31; i++)
            {
                if (_encoding[i] != input[offset + i])
                {
                    return false;
                }
            }
            if (_encoding[31] != (input[offset + 31] & 0x7f))
            {
                return false;
            }

            // x^2 = (y^2 - 1) / (d y^2 + 1) = u / v; candidate x = u v^3 (u v^7)^((p-5)/8).
            Field25519.SetSmall(r.Z, 1);
            f.Square(num, y);
            f.Mul(den, num, D);
            Field25519.Sub(num, num, r.Z);
            Field25519.Add(den, den, r.Z);

            f.Square(t, den);
            f.Mul(t, t, den);
            f.Mul(x, t, num);
            f.Square(t, t);
            f.Mul(t, t, den);
            f.Mul(t, t, num);
            f.Pow2523(check, t);
            f.Mul(x, x, check);

            f.Square(check, x);
            f.Mul(check, check, den);
            if (!f.AreEqual(check, num))
            {
                f.Mul(x, x, SqrtMinusOne);
                f.Square(check, x);
                f.Mul(check, check, den);
                if (!f.AreEqual(check, num))
                {
                    return false;
                }
            }

            int sign = input[offset + 31] >> 7;
            if (sign == 1 && f.IsZero(x))
            {
                return false;
            }
            // Negate when the parity already matches the sign: the result is -A.
            if (f.Parity(x) == sign)
            {
                Field25519.Negate(x, x);
            }
            f.Mul(r.T, x, y);
            return true;
        }

        private static long[] Constant(byte[] encoding)
        {
            long[] value = Field25519.Create();
            Field25519.Unpack(value, encoding, 0);
            return value;
        }

        private void Finish(Ed25519Point r, long[] a, long[] b, long[] c, long[] d)
        {
            Field25519 f = _f;
            long[] e = _e, ff = _k, g = _g, h = _h;
            Field25519.Sub(e, b, a);
            Field25519.Sub(ff, d, c);
            Field25519.Add(g, d, c);
            Field25519.Add(h, b, a);
            f.Mul(r.X, e, ff);
            f.Mul(r.Y, g, h);
            f.Mul(r.Z, ff, g);
            f.Mul(r.T, e, h);
        }
    }
}

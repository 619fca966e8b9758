namespace NanoOmaDm.Agent.Security
{
    /// <summary>Incremental MD5 (RFC 1321). nanoFramework has no MD5 class, and SyncML authentication, the HMAC
    /// transport header and the Pkg#0 digest are all built on MD5. MD5 is used here only because the protocol
    /// demands it; do not pick it for anything new.</summary>
    public sealed class Md5 : IBlockTransform, IIncrementalHash
    {
        public const int HashLength = 16;

        private const int BlockLength = 64;

        // RFC 1321 §3.4: T[i] = floor(2^32 * abs(sin(i + 1))).
        private static readonly uint[] RoundConstants =
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
        };

        // Per-round rotation amounts; within a round they repeat every four steps.
        private static readonly int[] Rotations =
        {
            7, 12, 17, 22,
            5, 9, 14, 20,
            4, 11, 16, 23,
            6, 10, 15, 21
        };

        private readonly HashBlockBuffer _buffer;
        private readonly uint[] _words = new uint[16];
        private uint _a, _b, _c, _d;

        public Md5()
        {
            _buffer = new HashBlockBuffer(this, BlockLength, lengthFieldLength: 8, littleEndianLength: true);
            Reset();
        }

        public void Reset()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
            _buffer.TotalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _buffer.Update(data, offset, count);
        }

        /// <summary>Writes the 16-byte digest to output[offset..] and resets the instance for reuse.</summary>
        public void Final(byte[] output, int offset)
        {
            HashBlockBuffer.CheckOutput(output, offset, HashLength);
            _buffer.Pad();

            WriteLittleEndian(_a, output, offset);
            WriteLittleEndian(_b, output, offset + 4);
            WriteLittleEndian(_c, output, offset + 8);
            WriteLittleEndian(_d, output, offset + 12);
            Reset();
        }

        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Md5 md5 = new Md5();
            md5.Update(data, offset, count);
            byte[] hash = new byte[HashLength];
            md5.Final(hash, 0);
            return hash;
        }

        // One loop per round instead of helper calls: on the nanoFramework interpreter every call allocates a frame.
        void IBlockTransform.Transform(byte[] data, int offset)
        {
            uint[] x = _words;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + (i << 2);
                x[i] = data[p] | ((uint)data[p + 1] << 8) | ((uint)data[p + 2] << 16) | ((uint)data[p + 3] << 24);
            }

            uint a = _a, b = _b, c = _c, d = _d;
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int word;
                int round = i >> 4;
                if (round == 0)
                {
                    f = (b & c) | (~b & d);
                    word = i;
                }
                else if (round == 1)
                {
                    f = (d & b) | (~d & c);
                    word = (5 * i + 1) & 15;
                }
                else if (round == 2)
                {
                    f = b ^ c ^ d;
                    word = (3 * i + 5) & 15;
                }
                else
                {
                    f = c ^ (b | ~d);
                    word = (7 * i) & 15;
                }

                uint t = a + f + RoundConstants[i] + x[word];
                int s = Rotations[(round << 2) | (i & 3)];
                a = d;
                d = c;
                c = b;
                b += (t << s) | (t >> (32 - s));
            }

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }

        private static void WriteLittleEndian(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }
    }
}

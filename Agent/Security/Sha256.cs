using System;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Incremental SHA-256 (FIPS 180-4). nanoFramework stable has no SHA-256 class, and package images are
    /// far too large to hash in one piece. The running state can be exported and imported so that a download
    /// interrupted by a reboot resumes hashing where it stopped instead of re-reading the whole image.</summary>
    public sealed class Sha256 : IBlockTransform, IIncrementalHash
    {
        public const int HashLength = 32;

        /// <summary>Largest exported state: chaining value (32), byte count (8) and an almost full block (63).</summary>
        public const int MaxStateLength = 32 + 8 + BlockLength - 1;

        private const int BlockLength = 64;

        // FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] RoundConstants =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
        };

        private readonly HashBlockBuffer _buffer;
        private readonly uint[] _schedule = new uint[64];
        private readonly uint[] _h = new uint[8];

        public Sha256()
        {
            _buffer = new HashBlockBuffer(this, BlockLength, lengthFieldLength: 8, littleEndianLength: false);
            Reset();
        }

        /// <summary>Bytes hashed since the last reset.</summary>
        public long Length
        {
            get { return (long)_buffer.TotalBytes; }
        }

        /// <summary>Size of the state <see cref="ExportState"/> writes now: it carries the unfinished block.</summary>
        public int StateLength
        {
            get { return 40 + _buffer.Fill; }
        }

        public void Reset()
        {
            // FIPS 180-4 §5.3.3: first 32 bits of the fractional parts of the square roots of the first 8 primes.
            _h[0] = 0x6a09e667;
            _h[1] = 0xbb67ae85;
            _h[2] = 0x3c6ef372;
            _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f;
            _h[5] = 0x9b05688c;
            _h[6] = 0x1f83d9ab;
            _h[7] = 0x5be0cd19;
            _buffer.TotalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _buffer.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte digest to output[offset..] and resets the instance for reuse.</summary>
        public void Final(byte[] output, int offset)
        {
            HashBlockBuffer.CheckOutput(output, offset, HashLength);
            _buffer.Pad();

            for (int i = 0; i < 8; i++)
            {
                WriteBigEndian(_h[i], output, offset + (i << 2));
            }
            Reset();
        }

        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha256 sha = new Sha256();
            sha.Update(data, offset, count);
            byte[] hash = new byte[HashLength];
            sha.Final(hash, 0);
            return hash;
        }

        /// <summary>Writes the running state (<see cref="StateLength"/> bytes) to output[offset..] and returns its
        /// length. Layout: chaining value big-endian, byte count big-endian, then the unfinished block.</summary>
        public int ExportState(byte[] output, int offset)
        {
            int length = StateLength;
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }
            if (offset < 0 || offset > output.Length - length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            for (int i = 0; i < 8; i++)
            {
                WriteBigEndian(_h[i], output, offset + (i << 2));
            }
            WriteBigEndian((uint)(_buffer.TotalBytes >> 32), output, offset + 32);
            WriteBigEndian((uint)_buffer.TotalBytes, output, offset + 36);
            Array.Copy(_buffer.Block, 0, output, offset + 40, _buffer.Fill);
            return length;
        }

        /// <summary>Continues from a state written by <see cref="ExportState"/>. Returns false, and leaves the
        /// instance unchanged, when the bytes cannot be such a state (wrong length for the byte count they carry).</summary>
        public bool ImportState(byte[] input, int offset, int count)
        {
            if (input == null || offset < 0 || count < 40 || offset > input.Length - count)
            {
                return false;
            }

            ulong total = ((ulong)ReadBigEndian(input, offset + 32) << 32) | ReadBigEndian(input, offset + 36);
            int fill = (int)(total & (BlockLength - 1));
            if (count != 40 + fill || total > long.MaxValue)
            {
                return false;
            }

            for (int i = 0; i < 8; i++)
            {
                _h[i] = ReadBigEndian(input, offset + (i << 2));
            }
            _buffer.TotalBytes = total;
            Array.Copy(input, offset + 40, _buffer.Block, 0, fill);
            return true;
        }

        // One method with local working variables: on the nanoFramework interpreter every call allocates a frame.
        void IBlockTransform.Transform(byte[] data, int offset)
        {
            uint[] w = _schedule;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + (i << 2);
                w[i] = ((uint)data[p] << 24) | ((uint)data[p + 1] << 16) | ((uint)data[p + 2] << 8) | data[p + 3];
            }
            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            uint[] h = _h;
            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            uint[] k = RoundConstants;
            for (int i = 0; i < 64; i++)
            {
                uint sum1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint choose = (e & f) ^ (~e & g);
                uint t1 = hh + sum1 + choose + k[i] + w[i];
                uint sum0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = sum0 + majority;
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }

        private static void WriteBigEndian(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        private static uint ReadBigEndian(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }
    }
}

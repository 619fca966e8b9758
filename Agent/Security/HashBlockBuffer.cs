using System;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Block buffering and Merkle-Damgard padding shared by MD5, SHA-256 and SHA-512: they differ only in
    /// block size, the width and byte order of the trailing length field, and the compression function.</summary>
    internal sealed class HashBlockBuffer
    {
        /// <summary>Holds the unfinished block; its first <see cref="Fill"/> bytes are message data.</summary>
        public readonly byte[] Block;

        /// <summary>Bytes hashed since the owner's last reset. The block size is a power of two, so the unfinished
        /// block's length follows from it and is not stored separately.</summary>
        public ulong TotalBytes;

        private readonly IBlockTransform _transform;
        private readonly int _lengthFieldLength;
        private readonly bool _littleEndianLength;

        public HashBlockBuffer(IBlockTransform transform, int blockLength, int lengthFieldLength, bool littleEndianLength)
        {
            _transform = transform;
            Block = new byte[blockLength];
            _lengthFieldLength = lengthFieldLength;
            _littleEndianLength = littleEndianLength;
        }

        public int Fill
        {
            get { return (int)(TotalBytes & (ulong)(Block.Length - 1)); }
        }

        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int blockLength = Block.Length;
            int fill = Fill;
            TotalBytes += (ulong)count;
            if (fill > 0)
            {
                int take = blockLength - fill;
                if (take > count)
                {
                    take = count;
                }
                Array.Copy(data, offset, Block, fill, take);
                fill += take;
                offset += take;
                count -= take;
                if (fill < blockLength)
                {
                    return;
                }
                _transform.Transform(Block, 0);
            }

            // Whole blocks are hashed straight from the caller's buffer to skip a copy.
            while (count >= blockLength)
            {
                _transform.Transform(data, offset);
                offset += blockLength;
                count -= blockLength;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, Block, 0, count);
            }
        }

        /// <summary>Appends 0x80, zeros, then the message length in bits, and transforms the last block(s). The
        /// length field may be wider than 64 bits (SHA-512); messages here are far below 2^61 bytes, so its upper
        /// bytes are zero. The owner must reset afterwards.</summary>
        public void Pad()
        {
            int blockLength = Block.Length;
            ulong bitLength = TotalBytes << 3;
            int fill = Fill;

            Block[fill++] = 0x80;
            if (fill > blockLength - _lengthFieldLength)
            {
                Array.Clear(Block, fill, blockLength - fill);
                _transform.Transform(Block, 0);
                fill = 0;
            }
            Array.Clear(Block, fill, blockLength - 8 - fill);
            for (int i = 0; i < 8; i++)
            {
                int p = _littleEndianLength ? blockLength - 8 + i : blockLength - 1 - i;
                Block[p] = (byte)bitLength;
                bitLength >>= 8;
            }
            _transform.Transform(Block, 0);
        }

        public static void CheckOutput(byte[] output, int offset, int length)
        {
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }
            if (offset < 0 || offset > output.Length - length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }
        }
    }
}

namespace NanoOmaDm.Agent.Store
{
    /// <summary>CRC-32 as in zlib and zip (reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF),
    /// a nibble at a time: a 16-entry table (64 bytes) instead of the usual 1 KB, which matters more on a microcontroller
    /// than the extra shift per byte.</summary>
    public static class Crc32
    {
        public const uint Initial = 0xFFFFFFFF;

        private static readonly uint[] Table =
        {
            0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
            0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C
        };

        /// <summary>Continues a running CRC (start with <see cref="Initial"/>) over bytes.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                crc = (crc >> 4) ^ Table[crc & 15];
                crc = (crc >> 4) ^ Table[crc & 15];
            }
            return crc;
        }

        /// <summary>The CRC value of a running CRC.</summary>
        public static uint Finish(uint crc)
        {
            return ~crc;
        }

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Initial, data, offset, count));
        }
    }
}

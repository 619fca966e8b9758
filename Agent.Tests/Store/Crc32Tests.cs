using System.IO.Compression;
using System.Text;
using NanoOmaDm.Agent.Store;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    public class Crc32Tests
    {
        [Fact]
        public void CheckValueOfTheStandard()
        {
            // The published check value of CRC-32/ISO-HDLC (zlib, zip, Ethernet).
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
            Assert.Equal(0u, Crc32.Compute(data, 0, 0));
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 100)]
        [InlineData(3, 4096)]
        [InlineData(4, 70_001)]
        public void MatchesTheCrcThatZipRecords(int seed, int length)
        {
            byte[] data = StoreKit.Random(length, seed);
            Assert.Equal(ZipCrc(data), Crc32.Compute(data, 0, data.Length));
        }

        [Fact]
        public void RunningCrcOverPiecesEqualsOneShot()
        {
            byte[] data = StoreKit.Random(1000, 9);
            var random = new Random(5);
            uint crc = Crc32.Initial;
            int offset = 0;
            while (offset < data.Length)
            {
                int count = Math.Min(random.Next(1, 70), data.Length - offset);
                crc = Crc32.Update(crc, data, offset, count);
                offset += count;
            }

            Assert.Equal(Crc32.Compute(data, 0, data.Length), Crc32.Finish(crc));
        }

        /// <summary>The CRC that System.IO.Compression writes into a zip's central directory (an independent implementation).</summary>
        private static uint ZipCrc(byte[] data)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, true))
            {
                using Stream entry = zip.CreateEntry("x", CompressionLevel.NoCompression).Open();
                entry.Write(data, 0, data.Length);
            }

            buffer.Position = 0;
            using var read = new ZipArchive(buffer, ZipArchiveMode.Read);
            return read.GetEntry("x").Crc32;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    public class Md5Tests
    {
        // RFC 1321 appendix A.5 test suite.
        [Theory]
        [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
        [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
        [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
        [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
        [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
        [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
        [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
        public void Rfc1321Suite(string input, string expectedHex)
        {
            byte[] data = Encoding.ASCII.GetBytes(input);
            byte[] hash = Md5.Hash(data, 0, data.Length);
            Assert.Equal(expectedHex, Convert.ToHexString(hash).ToLowerInvariant());
            Assert.Equal(MD5.HashData(data), hash);
        }

        [Theory]
        [InlineData(55)]
        [InlineData(56)]
        [InlineData(57)]
        [InlineData(63)]
        [InlineData(64)]
        [InlineData(65)]
        [InlineData(119)]
        [InlineData(120)]
        [InlineData(128)]
        [InlineData(100_000)]
        public void PaddingBoundariesMatchDotNet(int length)
        {
            byte[] data = new byte[length];
            new Random(length).NextBytes(data);
            Assert.Equal(MD5.HashData(data), Md5.Hash(data, 0, length));
        }

        [Fact]
        public void RandomLengthsInRandomSlicesMatchDotNet()
        {
            var random = new Random(1321);
            var md5 = new Md5();
            byte[] output = new byte[Md5.HashLength];
            for (int run = 0; run < 3000; run++)
            {
                int length = random.Next(0, 2001);
                int lead = random.Next(0, 8);
                byte[] buffer = new byte[lead + length + random.Next(0, 8)];
                random.NextBytes(buffer);

                int position = lead;
                int remaining = length;
                while (remaining > 0)
                {
                    int slice = random.Next(0, Math.Min(remaining, 150) + 1);
                    md5.Update(buffer, position, slice);
                    position += slice;
                    remaining -= slice;
                }
                md5.Final(output, 0);

                Assert.Equal(MD5.HashData(buffer.AsSpan(lead, length)), output);
            }
        }

        [Fact]
        public void FinalResetsTheInstanceForReuse()
        {
            byte[] first = Encoding.ASCII.GetBytes("first input");
            byte[] second = Encoding.ASCII.GetBytes("second");
            var md5 = new Md5();
            byte[] output = new byte[Md5.HashLength];

            md5.Update(first, 0, first.Length);
            md5.Final(output, 0);
            Assert.Equal(MD5.HashData(first), output);

            md5.Update(second, 0, second.Length);
            md5.Final(output, 0);
            Assert.Equal(MD5.HashData(second), output);
        }

        [Fact]
        public void ResetDiscardsPendingInput()
        {
            byte[] data = Encoding.ASCII.GetBytes("kept");
            var md5 = new Md5();
            md5.Update(new byte[100], 0, 100);
            md5.Reset();
            md5.Update(data, 0, data.Length);
            byte[] output = new byte[Md5.HashLength];
            md5.Final(output, 0);
            Assert.Equal(MD5.HashData(data), output);
        }

        [Fact]
        public void FinalWritesOnlyAtTheGivenOffset()
        {
            byte[] data = Encoding.ASCII.GetBytes("abc");
            var md5 = new Md5();
            md5.Update(data, 0, data.Length);
            byte[] output = Enumerable.Repeat((byte)0xEE, 20).ToArray();
            md5.Final(output, 3);

            Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE }, output[..3]);
            Assert.Equal(MD5.HashData(data), output[3..19]);
            Assert.Equal(0xEE, output[19]);
        }

        [Fact]
        public void HashHonoursOffsetAndCount()
        {
            byte[] buffer = Encoding.ASCII.GetBytes("xxmessage digestyy");
            Assert.Equal(MD5.HashData(Encoding.ASCII.GetBytes("message digest")), Md5.Hash(buffer, 2, 14));
        }

        [Fact]
        public void InvalidRangesAreRejected()
        {
            var md5 = new Md5();
            byte[] buffer = new byte[10];
            Assert.Throws<ArgumentNullException>(() => md5.Update(null, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => md5.Update(buffer, -1, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => md5.Update(buffer, 0, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => md5.Update(buffer, 5, 6));
            Assert.Throws<ArgumentOutOfRangeException>(() => md5.Final(new byte[16], 1));
            Assert.Throws<ArgumentNullException>(() => md5.Final(null, 0));
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    public class Sha256Tests
    {
        private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

        private static byte[] Portable(byte[] data) => Agent.Security.Sha256.Hash(data, 0, data.Length);

        // FIPS 180-2 Appendix B / the NIST CSHS example values (published digests, not computed here).
        [Theory]
        [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
        public void FipsVectors(string message, string digest)
        {
            Assert.Equal(digest, Hex(Portable(Encoding.ASCII.GetBytes(message))));
        }

        [Fact]
        public void MillionAs()
        {
            var sha = new Agent.Security.Sha256();
            byte[] a = Enumerable.Repeat((byte)'a', 1000).ToArray();
            for (int i = 0; i < 1000; i++)
            {
                sha.Update(a, 0, a.Length);
            }

            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex(digest));
        }

        [Fact]
        public void MatchesDotNetForEveryLengthAroundTheBlockAndRandomChunking()
        {
            var random = new Random(180);
            for (int length = 0; length < 300; length++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                var sha = new Agent.Security.Sha256();
                int at = 0;
                while (at < length)
                {
                    int n = Math.Min(random.Next(0, 70), length - at);
                    sha.Update(data, at, n);
                    at += n;
                }

                byte[] digest = new byte[40];
                sha.Final(digest, 5);
                Assert.Equal(Hex(SHA256.HashData(data)), Hex(digest[5..37]));
            }
        }

        [Fact]
        public void ExportedStateContinuesInAFreshInstanceAtAnyOffset()
        {
            var random = new Random(7);
            byte[] data = new byte[1000];
            random.NextBytes(data);
            string expected = Hex(SHA256.HashData(data));
            for (int split = 0; split <= 200; split++)
            {
                var first = new Agent.Security.Sha256();
                first.Update(data, 0, split);
                byte[] state = new byte[Agent.Security.Sha256.MaxStateLength + 3];
                int length = first.ExportState(state, 3);
                Assert.Equal(first.StateLength, length);
                Assert.Equal(40 + split % 64, length);

                var second = new Agent.Security.Sha256();
                second.Update(data, 0, 17); // garbage state that the import must replace
                Assert.True(second.ImportState(state, 3, length));
                Assert.Equal(split, second.Length);
                second.Update(data, split, data.Length - split);
                byte[] digest = new byte[32];
                second.Final(digest, 0);
                Assert.Equal(expected, Hex(digest));
            }
        }

        [Fact]
        public void ImportRejectsStatesOfTheWrongShapeAndKeepsTheRunningHash()
        {
            var sha = new Agent.Security.Sha256();
            sha.Update(new byte[] { 1, 2, 3 }, 0, 3);
            byte[] state = new byte[Agent.Security.Sha256.MaxStateLength];
            int length = sha.ExportState(state, 0);

            var other = new Agent.Security.Sha256();
            other.Update(new byte[] { 9 }, 0, 1);
            Assert.False(other.ImportState(state, 0, length - 1));
            Assert.False(other.ImportState(state, 0, length + 1));
            Assert.False(other.ImportState(null, 0, length));
            Assert.False(other.ImportState(state, 1, state.Length));
            Assert.False(other.ImportState(new byte[10], 0, 10));
            byte[] digest = new byte[32];
            other.Final(digest, 0);
            Assert.Equal(Hex(SHA256.HashData(new byte[] { 9 })), Hex(digest));
        }

        [Fact]
        public void RejectsBadArguments()
        {
            var sha = new Agent.Security.Sha256();
            Assert.Throws<ArgumentNullException>(() => sha.Update(null, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => sha.Update(new byte[4], 2, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => sha.Final(new byte[31], 0));
        }
    }
}

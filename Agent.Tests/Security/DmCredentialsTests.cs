using System.Text;
using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    public class DmCredentialsTests
    {
        private static readonly byte[] TsNonce = Encoding.ASCII.GetBytes("Nonce");

        [Fact]
        public void BasicMatchesTheTsVector()
        {
            Assert.Equal("QnJ1Y2UyOk9oQmVoYXZl", DmCredentials.Basic("Bruce2", "OhBehave"));
        }

        [Fact]
        public void BasicEncodesUtf8()
        {
            Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("Jürgen:pässwörd€")),
                DmCredentials.Basic("Jürgen", "pässwörd€"));
        }

        [Fact]
        public void Md5DigestMatchesTheTsVector()
        {
            Assert.Equal("Zz6EivR3yeaaENcRN6lpAQ==", DmCredentials.Md5Digest("Bruce2", "OhBehave", TsNonce));
        }

        [Theory]
        [InlineData("Bruce2", "OhBehave", "ZG9iZWhhdmUNCg==")]
        [InlineData("", "", "")]
        [InlineData("Jürgen", "pässwörd€", "AAECAwQFBgcICQoLDA0ODw==")]
        [InlineData("user:with:colons", "p", "/w==")]
        public void Md5DigestMatchesDotNetOracle(string user, string password, string nonceB64)
        {
            byte[] nonce = Convert.FromBase64String(nonceB64);
            string expected = Convert.ToBase64String(SyncMlOracle.Digest(user, password, nonce, null));
            Assert.Equal(expected, DmCredentials.Md5Digest(user, password, nonce));
        }

        [Fact]
        public void NullNonceCountsAsEmpty()
        {
            Assert.Equal(DmCredentials.Md5Digest("u", "p", Array.Empty<byte>()), DmCredentials.Md5Digest("u", "p", null));
        }

        [Fact]
        public void HmacMacMatchesDotNetOracleOverRandomBodies()
        {
            var random = new Random(2104);
            for (int run = 0; run < 300; run++)
            {
                byte[] nonce = new byte[random.Next(0, 33)];
                random.NextBytes(nonce);
                byte[] buffer = new byte[random.Next(0, 3000)];
                random.NextBytes(buffer);
                int offset = random.Next(0, buffer.Length + 1);
                int count = random.Next(0, buffer.Length - offset + 1);
                string user = "user" + run;
                string password = "secret-" + random.Next();

                byte[] expected = SyncMlOracle.Digest(user, password, nonce, buffer.AsSpan(offset, count).ToArray());
                Assert.Equal(Convert.ToBase64String(expected),
                    DmCredentials.HmacMac(user, password, nonce, buffer, offset, count));
            }
        }

        [Fact]
        public void HmacMacIsNotRfc2104()
        {
            byte[] body = Encoding.UTF8.GetBytes("<SyncML/>");
            byte[] key = Encoding.ASCII.GetBytes(Convert.ToBase64String(
                System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("Bruce2:OhBehave"))));
            string rfc2104 = Convert.ToBase64String(System.Security.Cryptography.HMACMD5.HashData(key, body));
            Assert.NotEqual(rfc2104, DmCredentials.HmacMac("Bruce2", "OhBehave", TsNonce, body, 0, body.Length));
        }

        [Fact]
        public void ComputeMacWritesTheRawDigestAtTheOffset()
        {
            byte[] body = Encoding.UTF8.GetBytes("<SyncML>body</SyncML>");
            byte[] output = new byte[20];
            DmCredentials.ComputeMac("srv", "pw", TsNonce, body, 0, body.Length, output, 4);

            Assert.Equal(new byte[4], output[..4]);
            Assert.Equal(SyncMlOracle.Digest("srv", "pw", TsNonce, body), output[4..]);
        }

        [Fact]
        public void HmacMacRejectsAMissingBody()
        {
            Assert.Throws<ArgumentNullException>(() => DmCredentials.HmacMac("u", "p", TsNonce, null, 0, 0));
        }
    }
}

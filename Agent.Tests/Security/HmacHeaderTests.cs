using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    public class HmacHeaderTests
    {
        [Fact]
        public void FormatsTheSyncMlShape()
        {
            Assert.Equal("algorithm=MD5, username=\"Bruce2\", mac=Zz6EivR3yeaaENcRN6lpAQ==",
                new HmacHeader("Bruce2", "Zz6EivR3yeaaENcRN6lpAQ==").Format());
        }

        [Theory]
        [InlineData("Bruce2")]
        [InlineData("name with spaces")]
        [InlineData("a,b=c")]
        [InlineData("quote\"inside")]
        [InlineData("back\\slash\\")]
        [InlineData("Jürgen")]
        public void FormatParseRoundTrip(string username)
        {
            HmacHeader parsed = HmacHeader.Parse(new HmacHeader(username, "NTI2OTJhMDA=").Format());
            Assert.NotNull(parsed);
            Assert.Equal(username, parsed.Username);
            Assert.Equal("NTI2OTJhMDA=", parsed.Mac);
        }

        [Theory]
        [InlineData("algorithm=MD5, username=\"Bruce2\", mac=AbC+/9==")]
        [InlineData("mac=AbC+/9==, username=\"Bruce2\", algorithm=MD5")]
        [InlineData("username=Bruce2,mac=AbC+/9==")]
        [InlineData("  algorithm = md5 ,\tusername = \"Bruce2\" , mac = \"AbC+/9==\"  ")]
        [InlineData("Algorithm=\"MD5\", UserName=Bruce2, MAC=AbC+/9==")]
        [InlineData("username=\"Bruce2\", realm=\"x, y\", mac=AbC+/9==")]
        [InlineData("username=\"Bru\\ce2\", mac=AbC+/9==,")]
        public void ParsesTolerantly(string value)
        {
            HmacHeader parsed = HmacHeader.Parse(value);
            Assert.NotNull(parsed);
            Assert.Equal("Bruce2", parsed.Username);
            Assert.Equal("AbC+/9==", parsed.Mac);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("garbage")]
        [InlineData("algorithm=SHA1, username=a, mac=b")]
        [InlineData("algorithm=, username=a, mac=b")]
        [InlineData("username=a")]
        [InlineData("mac=b")]
        [InlineData("username=\"\", mac=b")]
        [InlineData("username=a, mac=")]
        [InlineData("username=a, mac=\"\"")]
        [InlineData("username=\"a, mac=b")]
        [InlineData("username=\"a\\")]
        [InlineData("username=a, username=b, mac=c")]
        [InlineData("username=a, mac=b, mac=c")]
        [InlineData("algorithm=MD5, algorithm=MD5, username=a, mac=b")]
        [InlineData("username=a mac=b")]
        [InlineData("username=\"a\"x, mac=b")]
        [InlineData("=a, mac=b")]
        [InlineData(", username=a, mac=b")]
        [InlineData("username=a,, mac=b")]
        [InlineData("username a, mac=b")]
        public void RejectsMalformedValues(string value)
        {
            Assert.Null(HmacHeader.Parse(value));
        }

        [Fact]
        public void RandomInputNeverThrows()
        {
            var random = new Random(7);
            const string alphabet = "algorithmusernamcMD5=,\" \t\\xyz";
            for (int run = 0; run < 20000; run++)
            {
                char[] chars = new char[random.Next(0, 40)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = alphabet[random.Next(alphabet.Length)];
                }
                HmacHeader parsed = HmacHeader.Parse(new string(chars));
                if (parsed != null)
                {
                    Assert.False(string.IsNullOrEmpty(parsed.Username));
                    Assert.False(string.IsNullOrEmpty(parsed.Mac));
                }
            }
        }
    }
}

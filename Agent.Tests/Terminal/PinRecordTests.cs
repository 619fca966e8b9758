using System.Collections;
using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Agent.Tree;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The PIN record format against .NET's SHA-256, and the ACL of its node toward servers.</summary>
    public class PinRecordTests
    {
        [Fact]
        public void RecordIsSaltAndSha256OfSaltAndPin()
        {
            byte[] salt = RandomNumberGenerator.GetBytes(PinRecord.SaltLength);
            string record = PinRecord.Create("4711-ab", salt);

            string[] parts = record.Split(':');
            Assert.Equal(3, parts.Length);
            Assert.Equal("sha256", parts[0]);
            Assert.Equal(Convert.ToHexStringLower(salt), parts[1]);
            byte[] expected = SHA256.HashData(salt.Concat(Encoding.UTF8.GetBytes("4711-ab")).ToArray());
            Assert.Equal(Convert.ToHexStringLower(expected), parts[2]);

            Assert.True(PinRecord.Matches(record, "4711-ab"));
            Assert.False(PinRecord.Matches(record, "4711-aB"));
            Assert.False(PinRecord.Matches(record, null));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("sha256:")]
        [InlineData("sha256:00:11")]
        [InlineData("md5:00112233:00112233445566778899aabbccddeeff")]
        [InlineData("sha256::e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [InlineData("sha256:zz:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [InlineData("sha256:00:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855:00")]
        public void MalformedRecordsMatchNothing(string record)
        {
            Assert.False(PinRecord.IsValid(record));
            Assert.False(PinRecord.Matches(record, "0000"));
        }

        [Theory]
        [InlineData("0000", true)]
        [InlineData("abcdefghijklmnop", true)]
        [InlineData("abcdefghijklmnopq", false)]
        [InlineData("123", false)]
        [InlineData("12 34", false)]
        [InlineData("12\u00e934", false)]
        public void PinsAreFourToSixteenPrintableCharacters(string pin, bool acceptable)
        {
            Assert.Equal(acceptable, PinRecord.IsAcceptablePin(pin));
        }

        [Fact]
        public void ServersMayReplaceThePinButNeverReadOrDeleteIt()
        {
            var rig = new ConsoleRig();
            DmTree tree = rig.Agent.Tree;
            string before = tree.GetString(ConsoleMo.PinHashUri);

            var results = new ArrayList();
            Assert.Equal(StatusCode.PermissionDenied, tree.Get(ConsoleRig.ServerId, ConsoleMo.PinHashUri, results));
            Assert.Equal(StatusCode.Ok, tree.Get(ConsoleRig.ServerId, ConsoleMo.Root + "?list=StructData", results));
            Assert.All(results.Cast<TreeItem>(), item => Assert.Null(item.Value));
            Assert.NotEqual(StatusCode.Ok, tree.Delete(ConsoleRig.ServerId, ConsoleMo.PinHashUri));

            // A server provisions a PIN by sending a record it computed itself.
            byte[] salt = RandomNumberGenerator.GetBytes(8);
            string record = "sha256:" + Convert.ToHexStringLower(salt) + ":"
                + Convert.ToHexStringLower(SHA256.HashData(salt.Concat(Encoding.UTF8.GetBytes("server-pin")).ToArray()));
            Assert.Equal(StatusCode.Ok, tree.Replace(ConsoleRig.ServerId, ConsoleMo.PinHashUri, "chr", "text/plain", Encoding.UTF8.GetBytes(record)));
            Assert.NotEqual(before, tree.GetString(ConsoleMo.PinHashUri));
            Assert.StartsWith("wrong PIN", rig.Run("login " + ConsoleRig.Pin));
            Assert.StartsWith("logged in", rig.Run("login server-pin"));
        }

        [Fact]
        public void AnExistingRecordSurvivesTheNextBoot()
        {
            var rig = new ConsoleRig();
            string record = rig.Agent.Tree.GetString(ConsoleMo.PinHashUri);
            new ConsoleMo(null, "9999").Register(rig.Agent.Tree);
            Assert.Equal(record, rig.Agent.Tree.GetString(ConsoleMo.PinHashUri));
            Assert.True(rig.Agent.Tree.Find(ConsoleMo.PinHashUri).IsSecret);
        }
    }
}

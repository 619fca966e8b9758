using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class DmAccountTests
    {
        private readonly DmTree _tree = NewTree();

        public DmAccountTests()
        {
            new DmAccMo().Register(_tree);
        }

        private static AccountSettings Settings(string serverId = SrvA, string authPref = "DIGEST")
        {
            return new AccountSettings
            {
                ServerId = serverId,
                ServerUri = "https://dm.example.com/manage",
                ClientName = "device-1",
                ClientSecret = "client-pw",
                ServerSecret = "server-pw",
                AuthPref = authPref,
            };
        }

        [Fact]
        public void CreateBuildsDm12Layout()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            Assert.NotNull(account);
            string x = account.Node.Uri;
            Assert.StartsWith("./DMAcc/", x);
            Assert.Equal("urn:oma:mo:oma-dm-dmacc:1.0", account.Node.Type);
            Assert.Equal("w7", _tree.GetString(x + "/AppID"));
            Assert.Equal(SrvA, _tree.GetString(x + "/ServerID"));
            Assert.Equal(SrvA, _tree.GetString(x + "/Name"));
            Assert.Equal("", _tree.GetString(x + "/PrefConRef"));
            Assert.Equal("https://dm.example.com/manage", _tree.GetString(x + "/AppAddr/1/Addr"));
            Assert.Equal("URI", _tree.GetString(x + "/AppAddr/1/AddrType"));
            Assert.Equal("443", _tree.GetString(x + "/AppAddr/1/Port/1/PortNbr"));
            Assert.Equal("DIGEST", _tree.GetString(x + "/AAuthPref"));
            Assert.Equal("SRVCRED", _tree.GetString(x + "/AppAuth/SRVCRED/AAuthLevel"));
            Assert.Equal("CLCRED", _tree.GetString(x + "/AppAuth/CLCRED/AAuthLevel"));
            Assert.Equal("DIGEST", _tree.GetString(x + "/AppAuth/CLCRED/AAuthType"));
            Assert.Equal("device-1", _tree.GetString(x + "/AppAuth/CLCRED/AAuthName"));
            Assert.Equal(SrvA, _tree.GetString(x + "/AppAuth/SRVCRED/AAuthName"));
            Assert.Equal("bin", _tree.Find(x + "/AppAuth/CLCRED/AAuthData").Format);
            Assert.True(_tree.Find(x + "/Ext").IsInterior);
        }

        [Fact]
        public void PropertiesReadBackWhatWasCreated()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            Assert.Equal(SrvA, account.ServerId);
            Assert.Equal(SrvA, account.ServerName);
            Assert.Equal("https://dm.example.com/manage", account.ServerUri);
            Assert.Equal("DIGEST", account.AuthPref);
            Assert.Equal("device-1", account.ClientName);
            Assert.Equal("client-pw", account.ClientSecret);
            Assert.Equal("server-pw", account.ServerSecret);
            Assert.Empty(account.ClientNonce);
            Assert.Empty(account.ServerNonce);
        }

        [Fact]
        public void NoncesRoundTripThroughTheTree()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            // The DM TS example challenge nonce, as a server sends it (b64) in Chal/Meta/NextNonce.
            byte[] clientNonce = Convert.FromBase64String("ZG9iZWhhdmUNCg==");
            byte[] serverNonce = { 0, 1, 2, 254, 255 };
            account.ClientNonce = clientNonce;
            account.ServerNonce = serverNonce;

            DmAccount again = DmAccount.Find(_tree, SrvA);
            Assert.Equal("dobehave\r\n", System.Text.Encoding.ASCII.GetString(again.ClientNonce));
            Assert.Equal(serverNonce, again.ServerNonce);
            Assert.Equal(serverNonce, _tree.Find(again.Node.Uri + "/AppAuth/SRVCRED/AAuthData").Value);
            Assert.True(_tree.Find(again.Node.Uri + "/AppAuth/SRVCRED/AAuthData").IsSecret);
        }

        [Fact]
        public void SettersWriteBack()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            account.ServerUri = "http://10.0.0.2:8080/dm";
            account.AuthPref = "HMAC";
            account.ClientName = "device-2";
            account.ClientSecret = "pw2";
            account.ServerSecret = "spw2";

            DmAccount again = DmAccount.Find(_tree, SrvA);
            Assert.Equal("http://10.0.0.2:8080/dm", again.ServerUri);
            Assert.Equal("8080", _tree.GetString(again.Node.Uri + "/AppAddr/1/Port/1/PortNbr"));
            Assert.Equal("HMAC", again.AuthPref);
            Assert.Equal("device-2", again.ClientName);
            Assert.Equal("pw2", again.ClientSecret);
            Assert.Equal("spw2", again.ServerSecret);
            Assert.True(_tree.Find(again.Node.Uri + "/AppAuth/CLCRED/AAuthSecret").IsSecret);
        }

        [Fact]
        public void SecretsAreNeverReturnedToAnyServer()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            account.ClientNonce = new byte[] { 9, 9 };
            string auth = account.Node.Uri + "/AppAuth/CLCRED";
            foreach (string server in new[] { SrvA, SrvB })
            {
                Assert.Equal(425, Get(_tree, server, auth + "/AAuthSecret", out _));
                Assert.Equal(425, Get(_tree, server, auth + "/AAuthData", out _));
            }
            Assert.Equal(200, Get(_tree, SrvA, account.Node.Uri + "?list=StructData", out var items));
            Assert.DoesNotContain(items, i => i.Uri.EndsWith("/AAuthSecret") || i.Uri.EndsWith("/AAuthData"));
            Assert.DoesNotContain(items, i => i.Value != null && Text(i.Value).Contains("client-pw"));
            Assert.Equal(425, _tree.Copy(SrvA, account.Node.Uri + "/Ext/Leak", auth + "/AAuthSecret"));
        }

        [Fact]
        public void SecretStaysUnreadableAfterServerRewritesItsAcl()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            string secret = account.Node.Uri + "/AppAuth/CLCRED/AAuthSecret";
            // The server holds Replace on the AppAuth entry (inherited), so it may rewrite the leaf's ACL...
            Assert.Equal(200, _tree.Replace(SrvA, secret + "?prop=ACL", null, null, Bytes("Get=srvA&Replace=srvA")));
            // ...but the value still never leaves the device.
            Assert.Equal(425, Get(_tree, SrvA, secret, out _));
        }

        [Fact]
        public void ServerMayRotateItsOwnSecret()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            string secret = account.Node.Uri + "/AppAuth/SRVCRED/AAuthSecret";
            Assert.Equal(200, _tree.Replace(SrvA, secret, "chr", null, Bytes("rotated")));
            Assert.Equal("rotated", account.ServerSecret);
            Assert.Equal(425, _tree.Replace(SrvB, secret, "chr", null, Bytes("hijack")));
        }

        [Fact]
        public void AccountIsVisibleOnlyToItsServer()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            string x = account.Node.Uri;
            Assert.Equal(200, Get(_tree, SrvA, x + "/AppAddr/1/Addr", out _));
            Assert.Equal(425, Get(_tree, SrvB, x + "/AppAddr/1/Addr", out _));
            Assert.Equal(425, Get(_tree, SrvB, x, out _));
            Assert.Equal(200, Get(_tree, SrvB, "./DMAcc", out _));
            Assert.Equal(425, _tree.Replace(SrvB, x + "/AAuthPref", null, null, Bytes("BASIC")));
            Assert.Equal(200, _tree.Replace(SrvA, x + "/AAuthPref", null, null, Bytes("BASIC")));
            Assert.Equal("BASIC", account.AuthPref);
        }

        [Fact]
        public void ServerCannotChangeItsServerIdOrDeleteOrAddToTheAccount()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            string x = account.Node.Uri;
            Assert.Equal(425, _tree.Replace(SrvA, x + "/ServerID", null, null, Bytes("other")));
            Assert.Equal(425, _tree.Delete(SrvA, x));
            Assert.Equal(425, _tree.Add(SrvA, x + "/Ext/Mine", "chr", null, null));
            Assert.Equal(425, _tree.Add(SrvA, "./DMAcc/Mine", "node", null, null));
        }

        [Fact]
        public void FindAndAllDistinguishServers()
        {
            DmAccount a = DmAccount.Create(_tree, Settings(SrvA));
            DmAccount b = DmAccount.Create(_tree, Settings(SrvB, "BASIC"));
            Assert.NotEqual(a.Node.Uri, b.Node.Uri);
            Assert.Equal(b.Node, DmAccount.Find(_tree, SrvB).Node);
            Assert.Null(DmAccount.Find(_tree, "srvC"));
            Assert.Null(DmAccount.Find(_tree, null));
            Assert.Equal(new[] { SrvA, SrvB }, DmAccount.All(_tree).Select(acc => acc.ServerId).ToArray());
        }

        [Theory]
        [InlineData("srv A", "DIGEST")]
        [InlineData("", "DIGEST")]
        [InlineData(null, "DIGEST")]
        [InlineData("*", "DIGEST")]
        [InlineData("srvA", "MD5")]
        [InlineData("srvA", null)]
        public void InvalidSettingsGiveNull(string serverId, string authPref)
        {
            Assert.Null(DmAccount.Create(_tree, Settings(serverId, authPref)));
            Assert.Empty(DmAccount.All(_tree));
        }

        [Fact]
        public void DuplicateServerGivesNull()
        {
            Assert.NotNull(DmAccount.Create(_tree, Settings()));
            Assert.Null(DmAccount.Create(_tree, Settings()));
            Assert.Single(DmAccount.All(_tree));
        }

        [Fact]
        public void AuthEntriesAreFoundByLevelEvenIfRenamed()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            Assert.Equal(200, _tree.Replace(SrvA, account.Node.Uri + "/AppAuth/CLCRED?prop=Name", null, null,
                Bytes("toserver")));
            Assert.Equal("device-1", account.ClientName);
            account.ClientNonce = new byte[] { 7 };
            Assert.Equal(new byte[] { 7 }, _tree.Find(account.Node.Uri + "/AppAuth/toserver/AAuthData").Value);
            Assert.Null(_tree.Find(account.Node.Uri + "/AppAuth/CLCRED"));
        }

        [Fact]
        public void RemoveDeletesAccountAndScrubsAcls()
        {
            DmAccount.Create(_tree, Settings(SrvA));
            DmAccount.Create(_tree, Settings(SrvB));
            _tree.SetLeaf("./Shared", null, null, Bytes("v"), false);
            _tree.SetAcl("./Shared", "Get=srvA+srvB&Replace=srvA");

            Assert.True(DmAccount.Remove(_tree, SrvA));

            Assert.Null(DmAccount.Find(_tree, SrvA));
            Assert.NotNull(DmAccount.Find(_tree, SrvB));
            Assert.Equal("Get=srvB", _tree.Find("./Shared").Acl);
            Assert.False(DmAccount.Remove(_tree, SrvA));
        }

        [Fact]
        public void CreateWorksWithoutRegisteredMoAndKeepsDmAccClosed()
        {
            DmTree tree = NewTree();
            Assert.NotNull(DmAccount.Create(tree, Settings()));
            DmNode dmacc = tree.Find("./DMAcc");
            Assert.True(dmacc.IsPermanent);
            Assert.Equal(DmAccMo.RootAcl, dmacc.Acl);
        }

        [Fact]
        public void RegisterProtectsSecretsOfRestoredAccounts()
        {
            DmAccount account = DmAccount.Create(_tree, Settings());
            DmNode secret = _tree.Find(account.Node.Uri + "/AppAuth/CLCRED/AAuthSecret");
            // Simulate an account restored from storage without the secret flag: rebuild the leaf via the device API.
            _tree.Remove(secret.Uri);
            _tree.SetLeaf(secret.Uri, "chr", null, Bytes("restored"), false);
            Assert.False(_tree.Find(secret.Uri).IsSecret);

            new DmAccMo().Register(_tree);

            Assert.True(_tree.Find(secret.Uri).IsSecret);
            Assert.True(_tree.Find(account.Node.Uri + "/AppAuth/SRVCRED/AAuthData").IsSecret);
        }
    }
}

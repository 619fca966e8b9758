namespace NanoOmaDm.Tests.DmServer;

using System.Text;
using System.Xml.Linq;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

/// <summary>The DM server over real HTTP on loopback, driven by <see cref="TestDmClient"/>.</summary>
public sealed class DmServerSessionTests
{
    private static readonly XNamespace Ns = TestDmClient.Ns;
    private static readonly XNamespace Mi = TestDmClient.Mi;
    private readonly ITestOutputHelper output;

    public DmServerSessionTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private const string TwoPackages = """
        { "name": "two-packages", "packages": [
          { "commands": [
            { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200, "data": "TestClient" } },
            { "cmd": "Replace", "target": "./Vendor/Note", "data": "hello", "format": "chr", "type": "text/plain", "expect": { "status": 200 } },
            { "cmd": "Add", "target": "./Vendor/Dir", "format": "node", "expect": { "status": [200, 418] } } ] },
          { "commands": [
            { "cmd": "Get", "target": "./Vendor/Note", "expect": { "status": 200, "data": "hello" } },
            { "cmd": "Delete", "target": "./Vendor/Tmp", "expect": { "status": 404 } },
            { "cmd": "Exec", "target": "./Vendor/Op", "data": "go", "correlator": "c-1", "expect": { "status": [200, 202] } } ] } ] }
        """;

    private static TestDmClient NewClient(DmServerHost host)
    {
        var c = new TestDmClient(host.Url);
        c.Tree["./DevInfo/Mod"] = ("TestClient", "chr");
        c.Tree["./Vendor/Note"] = ("old", "chr");
        return c;
    }

    [Fact]
    public async Task Md5_TwoPackageSession_ChallengedThen212()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o =>
        {
            o.RequiredAuth = AuthScheme.Md5;
            o.UserName = "Bruce2";
            o.Password = "OhBehave";
        });
        using var client = NewClient(host);
        client.Auth = AuthScheme.Md5;
        client.User = "Bruce2";
        client.Password = "OhBehave";

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);

        Assert.True(report.Passed, report.ToString());
        Assert.True(client.Done);

        // 1st reply: 407 + Chal(md5, b64, NextNonce), only statuses + Final
        var first = client.Exchanges[0];
        Assert.Equal("407", (string)first.HeaderStatus.Element(Ns + "Data"));
        var chalMeta = first.HeaderStatus.Element(Ns + "Chal").Element(Ns + "Meta");
        Assert.Equal("syncml:auth-md5", (string)chalMeta.Element(Mi + "Type"));
        Assert.Equal("b64", (string)chalMeta.Element(Mi + "Format"));
        Assert.NotNull(chalMeta.Element(Mi + "NextNonce"));
        Assert.True(first.Final);
        Assert.Empty(first.Commands);
        Assert.All(first.Statuses.Skip(1), s => Assert.Equal("407", (string)s.Element(Ns + "Data")));

        // 2nd reply: 212 + a fresh nonce for the next session, and Pkg#2
        var second = client.Exchanges[1];
        Assert.Equal("212", (string)second.HeaderStatus.Element(Ns + "Data"));
        var rotated = (string)second.HeaderStatus.Descendants(Mi + "NextNonce").Single();
        Assert.NotEqual((string)chalMeta.Element(Mi + "NextNonce"), rotated);
        Assert.Equal(Convert.FromBase64String(rotated), host.GetDeviceNonces(client.DeviceId).ClientNonce);
        Assert.Equal(3, second.Commands.Count());

        // statuses for the client's Alert and Replace
        var st = second.Statuses.ToList();
        Assert.Equal("SyncHdr", (string)st[0].Element(Ns + "Cmd"));
        Assert.Equal("0", (string)st[0].Element(Ns + "CmdRef"));
        Assert.Contains(st, s => (string)s.Element(Ns + "Cmd") == "Alert" && (string)s.Element(Ns + "Data") == "200");
        Assert.Contains(st, s => (string)s.Element(Ns + "Cmd") == "Replace" && (string)s.Element(Ns + "Data") == "200");

        // server header
        var hdr = second.Doc.Root.Element(Ns + "SyncHdr");
        Assert.Equal("1.2", (string)hdr.Element(Ns + "VerDTD"));
        Assert.Equal("DM/1.2", (string)hdr.Element(Ns + "VerProto"));
        Assert.Equal("1", (string)hdr.Element(Ns + "SessionID"));
        Assert.Equal("2", (string)hdr.Element(Ns + "MsgID"));
        Assert.Equal(client.DeviceId, (string)hdr.Element(Ns + "Target").Element(Ns + "LocURI"));

        // last server message: statuses + Final, no commands
        var last = client.Exchanges.Last();
        Assert.True(last.Final);
        Assert.Empty(last.Commands);

        Assert.Equal("Bruce2", report.AuthUser);
        Assert.Equal(1, report.AuthChallenges);
        Assert.Contains("212", report.AuthResult);
        Assert.Equal("TestClient", report.DevInfo["./DevInfo/Mod"]);
        Assert.Equal(client.DeviceId, report.DevInfo["./DevInfo/DevId"]);
        Assert.Equal(2, report.PackagesCompleted);
        Assert.Equal("client-initiated (1201)", report.SessionType);
        Assert.Equal("hello", report.Find("Get", "./Vendor/Note").ActualData);
        Assert.Equal(404, report.Find("Delete", "./Vendor/Tmp").ActualStatus);
        Assert.True(report.Completed);
        Assert.False(report.Aborted);
        Assert.Equal(client.Exchanges.Count, report.MessagesSent);
    }

    [Fact]
    public async Task Md5_NextSessionUsesTheRotatedNonce_WithoutChallenge()
    {
        using var host = DmTestHosts.Start(output, null, o =>
        {
            o.RequiredAuth = AuthScheme.Md5;
            o.Users["Bruce2"] = "OhBehave";
        });
        using (var c1 = NewClient(host))
        {
            c1.Auth = AuthScheme.Md5;
            c1.User = "Bruce2";
            c1.Password = "OhBehave";
            await c1.RunAsync();
            Assert.True((await host.WaitForSessionAsync(DmTestHosts.Wait)).Passed);

            using var c2 = NewClient(host);
            c2.SessionId = "2";
            c2.Auth = AuthScheme.Md5;
            c2.User = "Bruce2";
            c2.Password = "OhBehave";
            c2.ClientNonce = c1.ClientNonce;
            await c2.RunAsync();
            var r2 = await host.WaitForSessionAsync(DmTestHosts.Wait);
            Assert.True(r2.Passed, r2.ToString());
            Assert.Equal(0, r2.AuthChallenges);
            Assert.Equal("212", (string)c2.Exchanges[0].HeaderStatus.Element(Ns + "Data"));
        }
    }

    [Fact]
    public async Task Md5_WrongPassword_401ThenAborted()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o =>
        {
            o.RequiredAuth = AuthScheme.Md5;
            o.Users["Bruce2"] = "OhBehave";
            o.MaxAuthAttempts = 3;
        });
        using var client = NewClient(host);
        client.Auth = AuthScheme.Md5;
        client.User = "Bruce2";
        client.Password = "wrong";
        client.ClientNonce = Encoding.ASCII.GetBytes("Nonce");

        client.MaxAuthRestarts = 2;
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);

        Assert.False(report.Passed);
        Assert.True(report.Aborted);
        Assert.Equal(3, report.AuthChallenges);
        Assert.All(client.Exchanges, e => Assert.Equal("401", (string)e.HeaderStatus.Element(Ns + "Data")));
        Assert.All(client.Exchanges, e => Assert.Empty(e.Commands));
        Assert.All(report.Commands, c => Assert.False(c.Sent));
        Assert.Equal(3, client.Exchanges.Count);
        Assert.False(client.Done);
    }

    [Fact]
    public async Task Basic_Accepted212_AndMissingCredentialIs407()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o =>
        {
            o.RequiredAuth = AuthScheme.Basic;
            o.Users["Bruce2"] = "OhBehave";
        });
        using var client = NewClient(host);
        client.Auth = AuthScheme.Basic;
        client.User = "Bruce2";
        client.Password = "OhBehave";

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("212", (string)client.Exchanges[0].HeaderStatus.Element(Ns + "Data"));
        Assert.Contains("<Data>QnJ1Y2UyOk9oQmVoYXZl</Data>", Encoding.UTF8.GetString(client.Exchanges[0].Request));
        Assert.Equal(0, report.AuthChallenges);

        // a client without credentials gets 407 with a basic challenge
        using var anon = NewClient(host);
        anon.SessionId = "77";
        var ex = await anon.PostAsync(anon.Pkg1());
        Assert.Equal("407", (string)ex.HeaderStatus.Element(Ns + "Data"));
        Assert.Equal("syncml:auth-basic", (string)ex.HeaderStatus.Descendants(Mi + "Type").Single());
        Assert.Empty(ex.Commands);
    }

    [Fact]
    public async Task Hmac_HeaderBothWays_FreshNonceEveryMessage()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o =>
        {
            o.RequiredAuth = AuthScheme.Hmac;
            o.Users["Bruce2"] = "OhBehave";
            o.AuthenticateToClient = true;
            o.ServerId = "srv-1";
            o.ServerPassword = "srv-pass";
        });
        using var client = NewClient(host);
        client.Auth = AuthScheme.Hmac;
        client.User = "Bruce2";
        client.Password = "OhBehave";
        client.ServerId = "srv-1";
        client.ServerPassword = "srv-pass";
        client.RotateServerNonce = true;

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());

        // first message without header → 407 + auth-MAC challenge
        Assert.Null(client.Exchanges[0].RequestHmac);
        Assert.Equal("407", (string)client.Exchanges[0].HeaderStatus.Element(Ns + "Data"));
        Assert.Equal("syncml:auth-MAC", (string)client.Exchanges[0].HeaderStatus.Descendants(Mi + "Type").Single());

        // then 200 with a new NextNonce in every reply
        var later = client.Exchanges.Skip(1).ToList();
        Assert.True(later.Count >= 3);
        Assert.All(later, e => Assert.NotNull(e.RequestHmac));
        Assert.All(later, e => Assert.Equal("200", (string)e.HeaderStatus.Element(Ns + "Data")));
        var nonces = later.Select(e => (string)e.HeaderStatus.Descendants(Mi + "NextNonce").Single()).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());

        // the server signed every response, with the nonce the client issued last
        Assert.All(client.Exchanges, e => Assert.StartsWith("algorithm=MD5, username=\"srv-1\", mac=", e.ResponseHmac));
        Assert.Equal(client.Exchanges.Count - 1, client.ServerCredChecks.Count);
        Assert.All(client.ServerCredChecks, Assert.True);
        Assert.Equal("Hmac", report.ServerAuthScheme);
        Assert.Equal("Bruce2", report.AuthUser);
    }

    [Fact]
    public async Task Hmac_TamperedBodyMidSession_AbortsSession()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o =>
        {
            o.RequiredAuth = AuthScheme.Hmac;
            o.Users["u"] = "p";
        });
        using var client = NewClient(host);
        client.Auth = AuthScheme.Hmac;
        client.User = "u";
        client.Password = "p";
        var ex = await client.PostAsync(client.Pkg1());
        Assert.Equal("407", (string)ex.HeaderStatus.Element(Ns + "Data"));
        ex = await client.PostAsync(client.Answer(ex));
        Assert.Equal("200", (string)ex.HeaderStatus.Element(Ns + "Data"));

        // a mac computed with a stale nonce
        var next = client.Answer(ex);
        client.ClientNonce = new byte[] { 1, 2, 3 };
        ex = await client.PostAsync(next);
        Assert.Equal("401", (string)ex.HeaderStatus.Element(Ns + "Data"));
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Aborted);
        Assert.Contains(report.Errors, e => e.Contains("mac does not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerCredential_Md5_RejectedOnce_ResentWithTheClientsNewNonce()
    {
        const string scenario = """
            { "name": "server-cred", "packages": [
              { "wrongServerCredential": true, "commands": [
                { "cmd": "Replace", "target": "./Vendor/Note", "data": "v2", "expect": { "status": 200 } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario, o =>
        {
            o.AuthenticateToClient = true;
            o.ServerId = "srv-1";
            o.ServerPassword = "srv-pass";
            o.InitialServerNonce = Encoding.ASCII.GetBytes("first-nonce");
        });
        using var client = NewClient(host);
        client.ServerId = "srv-1";
        client.ServerPassword = "srv-pass";
        client.ServerNonce = Encoding.ASCII.GetBytes("first-nonce");

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());

        // Pkg#2 carried a wrong Cred → client 401 + Chal; the resend used the new nonce and was accepted (212)
        Assert.Equal(new[] { false, true }, client.ServerCredChecks);
        var pkg2 = client.Exchanges[0].Doc.Root.Element(Ns + "SyncHdr");
        Assert.Equal("syncml:auth-md5", (string)pkg2.Element(Ns + "Cred").Descendants(Mi + "Type").Single());
        Assert.Equal("srv-1", (string)pkg2.Element(Ns + "Source").Element(Ns + "LocName"));
        var resent = client.Exchanges[1];
        Assert.Single(resent.Commands);
        Assert.Equal(Convert.ToBase64String(client.ServerNonce), Convert.ToBase64String(host.GetDeviceNonces(client.DeviceId).ServerNonce));
        Assert.Null(client.Exchanges[2].Doc.Root.Element(Ns + "SyncHdr").Element(Ns + "Cred")); // 212 → no more Cred
        Assert.Equal("v2", client.Tree["./Vendor/Note"].Data);
        Assert.Contains("212", report.ServerAuthResult);
        Assert.Equal("Md5", report.ServerAuthScheme);
    }

    [Fact]
    public async Task MultiMessagePackage_FitsTheClientsMaxMsgSize()
    {
        var cmds = string.Join(",\n", Enumerable.Range(0, 30).Select(i => "{ \"cmd\": \"Get\", \"target\": \"./Vendor/Items/Item" + i + "\", \"expect\": { \"status\": 200, \"data\": \"value-" + i + "\" } }"));
        var scenario = "{ \"name\": \"many-gets\", \"packages\": [ { \"commands\": [" + cmds + "] } ] }";
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.MaxMsgSize = 1500;
        for (var i = 0; i < 30; i++)
        {
            client.Tree["./Vendor/Items/Item" + i] = ("value-" + i, "chr");
        }

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());

        var withGets = client.Exchanges.Where(e => e.Commands.Any(c => c.Name.LocalName == "Get")).ToList();
        Assert.True(withGets.Count >= 3, "expected the package to span several messages, got " + withGets.Count);
        Assert.All(client.Exchanges, e => Assert.True(e.Response.Length <= 1500, "message of " + e.Response.Length + " bytes"));
        Assert.All(withGets.Take(withGets.Count - 1), e => Assert.False(e.Final));
        Assert.True(withGets.Last().Final);
        Assert.Equal(30, withGets.Sum(e => e.Commands.Count(c => c.Name.LocalName == "Get")));

        // the client asked for each continuation with Alert 1222 (and got a Status 200 for it)
        var asks = client.Exchanges.Select(e => Encoding.UTF8.GetString(e.Request)).Count(r => r.Contains("<Data>1222</Data>", StringComparison.Ordinal));
        Assert.Equal(withGets.Count - 1, asks);
    }

    [Fact]
    public async Task ClientMultiMessagePackage_ServerAnswers1222()
    {
        using var host = DmTestHosts.Start(output, null);
        using var client = NewClient(host);

        // Pkg#1 split over two messages: the first without Final
        var first = client.Pkg1();
        first.RemoveAll(e => e.Name.LocalName == "Final");
        var ex = await client.PostAsync(first);
        Assert.False(ex.Final);
        var alert = ex.Commands.Single();
        Assert.Equal("1222", (string)alert.Element(Ns + "Data"));

        var second = new List<XElement>
        {
            TestDmClient.El("Status", TestDmClient.El("CmdID", "1"), TestDmClient.El("MsgRef", "1"), TestDmClient.El("CmdRef", "0"), TestDmClient.El("Cmd", "SyncHdr"), TestDmClient.El("Data", "200")),
            TestDmClient.El("Status", TestDmClient.El("CmdID", "2"), TestDmClient.El("MsgRef", "1"), TestDmClient.El("CmdRef", (string)alert.Element(Ns + "CmdID")), TestDmClient.El("Cmd", "Alert"), TestDmClient.El("Data", "200")),
            TestDmClient.El("Final"),
        };
        ex = await client.PostAsync(second);
        Assert.True(ex.Final);
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(2, report.MessagesReceived);
    }

    [Fact]
    public async Task LargeObject_ToClient_SentInChunks_213()
    {
        const string scenario = """
            { "name": "lrgobj", "packages": [ { "commands": [
              { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200 } },
              { "cmd": "Add", "target": "./Vendor/Demo/Big", "format": "b64", "type": "application/octet-stream", "dataSize": 20000, "expect": { "status": 200 } },
              { "cmd": "Get", "target": "./Vendor/Demo/Big", "expect": { "status": 200, "dataSize": 20000 } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.MaxMsgSize = 4096;

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());

        var b64 = Convert.ToBase64String(DataPattern.Bytes(20000, 1));
        Assert.Equal(b64, client.Tree["./Vendor/Demo/Big"].Data);
        Assert.Equal(b64.Length, client.ChunkSizes["./Vendor/Demo/Big"]);
        Assert.False(client.ChunkSizes.ContainsKey("./Vendor/Demo/Big#later-size"));
        Assert.All(client.Exchanges, e => Assert.True(e.Response.Length <= 4096, "message of " + e.Response.Length + " bytes"));

        var chunks = client.Exchanges.SelectMany(e => e.Commands.Where(c => c.Name.LocalName == "Add")).ToList();
        Assert.True(chunks.Count >= 7, "chunks: " + chunks.Count);
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.NotNull(c.Element(Ns + "Item").Element(Ns + "MoreData")));
        Assert.Null(chunks.Last().Element(Ns + "Item").Element(Ns + "MoreData"));
        Assert.Equal(chunks.Count - 1, client.Executed.Count(x => x.Cmd == "Add" && x.Status == 213));

        // a chunk always ends its message (nothing interleaved) and only the message with the last chunk may carry Final
        foreach (var e in client.Exchanges.Where(x => x.Commands.Any(c => c.Name.LocalName == "Add" && c.Element(Ns + "Item").Element(Ns + "MoreData") != null)))
        {
            Assert.False(e.Final);
            Assert.Equal("Add", e.Commands.Last().Name.LocalName);
        }

        var add = report.Find("Add", "./Vendor/Demo/Big");
        Assert.Equal(chunks.Count, add.Chunks);
    }

    [Fact]
    public async Task LargeObject_FromClient_ResultsReassembled()
    {
        const string scenario = """
            { "name": "big-results", "packages": [ { "commands": [
              { "cmd": "Get", "target": "./Vendor/Log", "expect": { "status": 200, "dataSize": 6000, "dataSeed": 7 } },
              { "cmd": "Get", "target": "./Vendor/Text", "expect": { "status": 200, "dataSize": 5000, "dataSeed": 3 } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.ResultChunkSize = 1500;
        client.Tree["./Vendor/Log"] = (Convert.ToBase64String(DataPattern.Bytes(6000, 7)), "b64");
        client.Tree["./Vendor/Text"] = (DataPattern.Chars(5000, 3), "chr");

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());

        var log = report.Find("Get", "./Vendor/Log").Results.Single();
        Assert.Equal(6, log.Chunks); // 8000 b64 chars / 1500
        Assert.Equal("b64", log.Format);
        Assert.Equal(4, report.Find("Get", "./Vendor/Text").Results.Single().Chunks);

        // the server answered each non-final chunk with Alert 1222 and no Final, and sent no Status for Results
        var asks = client.Exchanges.Where(e => e.Commands.Any(c => (string)c.Element(Ns + "Data") == "1222")).ToList();
        Assert.Equal(5 + 3, asks.Count);
        Assert.All(asks, e => Assert.False(e.Final));
        Assert.DoesNotContain(client.Exchanges.SelectMany(e => e.Statuses), s => (string)s.Element(Ns + "Cmd") == "Results");
    }

    [Fact]
    public async Task LargeObject_FromClient_SizeMismatchIsAnError()
    {
        const string scenario = """{ "packages": [ { "commands": [ { "cmd": "Get", "target": "./Vendor/Log" } ] } ] }""";
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.Tree["./Vendor/Log"] = ("x", "chr");
        var ex = await client.PostAsync(client.Pkg1());
        var get = ex.Commands.Single();
        var chunk1 = TestDmClient.El("Results", TestDmClient.El("CmdID", "2"), TestDmClient.El("MsgRef", "1"), TestDmClient.El("CmdRef", (string)get.Element(Ns + "CmdID")),
            TestDmClient.El("Item", TestDmClient.El("Source", TestDmClient.El("LocURI", "./Vendor/Log")), TestDmClient.El("Meta", TestDmClient.MiEl("Size", "100")), TestDmClient.El("Data", "abc"), TestDmClient.El("MoreData")));
        var status = TestDmClient.El("Status", TestDmClient.El("CmdID", "1"), TestDmClient.El("MsgRef", "1"), TestDmClient.El("CmdRef", (string)get.Element(Ns + "CmdID")), TestDmClient.El("Cmd", "Get"), TestDmClient.El("Data", "200"));
        ex = await client.PostAsync(new List<XElement> { status, chunk1 });
        Assert.Equal("1222", (string)ex.Commands.Single().Element(Ns + "Data"));
        var chunk2 = new XElement(chunk1);
        chunk2.Element(Ns + "Item").Element(Ns + "MoreData").Remove();
        chunk2.Element(Ns + "Item").Element(Ns + "Meta").Remove();
        ex = await client.PostAsync(new List<XElement> { chunk2, TestDmClient.El("Final") });
        Assert.True(ex.Final);
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.False(report.Passed);
        Assert.Contains(report.Errors, e => e.Contains("Meta Size said 100", StringComparison.Ordinal));
        Assert.Equal("abcabc", report.Find("Get", "./Vendor/Log").Results.Single().Data);
    }

    [Fact]
    public async Task LargeObject_FromClient_Interrupted_ServerSends1225()
    {
        const string scenario = """{ "packages": [ { "commands": [ { "cmd": "Get", "target": "./Vendor/Log" } ] } ] }""";
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        var ex = await client.PostAsync(client.Pkg1());
        var getId = (string)ex.Commands.Single().Element(Ns + "CmdID");
        var status = TestDmClient.El("Status", TestDmClient.El("CmdID", "1"), TestDmClient.El("MsgRef", "2"), TestDmClient.El("CmdRef", getId), TestDmClient.El("Cmd", "Get"), TestDmClient.El("Data", "200"));
        var chunk1 = TestDmClient.El("Results", TestDmClient.El("CmdID", "2"), TestDmClient.El("MsgRef", "2"), TestDmClient.El("CmdRef", getId),
            TestDmClient.El("Item", TestDmClient.El("Source", TestDmClient.El("LocURI", "./Vendor/Log")), TestDmClient.El("Meta", TestDmClient.MiEl("Size", "6")), TestDmClient.El("Data", "abc"), TestDmClient.El("MoreData")));
        ex = await client.PostAsync(new List<XElement> { status, chunk1 });
        Assert.Equal("1222", (string)ex.Commands.Single().Element(Ns + "Data"));

        // a generic alert instead of the next chunk
        var ga = TestDmClient.GenericAlert(null, "./Vendor/X", "x-test", "chr", null, "oops");
        ga.Element(Ns + "CmdID").SetValue("1");
        ex = await client.PostAsync(new List<XElement> { ga, TestDmClient.El("Final") });
        var a1225 = ex.Commands.Single(c => (string)c.Element(Ns + "Data") == "1225");
        Assert.Equal("./Vendor/Log", (string)a1225.Element(Ns + "Item").Element(Ns + "Source").Element(Ns + "LocURI"));
        Assert.True(ex.Final);
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.False(report.Passed);
        Assert.Contains(report.Errors, e => e.Contains("interrupted a chunked Results", StringComparison.Ordinal));
        Assert.Single(report.GenericAlerts);
        Assert.Empty(report.Find("Get", "./Vendor/Log").Results);
    }

    [Fact]
    public async Task GenericAlerts_Recorded_AndExpectationsChecked()
    {
        const string scenario = """
            { "name": "ga", "expectGenericAlerts": [ { "type": "org.openmobilealliance.dm.firmwareupdate.download", "correlator": "abc" }, {} ],
              "packages": [ { "commands": [ { "cmd": "Exec", "target": "./FUMO/Download", "correlator": "abc", "expect": { "status": 202 } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.StatusOverride = c => c.Name.LocalName == "Exec" ? 202 : null;
        client.Pkg1Extra.Add(TestDmClient.GenericAlert("abc", "./FUMO/Download", "org.openmobilealliance.dm.firmwareupdate.download", "int", "critical", "200"));
        client.Pkg1Extra.Add(TestDmClient.GenericAlert(null, "./Vendor/Boot", "Reversed-Domain-Name:org.example.boot", "chr", null, "booted"));

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(2, report.GenericAlerts.Count);
        var ga = report.GenericAlerts[0];
        Assert.Equal("abc", ga.Correlator);
        Assert.Equal("./FUMO/Download", ga.Source);
        Assert.Equal("org.openmobilealliance.dm.firmwareupdate.download", ga.Type);
        Assert.Equal("int", ga.Format);
        Assert.Equal("critical", ga.Mark);
        Assert.Equal("200", ga.Data);
        Assert.Equal("booted", report.GenericAlerts[1].Data);

        // each generic alert got Status 200
        var statuses = client.Exchanges[0].Statuses.Where(s => (string)s.Element(Ns + "Cmd") == "Alert").Select(s => (string)s.Element(Ns + "Data")).ToList();
        Assert.Equal(new[] { "200", "200", "200" }, statuses);
    }

    [Fact]
    public async Task GenericAlert_Missing_FailsTheSession()
    {
        using var host = DmTestHosts.Start(output, """{ "expectGenericAlerts": [ { "source": "./FUMO/Update" } ], "packages": [] }""");
        using var client = NewClient(host);
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.False(report.Passed);
        Assert.Single(report.MissingGenericAlerts);
        Assert.Contains("source=./FUMO/Update", report.ToString());
    }

    [Fact]
    public async Task RawBodyPackage_SentVerbatim()
    {
        const string scenario = """
            { "name": "raw", "packages": [ { "rawBody": "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><SessionID>{{SessionID}}</SessionID><broken" } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.SessionId = "4D2";
        var ex = await client.PostAsync(client.Pkg1());
        Assert.Equal(200, ex.HttpStatus);
        Assert.Equal("application/vnd.syncml.dm+xml", ex.ResponseContentType);
        Assert.Equal("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><SessionID>4D2</SessionID><broken", ex.ResponseText);
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Completed);
        Assert.Contains(report.Notes, n => n.Contains("fault injected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpStatusAndDelayPackages_ThenNormalPackage()
    {
        const string scenario = """
            { "packages": [
              { "httpStatus": 503, "delayMs": 300 },
              { "commands": [ { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200 } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var ex = await client.PostAsync(client.Pkg1());
        Assert.Equal(503, ex.HttpStatus);
        Assert.True(sw.ElapsedMilliseconds >= 250, "delay " + sw.ElapsedMilliseconds);

        // the client retries Pkg#1 in the same session: the server goes on with the next package
        ex = await client.PostAsync(client.Pkg1());
        Assert.Equal(200, ex.HttpStatus);
        Assert.Equal("Get", ex.Commands.Single().Name.LocalName);
        var next = client.Answer(ex);
        ex = await client.PostAsync(next);
        Assert.True(ex.Final);
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public async Task OversizePackage_PaddedAndNotSplit()
    {
        const string scenario = """
            { "packages": [ { "ignoreMaxMsgSize": true, "padTo": 5000, "commands": [
              { "cmd": "Replace", "target": "./Vendor/Note", "data": "0123456789012345678901234567890123456789" },
              { "cmd": "Get", "target": "./DevInfo/Mod" } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.MaxMsgSize = 1000;
        var ex = await client.PostAsync(client.Pkg1());
        Assert.True(ex.Response.Length >= 5000);
        Assert.Equal(2, ex.Commands.Count());
        Assert.True(ex.Final);
        Assert.Null(ex.Commands.First().Element(Ns + "Item").Element(Ns + "MoreData"));
    }

    [Fact]
    public async Task MessageAfterTheSessionEnded_AnsweredWithFinal_AndReported()
    {
        using var host = DmTestHosts.Start(output, null);
        using var client = NewClient(host);
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());

        var status = TestDmClient.El("Status", TestDmClient.El("CmdID", "1"), TestDmClient.El("MsgRef", "1"), TestDmClient.El("CmdRef", "0"), TestDmClient.El("Cmd", "SyncHdr"), TestDmClient.El("Data", "200"));
        var ex = await client.PostAsync(new List<XElement> { status, TestDmClient.El("Final") });
        Assert.True(ex.Final);
        Assert.Empty(ex.Commands);
        Assert.False(report.Passed);
        Assert.Contains(report.Errors, e => e.Contains("after the session had ended", StringComparison.Ordinal));
        Assert.Single(host.Reports);
        Assert.Empty(host.ActiveSessions);
    }

    [Fact]
    public async Task Atomic_ChildStatusesChecked()
    {
        const string scenario = """
            { "packages": [ { "commands": [
              { "cmd": "Atomic", "commands": [
                  { "cmd": "Add", "target": "./Vendor/A2", "data": "x" },
                  { "cmd": "Replace", "target": "./Vendor/Missing", "data": "y" } ],
                "expect": { "status": 507, "children": [216, [404, 500]] } },
              { "cmd": "Sequence", "commands": [
                  { "cmd": "Add", "target": "./Vendor/S1", "data": "1", "expect": { "status": 200 } },
                  { "cmd": "Get", "target": "./Vendor/S1", "expect": { "status": 200, "data": "1" } } ] },
              { "cmd": "Alert", "data": "1100", "items": ["MINDT=1", "Hello"], "expect": { "status": 200 } },
              { "cmd": "Alert", "data": "1102", "items": ["", "Your name?"], "expect": { "status": 200, "data": "Bob" } },
              { "cmd": "Copy", "target": "./Vendor/C", "source": "./Vendor/Note", "expect": { "status": 200 } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        client.StatusOverride = c =>
        {
            var n = c.Name.LocalName;
            var t = (string)c.Element(Ns + "Item")?.Element(Ns + "Target")?.Element(Ns + "LocURI");
            if (n == "Atomic")
            {
                return 507;
            }

            return n == "Add" && t == "./Vendor/A2" ? 216 : null;
        };

        // answer the text-input alert with Status Item data
        var ex = await client.PostAsync(client.Pkg1());
        var reply = client.Answer(ex);
        var alert1102 = ex.Commands.Single(c => (string)c.Element(Ns + "Data") == "1102");
        var st = reply.Single(e => e.Name.LocalName == "Status" && (string)e.Element(Ns + "CmdRef") == (string)alert1102.Element(Ns + "CmdID"));
        st.Add(TestDmClient.El("Item", TestDmClient.El("Data", "Bob")));
        ex = await client.PostAsync(reply);
        Assert.True(ex.Final);
        Assert.Empty(ex.Commands);

        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
        var atomic = report.Commands[0];
        Assert.Equal(507, atomic.ActualStatus);
        Assert.Equal(new int?[] { 216, 404 }, atomic.Children.Select(c => c.ActualStatus));
        Assert.Equal("Bob", report.Commands[3].StatusData);

        // the Atomic went out as one command with its children inside, each with its own CmdID
        var atomicEl = client.Exchanges[0].Commands.First();
        Assert.Equal("Atomic", atomicEl.Name.LocalName);
        Assert.Equal(2, atomicEl.Elements().Count(e => e.Name.LocalName != "CmdID"));
        var ids = client.Exchanges[0].Doc.Descendants(Ns + "CmdID").Select(e => (string)e).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // the UI alert layout: Data = code, then one Item per entry
        var a1100 = client.Exchanges[0].Commands.Single(c => (string)c.Element(Ns + "Data") == "1100");
        Assert.Equal(new[] { "MINDT=1", "Hello" }, a1100.Elements(Ns + "Item").Select(i => (string)i.Element(Ns + "Data")));
    }

    [Fact]
    public async Task Atomic_WrongChildStatus_Fails()
    {
        const string scenario = """
            { "packages": [ { "commands": [
              { "cmd": "Atomic", "commands": [ { "cmd": "Add", "target": "./Vendor/A", "data": "x" } ], "expect": { "status": 507, "children": [216] } } ] } ] }
            """;
        using var host = DmTestHosts.Start(output, scenario);
        using var client = NewClient(host);
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.False(report.Passed);
        Assert.Contains(report.Failures, f => f.Contains("status 200, expected 507", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Contains("parent expects 216", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientAbort1223_RecordedAsAborted()
    {
        using var host = DmTestHosts.Start(output, TwoPackages);
        using var client = NewClient(host);
        client.AbortAtServerMessage = 1;
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Aborted);
        Assert.False(report.Passed);
        Assert.Contains("1223", report.EndReason);
        Assert.Contains(report.ClientAlerts, a => a.Code == "1223");
        Assert.True(client.Exchanges.Last().Final);
        Assert.Empty(client.Exchanges.Last().Commands);
    }

    [Fact]
    public async Task ClientEvent1224_Recorded()
    {
        using var host = DmTestHosts.Start(output, null);
        using var client = NewClient(host);
        client.Pkg1Extra.Add(TestDmClient.El("Alert", TestDmClient.El("CmdID", "0"), TestDmClient.El("Data", "1224"),
            TestDmClient.El("Item", TestDmClient.El("Meta", TestDmClient.MiEl("Type", "x-vendor/event"), TestDmClient.MiEl("Format", "chr")), TestDmClient.El("Data", "button"))));
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.ClientAlerts, a => a.Code == "1224" && a.Items.Single().Contains("data=button", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RespUri_SentAndItsUseEnforced()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o => o.UseRespUri = true);
        using (var good = NewClient(host))
        {
            await good.RunAsync();
            var r = await host.WaitForSessionAsync(DmTestHosts.Wait);
            Assert.True(r.Passed, r.ToString());
            var respUri = (string)good.Exchanges[0].Doc.Root.Element(Ns + "SyncHdr").Element(Ns + "RespURI");
            Assert.StartsWith(host.Url + "?s=", respUri);
            Assert.Equal(respUri, good.PostUrl);
        }

        using var bad = NewClient(host);
        bad.SessionId = "2";
        bad.IgnoreRespUri = true;
        await bad.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.False(report.Passed);
        Assert.Contains(report.Errors, e => e.Contains("instead of the RespURI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerMaxMsgSize_AdvertisedAndEnforced413()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o =>
        {
            o.MaxMsgSize = 2000;
            o.MaxObjSize = 100000;
        });
        using var client = NewClient(host);
        var ex = await client.PostAsync(client.Pkg1());
        var meta = ex.Doc.Root.Element(Ns + "SyncHdr").Element(Ns + "Meta");
        Assert.Equal("2000", (string)meta.Element(Mi + "MaxMsgSize"));
        Assert.Equal("100000", (string)meta.Element(Mi + "MaxObjSize"));

        // a reply that is too big
        var reply = client.Answer(ex);
        reply.Insert(0, TestDmClient.GenericAlert(null, "./Vendor/X", "x-test", "chr", null, new string('z', 3000)));
        ex = await client.PostAsync(reply);
        Assert.Equal(413, ex.HttpStatus);
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Aborted);
        Assert.Contains("413", report.EndReason);
        Assert.Contains(report.Errors, e => e.Contains("more than the server MaxMsgSize 2000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_WrongContentType415_WrongPath404_Get405_BadXml400()
    {
        using var host = DmTestHosts.Start(output, null);
        using var client = NewClient(host);
        var ex = await client.PostAsync(client.Pkg1(), "application/vnd.syncml+xml");
        Assert.Equal(415, ex.HttpStatus);
        ex = await client.PostAsync(client.Pkg1(), "text/xml");
        Assert.Equal(415, ex.HttpStatus);
        ex = await client.PostRawAsync(Encoding.UTF8.GetBytes("<SyncML><oops"));
        Assert.Equal(400, ex.HttpStatus);

        using var http = new HttpClient();
        Assert.Equal(405, (int)(await http.GetAsync(host.Url)).StatusCode);
        Assert.Equal(404, (int)(await http.PostAsync(host.Url.Replace("/dm", "/other", StringComparison.Ordinal), new ByteArrayContent(Array.Empty<byte>()))).StatusCode);

        // charset parameter is fine
        ex = await client.PostAsync(client.Pkg1(), "application/vnd.syncml.dm+xml; charset=UTF-8");
        Assert.Equal(200, ex.HttpStatus);
        Assert.StartsWith("http://127.0.0.1:", host.Url);
        Assert.EndsWith("/dm", host.Url);
    }

    [Fact]
    public async Task IdleSession_AbortedAfterTimeout()
    {
        using var host = DmTestHosts.Start(output, TwoPackages, o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        using var client = NewClient(host);
        await client.PostAsync(client.Pkg1());
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Aborted);
        Assert.Contains("idle", report.EndReason);
        Assert.False(report.Find("Get", "./DevInfo/Mod").Passed);
        Assert.Contains("no status received", report.Find("Get", "./DevInfo/Mod").Failure);
        Assert.Throws<TimeoutException>(() => host.WaitForSession(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Pkg0SessionId_MarksTheReport()
    {
        using var host = DmTestHosts.Start(output, null);
        var msg = host.BuildNotification(new NotificationRequest { SessionId = 0x4D2 });
        using var client = NewClient(host);
        client.SessionId = msg.SessionIdHex;
        client.ServerInitiated = true;
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("4D2", report.SessionId);
        Assert.True(report.TriggeredByNotification);
        Assert.Equal("server-initiated (1200)", report.SessionType);
    }

    [Fact]
    public async Task Report_JsonRoundTripAndSummary()
    {
        using var host = DmTestHosts.Start(output, TwoPackages);
        using var client = NewClient(host);
        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
        var json = report.ToJson();
        Assert.Contains("\"passed\": true", json);
        Assert.Contains("\"deviceId\": \"IMEI:493005100592800\"", json);
        var back = SessionReport.FromJson(json);
        Assert.True(back.Passed);
        Assert.Equal(report.Commands.Count, back.Commands.Count);
        Assert.Equal(report.DevInfo["./DevInfo/Mod"], back.DevInfo["./DevInfo/Mod"]);
        var text = report.ToString();
        Assert.Contains("PASSED", text);
        Assert.Contains("Get ./Vendor/Note", text);
        Assert.Single(host.Reports);
        var all = SessionReport.ToJson(host.Reports);
        Assert.Contains("\"sessions\"", all);
    }
}

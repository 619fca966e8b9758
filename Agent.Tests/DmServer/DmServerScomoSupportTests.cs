namespace NanoOmaDm.Tests.DmServer;

using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

/// <summary>What the SCOMO integration tests need from the DM server: binary item data (b64, large objects), scenario
/// queues for successive sessions, generic-alert data matching and file downloads with HTTP Range.</summary>
public sealed class DmServerScomoSupportTests
{
    private static readonly XNamespace Ns = TestDmClient.Ns;
    private static readonly XNamespace Mi = TestDmClient.Mi;
    private const string ScomoAlertType = "urn:oma:at:scomo:1.0:OperationComplete";
    private readonly ITestOutputHelper output;

    public DmServerScomoSupportTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static byte[] Binary(int size)
    {
        var b = new byte[size];
        new Random(size).NextBytes(b);
        return b;
    }

    private static Scenario OneCommand(string name, ScenarioCommand command)
    {
        var s = new Scenario { Name = name };
        s.Packages.Add(new ScenarioPackage { Commands = { command } });
        return s;
    }

    /// <summary>The client's tree has the (empty) SCOMO Data leaf that the Replace fills.</summary>
    private static TestDmClient WithDataLeaf(TestDmClient client)
    {
        client.Tree["./SCOMO/Inventory/Delivered/pkg1/Data"] = (string.Empty, "b64");
        return client;
    }

    private static List<XElement> SentItems(TestDmClient client, string cmd)
    {
        return client.Exchanges.SelectMany(e => e.Commands.Where(c => c.Name.LocalName == cmd)).Select(c => c.Element(Ns + "Item")).ToList();
    }

    // ------------------------------------------------------------------------------------------------ binary data

    [Fact]
    public async Task BinaryData_SmallItem_SentAsB64_DecodesToTheBytes()
    {
        var bytes = Binary(300);
        var cmd = new ScenarioCommand { Cmd = "Replace", Target = "./SCOMO/Inventory/Delivered/pkg1/Data", Type = "application/octet-stream", BinaryData = bytes, Expect = new Expectation { Status = { 200 } } };
        using var host = DmTestHosts.Start(output, null, o => o.Scenario = OneCommand("bin", cmd));
        using var client = WithDataLeaf(new TestDmClient(host.Url));

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);

        Assert.True(report.Passed, report.ToString());
        var item = Assert.Single(SentItems(client, "Replace"));
        Assert.Equal("b64", (string)item.Descendants(Mi + "Format").Single());
        Assert.Null(item.Element(Ns + "MoreData"));
        Assert.Equal(bytes, Convert.FromBase64String(client.Tree["./SCOMO/Inventory/Delivered/pkg1/Data"].Data));
    }

    [Fact]
    public async Task BinaryData_LargerThanMaxMsgSize_SentAsLargeObject_ReassemblesToTheBytes()
    {
        var bytes = Binary(12000);
        var cmd = new ScenarioCommand { Cmd = "Replace", Target = "./SCOMO/Inventory/Delivered/pkg1/Data", BinaryData = bytes, Expect = new Expectation { Status = { 200 } } };
        using var host = DmTestHosts.Start(output, null, o => o.Scenario = OneCommand("bin-lo", cmd));
        using var client = WithDataLeaf(new TestDmClient(host.Url) { MaxMsgSize = 2048 });

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);

        Assert.True(report.Passed, report.ToString());
        var chunks = SentItems(client, "Replace");
        Assert.True(chunks.Count >= 5, "chunks: " + chunks.Count);
        Assert.Equal(chunks.Count, client.Exchanges.Count(e => e.Commands.Any(c => c.Name.LocalName == "Replace")));
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.NotNull(c.Element(Ns + "MoreData")));
        Assert.Null(chunks.Last().Element(Ns + "MoreData"));
        Assert.All(client.Exchanges, e => Assert.True(e.Response.Length <= 2048, "message of " + e.Response.Length + " bytes"));

        // Meta Size on the first chunk only: the transported (b64) size, as the existing large-object path declares it
        var b64 = Convert.ToBase64String(bytes);
        Assert.Equal(b64.Length, client.ChunkSizes["./SCOMO/Inventory/Delivered/pkg1/Data"]);
        Assert.False(client.ChunkSizes.ContainsKey("./SCOMO/Inventory/Delivered/pkg1/Data#later-size"));
        Assert.Equal(bytes, Convert.FromBase64String(client.Tree["./SCOMO/Inventory/Delivered/pkg1/Data"].Data));
        Assert.Equal(chunks.Count, report.Find("Replace", "./SCOMO/Inventory/Delivered/pkg1/Data").Chunks);
    }

    [Fact]
    public void Parse_DataBase64_BecomesBinaryDataSentAsB64()
    {
        var s = Scenario.Parse("""
            { "packages": [ { "commands": [ { "cmd": "Replace", "target": "./X", "dataBase64": "AAEC/w==" } ] } ] }
            """);
        var c = s.Packages[0].Commands[0];
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, c.BinaryData);
        Assert.Equal("b64", c.EffectiveFormat());
        Assert.Equal("AAEC/w==", c.TransportData());
    }

    [Fact]
    public void LoadScenarioFile_RelativeDataFile_IsResolvedAgainstTheScenarioDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("dmsrv-scn-");
        try
        {
            var bytes = Binary(777);
            Directory.CreateDirectory(Path.Combine(dir.FullName, "pkgs"));
            File.WriteAllBytes(Path.Combine(dir.FullName, "pkgs", "app.bin"), bytes);
            var file = Path.Combine(dir.FullName, "scomo.json");
            File.WriteAllText(file, """
                { "packages": [ { "commands": [ { "cmd": "Replace", "target": "./SCOMO/Inventory/Delivered/p/Data", "dataFile": "pkgs/app.bin" } ] } ] }
                """);

            var c = DmServerHost.LoadScenarioFile(file).Packages[0].Commands[0];

            Assert.Equal(bytes, c.BinaryData);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("""{ "cmd": "Replace", "target": "./X", "dataBase64": "AA==", "data": "x" }""", "only one of")]
    [InlineData("""{ "cmd": "Replace", "target": "./X", "dataBase64": "AA==", "dataFile": "f" }""", "either dataBase64 or dataFile")]
    [InlineData("""{ "cmd": "Replace", "target": "./X", "dataBase64": "not base64!" }""", "not valid base64")]
    [InlineData("""{ "cmd": "Replace", "target": "./X", "dataBase64": "AA==", "format": "chr" }""", "always sent with format b64")]
    [InlineData("""{ "cmd": "Replace", "target": "./X", "dataFile": "/nonexistent/dir/pkg.bin" }""", "dataFile: cannot read")]
    public void Parse_BadBinaryData_NamesTheProblem(string command, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Scenario.Parse("{ \"packages\": [ { \"commands\": [ " + command + " ] } ] }"));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.packages[0].commands[0]", ex.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------------------------------------ scenario queue

    [Fact]
    public async Task EnqueuedScenarios_AreUsedInOrder_ThenTheCurrentScenario()
    {
        using var host = DmTestHosts.Start(output, """{ "name": "current" }""");
        host.EnqueueScenario(OneCommand("first", new ScenarioCommand { Cmd = "Exec", Target = "./SCOMO/Download/pkg1/Operations/DownloadInstall", Correlator = "c1", Expect = new Expectation { Status = { 202 } } }));
        var second = Scenario.Empty;
        second.Name = "second";
        second.ExpectGenericAlerts.Add(new GenericAlertExpectation { Type = ScomoAlertType, Correlator = "c1" });
        host.EnqueueScenario(second);
        Assert.Equal(2, host.QueuedScenarioCount);

        using (var c1 = new TestDmClient(host.Url) { SessionId = "11", StatusOverride = c => c.Name.LocalName == "Exec" ? 202 : null })
        {
            await c1.RunAsync();
        }

        // the device reports the outcome in a new client-initiated session
        using (var c2 = new TestDmClient(host.Url) { SessionId = "12" })
        {
            c2.Pkg1Extra.Add(TestDmClient.GenericAlert("c1", "./SCOMO/Download/pkg1/Operations/DownloadInstall", ScomoAlertType, "xml", "critical", "<ResultCode>1200</ResultCode>"));
            await c2.RunAsync();
        }

        using (var c3 = new TestDmClient(host.Url) { SessionId = "13" })
        {
            await c3.RunAsync();
        }

        var reports = host.WaitForSessions(3, DmTestHosts.Wait);

        Assert.Equal(new[] { "first", "second", "current" }, reports.Select(r => r.ScenarioName));
        Assert.Equal(new[] { "11", "12", "13" }, reports.Select(r => r.SessionId));
        Assert.All(reports, r => Assert.True(r.Passed, r.ToString()));
        Assert.Equal(0, host.QueuedScenarioCount);
    }

    [Fact]
    public async Task WaitForSessions_TimesOut_SayingHowManyFinished()
    {
        using var host = DmTestHosts.Start(output, null);
        using var client = new TestDmClient(host.Url);
        await client.RunAsync();

        var ex = Assert.Throws<TimeoutException>(() => host.WaitForSessions(2, TimeSpan.FromMilliseconds(200)));
        Assert.StartsWith("1 of 2 sessions finished", ex.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------------------------------------ generic alerts

    [Theory]
    [InlineData("<ResultCode>1200</ResultCode>", true)]
    [InlineData("<Identifier>pkg1</Identifier>", true)]
    [InlineData("<ResultCode>1250</ResultCode>", false)]
    public async Task GenericAlertExpectation_DataContains(string contains, bool passes)
    {
        var scenario = Scenario.Parse("""{ "name": "scomo-alert", "expectGenericAlerts": [ { "type": "urn:oma:at:scomo:1.0:OperationComplete", "dataContains": "X" } ] }""".Replace("\"X\"", System.Text.Json.JsonSerializer.Serialize(contains), StringComparison.Ordinal));
        using var host = DmTestHosts.Start(output, null, o => o.Scenario = scenario);
        using var client = new TestDmClient(host.Url);
        var alert = TestDmClient.GenericAlert("corr-7", "./SCOMO/Inventory/Deployed/pkg1/Operations/Activate", ScomoAlertType, "xml", "warning", "<ResultCode>1200</ResultCode><Identifier>pkg1</Identifier>");
        alert.Element(Ns + "Item").Element(Ns + "Source").AddBeforeSelf(TestDmClient.El("Target", TestDmClient.El("LocURI", "./SCOMO/Inventory/Deployed/pkg1")));
        client.Pkg1Extra.Add(alert);

        await client.RunAsync();
        var report = await host.WaitForSessionAsync(DmTestHosts.Wait);

        Assert.Equal(passes, report.Passed);
        Assert.Equal(passes ? 0 : 1, report.MissingGenericAlerts.Count);
        var ga = Assert.Single(report.GenericAlerts);
        Assert.Equal(ScomoAlertType, ga.Type);
        Assert.Equal("./SCOMO/Inventory/Deployed/pkg1/Operations/Activate", ga.Source);
        Assert.Equal("./SCOMO/Inventory/Deployed/pkg1", ga.Target);
        Assert.Equal("corr-7", ga.Correlator);
        Assert.Equal("xml", ga.Format);
        Assert.Equal("warning", ga.Mark);
        Assert.Equal("<ResultCode>1200</ResultCode><Identifier>pkg1</Identifier>", ga.Data);
    }

    // ------------------------------------------------------------------------------------------------ files

    [Fact]
    public async Task Files_RangeRequest_Returns206WithTheRequestedBytes()
    {
        var dir = Directory.CreateTempSubdirectory("dmsrv-files-");
        try
        {
            var bytes = Binary(5000);
            File.WriteAllBytes(Path.Combine(dir.FullName, "app-1.2.pkg"), bytes);
            using var host = DmTestHosts.Start(output, null, o => o.FilesDirectory = dir.FullName);
            using var http = new HttpClient();
            Assert.Equal("http://127.0.0.1:" + host.Port + "/files/", host.FilesUrl);

            var req = new HttpRequestMessage(HttpMethod.Get, host.FilesUrl + "app-1.2.pkg");
            req.Headers.Range = new RangeHeaderValue(1000, 1999);
            using var partial = await http.SendAsync(req);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(bytes.AsSpan(1000, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());
            Assert.Equal(5000, partial.Content.Headers.ContentRange.Length);

            var beyond = new HttpRequestMessage(HttpMethod.Get, host.FilesUrl + "app-1.2.pkg");
            beyond.Headers.Range = new RangeHeaderValue(5000, null);
            using var unsatisfiable = await http.SendAsync(beyond);
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);

            using var whole = await http.GetAsync(host.FilesUrl + "app-1.2.pkg");
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
            Assert.Equal(bytes, await whole.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("missing.pkg")]
    [InlineData("..%2Fsecret.txt")] // an escape attempt (Kestrel itself removes plain ../ segments)
    [InlineData("")]
    public async Task Files_UnknownOrOutsideTheDirectory_404(string name)
    {
        var parent = Directory.CreateTempSubdirectory("dmsrv-files-");
        try
        {
            File.WriteAllText(Path.Combine(parent.FullName, "secret.txt"), "secret");
            var served = Directory.CreateDirectory(Path.Combine(parent.FullName, "served"));
            using var host = DmTestHosts.Start(output, null, o => o.FilesDirectory = served.FullName);
            using var http = new HttpClient();

            using var resp = await http.GetAsync(host.FilesUrl + name);

            Assert.Equal(HttpStatusCode.NotFound, resp.StatusCode);
        }
        finally
        {
            parent.Delete(true);
        }
    }

    [Fact]
    public void NoFilesDirectory_NoFilesUrl()
    {
        using var host = DmTestHosts.Start(output, null);
        Assert.Null(host.FilesUrl);
    }
}

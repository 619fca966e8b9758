using System.Text;
using System.Text.RegularExpressions;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Large objects in both directions: MoreData chunks, Meta Size on the first chunk, 213 for each non-final
/// chunk, 1222 between messages, 413 above MaxObjSize, 424 on a size mismatch, 1225 when the object is broken off.</summary>
public class LargeObjectTests
{
    private readonly ITestOutputHelper _output;

    public LargeObjectTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void BinaryObject_ChunkedToTheAgent_AndReadBackChunkedToTheServer()
    {
        const string scenario = """
        { "name": "lo-b64", "packages": [
          { "commands": [ { "cmd": "Add", "target": "./Vendor/IT/Blob", "dataSize": 20000, "dataSeed": 7, "type": "application/octet-stream", "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Blob", "expect": { "status": 200, "dataSize": 20000, "dataSeed": 7 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 4096;
        rig.ServerOptions.MaxMsgSize = 4096;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        // To the agent: chunks with MoreData, Meta Size on the first, each non-final chunk answered 213.
        CommandReport add = run.Cmd("Add", "./Vendor/IT/Blob");
        Assert.True(add.Chunks >= 6, "Add was sent in " + add.Chunks + " chunks\n" + run.Describe());
        var chunkStatuses = run.Sent.SelectMany(m => m.Statuses).Where(s => WireXml.Text(s, "Cmd") == "Add").Select(WireXml.Code).ToList();
        Assert.Equal(add.Chunks, chunkStatuses.Count);
        Assert.All(chunkStatuses.Take(chunkStatuses.Count - 1), c => Assert.Equal(213, c));
        Assert.Equal(200, chunkStatuses.Last());
        DmNode blob = rig.Agent.Tree.Find("./Vendor/IT/Blob");
        Assert.Equal(DataPattern.Bytes(20000, 7), blob.Value);
        Assert.Equal("bin", blob.Format);
        Assert.Equal("application/octet-stream", blob.Type);

        // From the agent: the Results item in chunks within the server's MaxMsgSize, Meta Size on the first.
        ResultItem result = Assert.Single(run.Cmd("Get", "./Vendor/IT/Blob").Results);
        Assert.True(result.Chunks >= 6, "Results came in " + result.Chunks + " chunks");
        Assert.Equal("b64", result.Format);
        var firstChunk = run.Sent.SelectMany(m => m.Commands).First(c => c.Name.LocalName == "Results" && c.ToString().Contains("MoreData"));
        Assert.Equal(Convert.ToBase64String(DataPattern.Bytes(20000, 7)).Length.ToString(), WireXml.Text(WireXml.Child(firstChunk, "Item"), "Meta", "Size"));
        Assert.All(run.Sent, m => Assert.True(m.Size <= 4096, "client message of " + m.Size + " bytes"));
        Assert.Contains(run.Report.Notes, n => n.Contains("reassembled"));
    }

    [Fact]
    public void BinaryObject_InWbxmlOpaqueChunks_IsReassembledByteForByte()
    {
        // In WBXML the server sends binary data as OPAQUE bytes with Format bin, and Meta Size counts bytes: a receiver
        // that counted anything else would answer 424.
        const string scenario = """
        { "name": "lo-opaque", "packages": [
          { "commands": [ { "cmd": "Add", "target": "./Vendor/IT/Blob", "dataSize": 20000, "dataSeed": 9, "type": "application/octet-stream", "expect": { "status": 200 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.UseWbxml = true;
        rig.Config.MaxMsgSize = 4096;
        rig.ServerOptions.MaxMsgSize = 4096;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.True(run.Cmd("Add", "./Vendor/IT/Blob").Chunks >= 5);
        DmNode blob = rig.Agent.Tree.Find("./Vendor/IT/Blob");
        Assert.Equal(DataPattern.Bytes(20000, 9), blob.Value);
        Assert.Equal("bin", blob.Format);
    }

    [Fact]
    public void TextObject_ReplacedInChunks_KeepsEveryCharacter()
    {
        const string scenario = """
        { "name": "lo-chr", "packages": [
          { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "dataSize": 9000, "format": "chr", "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting?prop=Format", "expect": { "status": 200, "data": "chr" } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 3000;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.True(run.Cmd("Replace", "./Vendor/IT/Greeting").Chunks >= 3, run.Describe());
        Assert.Equal(DataPattern.Chars(9000, 1), rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Fact]
    public void LargeResultsOfADeviceValue_AreChunked_AndMatchMetaSize()
    {
        string text = DataPattern.Chars(30000, 3);
        const string scenario = """
        { "name": "lo-results", "packages": [ { "commands": [
            { "cmd": "Get", "target": "./Vendor/IT/Log", "expect": { "status": 200, "dataSize": 30000, "dataSeed": 3 } },
            { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "hello" } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.ServerOptions.MaxMsgSize = 6000;
        rig.Config.MaxObjSize = 65536;
        rig.Start(scenario);
        rig.Agent.Tree.SetLeaf("./Vendor/IT/Log", DmFormat.Chr, "text/plain", Encoding.UTF8.GetBytes(text), false);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Empty(run.Report.Errors);
        Assert.True(Assert.Single(run.Cmd("Get", "./Vendor/IT/Log").Results).Chunks >= 5, run.Describe());
        Assert.DoesNotContain(run.Received, m => m.Alerts(1225).Any());
    }

    [Fact]
    public void ObjectAboveTheAgentsMaxObjSize_IsRefused413_AndNotStored()
    {
        const string scenario = """
        { "name": "lo-413", "packages": [
          { "commands": [
            { "cmd": "Add", "target": "./Vendor/IT/TooBig", "dataSize": 20000, "expect": { "status": 413 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Keep", "data": "after the refused object", "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/TooBig", "expect": { "status": 404 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 4096;
        rig.Config.MaxObjSize = 8000;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/TooBig"));
        Assert.Equal("after the refused object", rig.Agent.Tree.GetString(TestMo.Keep));
        // The object was refused at its first chunk (its Meta Size is above MaxObjSize): the rest was never sent.
        Assert.Contains(run.Report.Notes, n => n.Contains("client answered a chunk with 413"));
        // The agent advertised its limits in every SyncHdr.
        Assert.All(run.Sent, m => Assert.Equal("8000", WireXml.Text(m.Header, "Meta", "MaxObjSize")));
    }

    [Fact]
    public void ObjectRefused413_AsTheLastCommandOfItsPackage_SessionStillEnds()
    {
        const string scenario = """
        { "name": "lo-413-last", "packages": [
          { "commands": [ { "cmd": "Add", "target": "./Vendor/IT/TooBig", "dataSize": 20000, "expect": { "status": 413 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/TooBig", "expect": { "status": 404 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 4096;
        rig.Config.MaxObjSize = 8000;
        rig.Config.MaxMessagesPerSession = 40;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/TooBig"));
        Assert.True(run.Sent.Count() < 10, run.Sent.Count() + " client messages for a two-package session");
    }

    [Fact]
    public void SingleMessageObjectAboveMaxObjSize_IsRefused413_SessionGoesOn()
    {
        const string scenario = """
        { "name": "lo-413-small", "packages": [
          { "commands": [
            { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "dataSize": 3000, "format": "chr", "expect": { "status": 413 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Keep", "data": "small", "expect": { "status": 200 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 16384;
        rig.Config.MaxObjSize = 2000;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Equal("small", rig.Agent.Tree.GetString(TestMo.Keep));
    }

    [Fact]
    public void ReassembledSizeDifferentFromMetaSize_Is424_AndNothingIsStored()
    {
        // The server chunks correctly; a man in the middle makes the first chunk announce one byte more.
        const string scenario = """
        { "name": "lo-424", "packages": [
          { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "dataSize": 6000, "format": "chr", "expect": { "status": 424 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "hello" } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 2500;
        rig.TamperResponse = (index, body) => Regex.Replace(body, "(<Size[^>]*>)6000(</Size>)", "${1}6001${2}");
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        var statuses = run.Sent.SelectMany(m => m.Statuses).Where(s => WireXml.Text(s, "Cmd") == "Replace").Select(WireXml.Code).ToList();
        Assert.True(statuses.Count >= 3, run.Describe());
        Assert.All(statuses.Take(statuses.Count - 1), c => Assert.Equal(213, c));
        Assert.Equal(424, statuses.Last());
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Fact]
    public void ObjectBrokenOffByAnotherCommand_AgentSends1225_AndDiscardsIt()
    {
        // A server message whose first chunk (MoreData) is followed by another command instead of the next chunk.
        string broken = WireXml.RawServerMessage(
            "<Replace><CmdID>2</CmdID><Item><Target><LocURI>./Vendor/IT/Greeting</LocURI></Target>"
            + "<Meta><Format xmlns=\"syncml:metinf\">chr</Format><Size xmlns=\"syncml:metinf\">400</Size></Meta>"
            + "<Data>" + new string('x', 200) + "</Data><MoreData/></Item></Replace>"
            + "<Get><CmdID>3</CmdID><Item><Target><LocURI>./Vendor/IT/Keep</LocURI></Target></Item></Get>");
        string scenario = "{ \"name\": \"lo-1225\", \"packages\": [ { \"rawBody\": " + WireXml.Json(broken) + " },"
            + " { \"commands\": [ { \"cmd\": \"Get\", \"target\": \"./Vendor/IT/Greeting\", \"expect\": { \"status\": 200, \"data\": \"hello\" } } ] } ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.True(run.Result.Success, run.Describe());
        // The agent told the server with 1225, naming the broken item.
        var alert = Assert.Single(run.Sent.SelectMany(m => m.Alerts(1225)));
        Assert.Equal("./Vendor/IT/Greeting", WireXml.Text(WireXml.Child(alert, "Item"), "Target", "LocURI"));
        Assert.Contains(run.Report.ClientAlerts, a => a.Code == "1225");
        // The first chunk was acknowledged 213, the interrupting Get ran normally.
        var statuses = run.Sent.SelectMany(m => m.Statuses).ToList();
        Assert.Contains(statuses, s => WireXml.Text(s, "CmdRef") == "2" && WireXml.Code(s) == 213);
        Assert.Contains(statuses, s => WireXml.Text(s, "CmdRef") == "3" && WireXml.Code(s) == 200);
        // Nothing of the broken object was stored.
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        run.AssertStatus("Get", "./Vendor/IT/Greeting", 200);
    }

    [Fact]
    public void ObjectUnfinishedWhenTheServerClosesItsPackage_AgentSends1225()
    {
        string unfinished = WireXml.RawServerMessage(
            "<Add><CmdID>2</CmdID><Item><Target><LocURI>./Vendor/IT/Half</LocURI></Target>"
            + "<Meta><Format xmlns=\"syncml:metinf\">chr</Format><Size xmlns=\"syncml:metinf\">400</Size></Meta>"
            + "<Data>" + new string('y', 200) + "</Data><MoreData/></Item></Add>");
        string scenario = "{ \"name\": \"lo-1225-final\", \"packages\": [ { \"rawBody\": " + WireXml.Json(unfinished) + " },"
            + " { \"commands\": [ { \"cmd\": \"Get\", \"target\": \"./Vendor/IT/Half\", \"expect\": { \"status\": 404 } } ] } ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.True(run.Result.Success, run.Describe());
        var alert = Assert.Single(run.Sent.SelectMany(m => m.Alerts(1225)));
        Assert.Equal("./Vendor/IT/Half", WireXml.Text(WireXml.Child(alert, "Item"), "Target", "LocURI"));
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/Half"));
        run.AssertStatus("Get", "./Vendor/IT/Half", 404);
    }

    [Fact]
    public void LargeGenericAlert_IsSentInChunks_AndReassembledByTheServer()
    {
        string data = DataPattern.Chars(7000, 5);
        using var rig = new DmRig(_output);
        // Pkg#1 goes out before the server's MaxMsgSize is known: the agent's own limit splits it.
        rig.Config.MaxMsgSize = 2500;
        rig.ServerOptions.MaxMsgSize = 2500;
        rig.Start("""
        { "name": "lo-alert", "expectGenericAlerts": [ { "type": "urn:nanoomadm:it:Log", "source": "./Vendor/IT/Log" } ],
          "packages": [ { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200 } } ] } ] }
        """);
        rig.Agent.Alerts.Enqueue(new NanoOmaDm.Agent.Session.GenericAlert
        {
            SourceUri = "./Vendor/IT/Log",
            Type = "urn:nanoomadm:it:Log",
            Format = "chr",
            Mark = "warning",
            Data = data,
        });
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        GenericAlertRecord record = Assert.Single(run.Report.GenericAlerts);
        Assert.Equal(data, record.Data);
        Assert.Equal("warning", record.Mark);
        Assert.All(run.Sent, m => Assert.True(m.Size <= 2500, "client message of " + m.Size + " bytes"));
        Assert.True(run.Sent.Count(m => m.Alerts(1226).Any()) >= 3, "the alert was not chunked");
        Assert.Equal(0, rig.Agent.Alerts.Count);
    }
}

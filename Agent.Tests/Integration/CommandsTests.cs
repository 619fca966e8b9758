using NanoOmaDm.Agent.Tree;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Management commands from the DmServer executed by the agent over HTTP, each with its expected status,
/// checked in the server's report and in the device's tree afterwards.</summary>
public class CommandsTests
{
    private readonly ITestOutputHelper _output;

    public CommandsTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void AddReplaceDeleteGet_AnswerTheirStatuses_AndChangeTheTree()
    {
        const string scenario = """
        { "name": "add-replace-delete-get", "packages": [
          { "commands": [
            { "cmd": "Add", "target": "./Vendor/IT/Data", "format": "node", "expect": { "status": 200 } },
            { "cmd": "Add", "target": "./Vendor/IT/Data/Name", "data": "alpha", "format": "chr", "type": "text/plain", "expect": { "status": 200 } },
            { "cmd": "Add", "target": "./Vendor/IT/Data/Tmp", "data": "tmp", "expect": { "status": 200 } },
            { "cmd": "Add", "target": "./Vendor/IT/Data/Count", "data": "42", "format": "int", "expect": { "status": 200 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Missing", "data": "x", "expect": { "status": 404 } },
            { "cmd": "Get", "target": "./Vendor/IT/Nothing", "expect": { "status": 404 } },
            { "cmd": "Delete", "target": "./Vendor/IT/Gone", "expect": { "status": 404 } },
            { "cmd": "Replace", "target": "./DevInfo/Mod", "data": "hacked", "expect": { "status": 425 } },
            { "cmd": "Add", "target": "./DevInfo/Extra", "data": "x", "expect": { "status": 425 } },
            { "cmd": "Delete", "target": "./DevInfo", "expect": { "status": 405 } },
            { "cmd": "Delete", "target": "./Vendor/IT/Ops/Sync", "expect": { "status": 405 } } ] },
          { "commands": [
            { "cmd": "Add", "target": "./Vendor/IT/Data/Name", "data": "again", "expect": { "status": 418 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Data/Name", "data": "beta", "expect": { "status": 200 } },
            { "cmd": "Delete", "target": "./Vendor/IT/Data/Tmp", "expect": { "status": 200 } } ] },
          { "commands": [
            { "cmd": "Get", "target": "./Vendor/IT/Data/Name", "expect": { "status": 200, "data": "beta" } },
            { "cmd": "Get", "target": "./Vendor/IT/Data/Count", "expect": { "status": 200, "data": "42" } },
            { "cmd": "Get", "target": "./Vendor/IT/Data/Tmp", "expect": { "status": 404 } },
            { "cmd": "Delete", "target": "./Vendor/IT/Data/Tmp", "expect": { "status": 404 } } ] }
        ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(3, run.Report.PackagesCompleted);
        DmTree tree = rig.Agent.Tree;
        Assert.Equal("beta", tree.GetString("./Vendor/IT/Data/Name"));
        Assert.Equal("int", tree.Find("./Vendor/IT/Data/Count").Format);
        Assert.True(tree.Find("./Vendor/IT/Data").IsInterior);
        Assert.Null(tree.Find("./Vendor/IT/Data/Tmp"));
        Assert.Null(tree.Find("./DevInfo/Extra"));
        Assert.Equal("Emulator", tree.GetString("./DevInfo/Mod"));
        Assert.NotNull(tree.Find("./Vendor/IT/Ops/Sync"));
        Assert.Equal(run.Report.AllCommands().Count(), run.Result.CommandsExecuted);
    }

    [Fact]
    public void Get_ReadsStandardMos_ListsInteriorNodes_AndNeverRevealsSecrets()
    {
        const string scenario = """
        { "name": "get", "packages": [ { "commands": [
            { "cmd": "Get", "target": "./DevInfo/DevId", "expect": { "status": 200, "data": "@DEVICE@" } },
            { "cmd": "Get", "target": "./DevInfo/Man", "expect": { "status": 200, "data": "nanoOmaDm" } },
            { "cmd": "Get", "target": "./DevInfo/DmV", "expect": { "status": 200, "data": "nanoOmaDm/1.2" } },
            { "cmd": "Get", "target": "./DevDetail/LrgObj", "expect": { "status": 200, "data": "true" } },
            { "cmd": "Get", "target": "./Vendor/IT/Ops", "expect": { "status": 200 } },
            { "cmd": "Get", "target": "./DevDetail?list=Struct", "expect": { "status": 200 } },
            { "cmd": "Get", "target": "./Vendor/IT/Greeting?prop=Format", "expect": { "status": 200, "data": "chr" } },
            { "cmd": "Get", "target": "./DMAcc/Acc1/AppAuth/CLCRED/AAuthSecret", "expect": { "status": 425 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Start(scenario.Replace("@DEVICE@", rig.DeviceId));
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        // Pkg#1 carried DevInfo.
        Assert.Equal(rig.DeviceId, run.Report.DevInfo["./DevInfo/DevId"]);
        Assert.Equal("Emulator", run.Report.DevInfo["./DevInfo/Mod"]);
        Assert.Equal("en-US", run.Report.DevInfo["./DevInfo/Lang"]);
        Assert.Equal("client-initiated (1201)", run.Report.SessionType);

        // An interior node lists its children, '/' separated, Format node.
        var ops = run.Cmd("Get", "./Vendor/IT/Ops").Results.Single();
        Assert.Equal("node", ops.Format);
        Assert.Equal(new[] { "Async", "Broken", "NoHandler", "Sync" }, ops.Data.Split('/').OrderBy(s => s, StringComparer.Ordinal));

        // ?list=Struct: one item per node of the subtree, no leaf values.
        var list = run.Cmd("Get", "./DevDetail?list=Struct").Results;
        Assert.Contains(list, r => NormalizeUri(r.Source) == "DevDetail/URI/MaxDepth");
        Assert.Contains(list, r => NormalizeUri(r.Source) == "DevDetail/LrgObj");
        Assert.True(list.Count >= 8, "?list=Struct returned " + list.Count + " items\n" + run.Describe());

        // The secret never went over the wire.
        Assert.DoesNotContain(run.Sent, m => m.Text.Contains(DmRig.Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Exec_SynchronousGives200_AsynchronousGives202_AndErrorsAreReported()
    {
        const string scenario = """
        { "name": "exec",
          "expectGenericAlerts": [ { "type": "urn:nanoomadm:it:AsyncDone", "correlator": "corr-42", "source": "./Vendor/IT/Ops/Async", "data": "done:later" } ],
          "packages": [ { "commands": [
            { "cmd": "Exec", "target": "./Vendor/IT/Ops/Sync", "data": "arg1", "expect": { "status": 200 } },
            { "cmd": "Exec", "target": "./Vendor/IT/Ops/Async", "data": "later", "correlator": "corr-42", "expect": { "status": 202 } },
            { "cmd": "Exec", "target": "./Vendor/IT/Ops/Missing", "expect": { "status": 404 } },
            { "cmd": "Exec", "target": "./Vendor/IT/Ops/NoHandler", "expect": { "status": [405, 406] } },
            { "cmd": "Exec", "target": "./Vendor/IT/Ops/Broken", "expect": { "status": 500 } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        var execs = rig.Mo.Execs;
        Assert.Equal(3, execs.Count);
        Assert.Equal(TestMo.ExecSync, execs[0].Uri);
        Assert.Equal("arg1", execs[0].Data);
        Assert.Equal(DmRig.ServerId, execs[0].ServerId);
        Assert.Equal("corr-42", execs[1].Correlator);
        Assert.Equal("later", execs[1].Data);

        // The asynchronous result was reported in the same session and left the queue.
        var alert = Assert.Single(run.Report.GenericAlerts);
        Assert.Equal("corr-42", alert.Correlator);
        Assert.Equal(0, rig.Agent.Alerts.Count);
        Assert.Equal(1, run.Result.AlertsDelivered);
    }

    [Fact]
    public void Copy_CopiesLeafValues_AndMissingSourceIs404()
    {
        const string scenario = """
        { "name": "copy", "packages": [
          { "commands": [
            { "cmd": "Copy", "target": "./Vendor/IT/Copy1", "source": "./Vendor/IT/Src", "expect": { "status": 200 } },
            { "cmd": "Copy", "target": "./Vendor/IT/Greeting", "source": "./Vendor/IT/Src", "expect": { "status": 200 } },
            { "cmd": "Copy", "target": "./Vendor/IT/Copy2", "source": "./Vendor/IT/NoSuchNode", "expect": { "status": 404 } } ] },
          { "commands": [
            { "cmd": "Get", "target": "./Vendor/IT/Copy1", "expect": { "status": 200, "data": "copy-me" } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("copy-me", rig.Agent.Tree.GetString("./Vendor/IT/Copy1"));
        Assert.Equal("copy-me", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Equal("copy-me", rig.Agent.Tree.GetString(TestMo.Src));
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/Copy2"));
    }

    [Fact]
    public void Atomic_AllSucceed_CommitsEverything()
    {
        const string scenario = """
        { "name": "atomic-ok", "packages": [ { "commands": [
            { "cmd": "Atomic", "commands": [
                { "cmd": "Add", "target": "./Vendor/IT/A1", "data": "one" },
                { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "atomic" },
                { "cmd": "Delete", "target": "./Vendor/IT/Keep" },
                { "cmd": "Copy", "target": "./Vendor/IT/A2", "source": "./Vendor/IT/Src" } ],
              "expect": { "status": 200, "children": [200, 200, 200, 200] } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("one", rig.Agent.Tree.GetString("./Vendor/IT/A1"));
        Assert.Equal("atomic", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Null(rig.Agent.Tree.Find(TestMo.Keep));
        Assert.Equal("copy-me", rig.Agent.Tree.GetString("./Vendor/IT/A2"));
    }

    [Fact]
    public void Atomic_OneFails_RollsBackEverything_With507And216()
    {
        const string scenario = """
        { "name": "atomic-rollback", "packages": [
          { "commands": [
            { "cmd": "Atomic", "commands": [
                { "cmd": "Add", "target": "./Vendor/IT/New", "data": "n" },
                { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "changed" },
                { "cmd": "Delete", "target": "./Vendor/IT/Keep" },
                { "cmd": "Replace", "target": "./Vendor/IT/Missing", "data": "x" } ],
              "expect": { "status": 507, "children": [216, 216, 216, 404] } } ] },
          { "commands": [
            { "cmd": "Get", "target": "./Vendor/IT/New", "expect": { "status": 404 } },
            { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "hello" } },
            { "cmd": "Get", "target": "./Vendor/IT/Keep", "expect": { "status": 200, "data": "keep" } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        var atomic = run.Nth("Atomic", 0);
        Assert.Equal(507, atomic.ActualStatus);
        Assert.Equal(new int?[] { 216, 216, 216, 404 }, atomic.Children.Select(c => c.ActualStatus).ToArray());
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/New"));
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Equal("keep", rig.Agent.Tree.GetString(TestMo.Keep));
    }

    [Fact]
    public void Atomic_WithAGetInside_FailsAndChangesNothing()
    {
        const string scenario = """
        { "name": "atomic-get", "packages": [ { "commands": [
            { "cmd": "Atomic", "commands": [
                { "cmd": "Add", "target": "./Vendor/IT/ByAtomic", "data": "n" },
                { "cmd": "Get", "target": "./Vendor/IT/Greeting" } ],
              "expect": { "status": [500, 507] } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        var atomic = run.Nth("Atomic", 0);
        Assert.NotEqual(200, atomic.Children[0].ActualStatus);
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/ByAtomic"));
        // A Get inside Atomic must not produce Results.
        Assert.Empty(atomic.Children[1].Results);
    }

    [Fact]
    public void Sequence_RunsItsCommandsInOrder()
    {
        const string scenario = """
        { "name": "sequence", "packages": [ { "commands": [
            { "cmd": "Sequence", "commands": [
                { "cmd": "Add", "target": "./Vendor/IT/S1", "data": "one" },
                { "cmd": "Replace", "target": "./Vendor/IT/S1", "data": "two" },
                { "cmd": "Get", "target": "./Vendor/IT/S1", "expect": { "data": "two" } },
                { "cmd": "Exec", "target": "./Vendor/IT/Ops/Sync", "data": "in-sequence" },
                { "cmd": "Copy", "target": "./Vendor/IT/S2", "source": "./Vendor/IT/S1" },
                { "cmd": "Delete", "target": "./Vendor/IT/S1" } ],
              "expect": { "status": 200, "children": [200, 200, 200, 200, 200, 200] } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/S1"));
        Assert.Equal("two", rig.Agent.Tree.GetString("./Vendor/IT/S2"));
        Assert.Equal("in-sequence", Assert.Single(rig.Mo.Execs).Data);
    }

    [Fact]
    public void ServerAbort1223_EndsTheSession_WithoutAnotherClientMessage()
    {
        string abort = WireXml.RawServerMessage("<Alert><CmdID>2</CmdID><Data>1223</Data></Alert>");
        string scenario = "{ \"name\": \"server-abort\", \"packages\": [ { \"rawBody\": " + WireXml.Json(abort) + " } ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("1223", run.Result.Reason);
        // The client does not answer a 1223: only Pkg#1 went out, and the server saw nothing after its abort.
        Assert.Single(run.Sent);
        Assert.Equal(1, run.Report.MessagesReceived);
        Assert.Empty(run.Report.Errors);
    }

    internal static string NormalizeUri(string uri)
    {
        return uri != null && uri.StartsWith("./", StringComparison.Ordinal) ? uri.Substring(2) : uri;
    }
}

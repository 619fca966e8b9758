using NanoOmaDm.Agent.Session;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Generic Alerts (1226) from the agent's queue: Correlator, Item Source/Target, Meta Type/Format/Mark, Data;
/// acknowledged alerts leave the queue, undelivered ones stay for the next session.</summary>
public class GenericAlertTests
{
    private const string OneGet = """
        { "name": "alerts", "packages": [ { "commands": [ { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200, "data": "Emulator" } } ] } ] }
        """;

    private readonly ITestOutputHelper _output;

    public GenericAlertTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static GenericAlert Fumo(string correlator, string serverId = null)
    {
        return new GenericAlert
        {
            ServerId = serverId,
            Correlator = correlator,
            SourceUri = "./FUMO/Pkg1/Download",
            TargetUri = "./Vendor/IT/Target",
            Type = "org.openmobilealliance.dm.firmwareupdate.download",
            Format = "int",
            Mark = "critical",
            Data = "200",
        };
    }

    [Fact]
    public void QueuedAlert_GoesOutInPkg1_WithEveryField_AndIsAcknowledged()
    {
        using var rig = new DmRig(_output);
        rig.Start("""
        { "name": "alert-fields",
          "expectGenericAlerts": [ { "type": "org.openmobilealliance.dm.firmwareupdate.download", "correlator": "fumo-7", "source": "./FUMO/Pkg1/Download", "data": "200", "mark": "critical" } ],
          "packages": [ { "commands": [ { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200 } } ] } ] }
        """);
        rig.Agent.Alerts.Enqueue(Fumo("fumo-7"));
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        GenericAlertRecord a = Assert.Single(run.Report.GenericAlerts);
        Assert.Equal("fumo-7", a.Correlator);
        Assert.Equal("./FUMO/Pkg1/Download", a.Source);
        Assert.Equal("./Vendor/IT/Target", a.Target);
        Assert.Equal("org.openmobilealliance.dm.firmwareupdate.download", a.Type);
        Assert.Equal("int", a.Format);
        Assert.Equal("critical", a.Mark);
        Assert.Equal("200", a.Data);
        Assert.Equal("1", a.MsgId);
        Assert.Single(run.Sent.First().Alerts(1226));
        Assert.Equal(0, rig.Agent.Alerts.Count);
        Assert.Equal(1, run.Result.AlertsDelivered);
    }

    [Fact]
    public void SeveralAlerts_AllDelivered_AndAlertsForAnotherServerStayQueued()
    {
        using var rig = new DmRig(_output);
        rig.Start(OneGet);
        rig.Agent.Alerts.Enqueue(Fumo("a1"));
        rig.Agent.Alerts.Enqueue(Fumo("a2", DmRig.ServerId));
        GenericAlert foreign = Fumo("not-for-you", "another-server");
        rig.Agent.Alerts.Enqueue(foreign);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(new[] { "a1", "a2" }, run.Report.GenericAlerts.Select(g => g.Correlator).OrderBy(c => c));
        Assert.Equal(1, rig.Agent.Alerts.Count);
        Assert.Same(foreign, Assert.Single(rig.Agent.Alerts.PendingFor("another-server")));
        Assert.Equal(2, run.Result.AlertsDelivered);
    }

    [Fact]
    public void AlertOfAFailedSession_StaysQueued_AndIsDeliveredNextTime()
    {
        using var rig = new DmRig(_output);
        rig.Start("{ \"name\": \"fail-first\", \"packages\": [ { \"httpStatus\": 503 } ] }");
        rig.Agent.Alerts.Enqueue(Fumo("retry-me"));
        SessionOutcome failed = rig.RunSession();
        Assert.False(failed.Result.Success);
        Assert.Equal(1, rig.Agent.Alerts.Count);

        rig.SetScenario(OneGet);
        SessionOutcome run = rig.RunSession();
        run.AssertPassed();
        Assert.Equal("retry-me", Assert.Single(run.Report.GenericAlerts).Correlator);
        Assert.Equal(0, rig.Agent.Alerts.Count);
    }

    [Fact]
    public void AsynchronousExecResult_IsReported_WithTheExecsCorrelator()
    {
        const string scenario = """
        { "name": "async-exec",
          "expectGenericAlerts": [ { "type": "urn:nanoomadm:it:AsyncDone", "correlator": "job-9", "source": "./Vendor/IT/Ops/Async", "mark": "informational" } ],
          "packages": [
            { "commands": [ { "cmd": "Exec", "target": "./Vendor/IT/Ops/Async", "data": "job", "correlator": "job-9", "expect": { "status": 202 } } ] },
            { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200 } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        GenericAlertRecord a = Assert.Single(run.Report.GenericAlerts);
        Assert.Equal("job-9", a.Correlator);
        Assert.Equal("done:job", a.Data);
        Assert.Equal("chr", a.Format);
        // Reported after the Exec's 202, in the agent's Pkg#3 or later, not in Pkg#1.
        Assert.NotEqual("1", a.MsgId);
        Assert.Equal(0, rig.Agent.Alerts.Count);
    }

    [Fact]
    public void AlertQueuedByTheDeviceDuringASession_IsSentInTheSameSession()
    {
        const string scenario = """
        { "name": "mid-session", "expectGenericAlerts": [ { "type": "urn:nanoomadm:it:Changed", "source": "./Vendor/IT/Greeting" } ],
          "packages": [
            { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "changed", "expect": { "status": 200 } } ] },
            { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "changed" } } ] } ] }
        """;
        using var rig = new DmRig(_output).Start(scenario);
        // A device component watching the tree reports the change with a generic alert.
        rig.Agent.Tree.Changed += (node, change) =>
        {
            if (node.Uri == TestMo.Greeting)
            {
                rig.Agent.Alerts.Enqueue(new GenericAlert { SourceUri = node.Uri, Type = "urn:nanoomadm:it:Changed", Format = "chr", Data = "greeting changed" });
            }
        };
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("greeting changed", Assert.Single(run.Report.GenericAlerts).Data);
        Assert.Equal(0, rig.Agent.Alerts.Count);
    }
}

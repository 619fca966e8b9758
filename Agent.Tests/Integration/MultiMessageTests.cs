using System.Text;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Tree;
using Xunit;
using Xunit.Abstractions;
using ServerAuth = NanoOmaDm.DmServer.AuthScheme;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Packages spread over several messages in both directions (MaxMsgSize, Alert 1222, Final only on the last
/// message) and RespURI.</summary>
public class MultiMessageTests
{
    private readonly ITestOutputHelper _output;

    public MultiMessageTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void ServerPackageLargerThanTheAgentsMaxMsgSize_ArrivesInSeveralMessages_AgentAsksWith1222()
    {
        const int count = 40;
        var adds = new StringBuilder();
        var gets = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            string sep = i == 0 ? string.Empty : ",";
            adds.Append(sep).Append("{ \"cmd\": \"Add\", \"target\": \"./Vendor/IT/Many/N").Append(i)
                .Append("\", \"data\": \"value-").Append(i).Append("-0123456789abcdefghij\", \"format\": \"chr\", \"expect\": { \"status\": 200 } }");
            gets.Append(sep).Append("{ \"cmd\": \"Get\", \"target\": \"./Vendor/IT/Many/N").Append(i)
                .Append("\", \"expect\": { \"status\": 200, \"data\": \"value-").Append(i).Append("-0123456789abcdefghij\" } }");
        }

        string scenario = "{ \"name\": \"multi-in\", \"packages\": [ { \"commands\": [ { \"cmd\": \"Add\", \"target\": \"./Vendor/IT/Many\", \"format\": \"node\", \"expect\": { \"status\": 200 } } ] }, "
            + "{ \"commands\": [ " + adds + " ] }, { \"commands\": [ " + gets + " ] } ] }";
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 2048;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        // Every server message fitted the agent's limit, the package was split and the agent asked for the rest.
        Assert.All(run.Received, m => Assert.True(m.Size <= 2048, "server message of " + m.Size + " bytes"));
        Assert.True(run.Received.Count(m => !m.Final) >= 4, "expected several non-final server messages\n" + run.Describe());
        Assert.True(run.Sent.Count(m => m.Alerts(1222).Any()) >= 4, "the agent did not ask for the next messages with 1222");
        // The agent's own replies also respected its limit.
        Assert.All(run.Sent, m => Assert.True(m.Size <= 2048, "client message of " + m.Size + " bytes"));
        Assert.DoesNotContain(run.Report.Notes, n => n.Contains("could not be split"));
        for (int i = 0; i < count; i++)
        {
            Assert.Equal("value-" + i + "-0123456789abcdefghij", rig.Agent.Tree.GetString("./Vendor/IT/Many/N" + i));
        }
    }

    [Fact]
    public void AgentRepliesLargerThanTheServersMaxMsgSize_AreSplit_ServerAsksWith1222()
    {
        const int count = 24;
        using var rig = new DmRig(_output);
        rig.ServerOptions.MaxMsgSize = 3000;
        var gets = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            gets.Append(i == 0 ? string.Empty : ",").Append("{ \"cmd\": \"Get\", \"target\": \"./Vendor/IT/Big/L").Append(i)
                .Append("\", \"expect\": { \"status\": 200, \"data\": \"").Append(Value(i)).Append("\" } }");
        }

        rig.Start("{ \"name\": \"multi-out\", \"packages\": [ { \"commands\": [ " + gets + " ] } ] }");
        for (int i = 0; i < count; i++)
        {
            rig.Agent.Tree.SetLeaf("./Vendor/IT/Big/L" + i, DmFormat.Chr, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes(Value(i)), false);
        }

        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Empty(run.Report.Errors);
        Assert.All(run.Sent, m => Assert.True(m.Size <= 3000, "client message of " + m.Size + " bytes over the server's MaxMsgSize 3000"));
        // The agent's package 3 spans several messages: only the last has Final; the server asked with 1222 in between.
        Assert.True(run.Sent.Count(m => !m.Final) >= 3, "expected several non-final client messages\n" + run.Describe());
        Assert.True(run.Received.Count(m => m.Alerts(1222).Any()) >= 3, "the server did not ask for more with 1222");
        Assert.Equal(count, run.Report.Commands.Count(c => c.Results.Count == 1));
    }

    [Fact]
    public void BothSidesWithSmallMessages_LongSessionStillCompletes()
    {
        var cmds = new StringBuilder();
        for (int i = 0; i < 15; i++)
        {
            cmds.Append(i == 0 ? string.Empty : ",")
                .Append("{ \"cmd\": \"Replace\", \"target\": \"./Vendor/IT/Greeting\", \"data\": \"round ").Append(i).Append(" of replacing the greeting\", \"expect\": { \"status\": 200 } },")
                .Append("{ \"cmd\": \"Get\", \"target\": \"./DevDetail?list=Struct\", \"expect\": { \"status\": 200 } }");
        }

        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 3072;
        rig.ServerOptions.MaxMsgSize = 2500;
        rig.Start("{ \"name\": \"multi-both\", \"packages\": [ { \"commands\": [ " + cmds + " ] } ] }");
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.All(run.Sent, m => Assert.True(m.Size <= 2500, "client message of " + m.Size + " bytes"));
        Assert.All(run.Received, m => Assert.True(m.Size <= 3072, "server message of " + m.Size + " bytes"));
        Assert.All(run.Report.Commands.Where(c => c.Cmd == "Get"), c => Assert.True(c.Results.Count >= 8, "?list=Struct results were lost"));
    }

    [Fact]
    public void RespUri_IsUsedForEveryLaterMessage_AlsoAfterAChallenge()
    {
        const string scenario = """
        { "name": "respuri", "packages": [
          { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "via RespURI", "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "via RespURI" } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.ServerOptions.UseRespUri = true;
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(1, run.Report.AuthChallenges);
        Assert.DoesNotContain(run.Report.Errors, e => e.Contains("RespURI"));
        string respUri = run.Received.First().Hdr("RespURI");
        Assert.Contains("?s=", respUri);
        // Pkg#1 went to the account address; every later message to the RespURI (its Target LocURI may stay the
        // server URI, what matters is where it was posted: the server would have reported an error otherwise).
        Assert.True(run.Report.MessagesReceived >= 4, run.Describe());
    }

    private static string Value(int i) => "large-value-" + i + "-" + new string((char)('a' + (i % 26)), 300);
}

using NanoOmaDm.Agent.Mo;
using Xunit;
using Xunit.Abstractions;
using ServerAuth = NanoOmaDm.DmServer.AuthScheme;

namespace NanoOmaDm.Tests.Integration;

/// <summary>What the agent does with bad input: malformed or foreign messages, HTTP errors, oversize messages, wrong
/// credentials either way, and malformed command data, each with its expected status or session outcome.</summary>
public class BadInputTests
{
    private const string ReplaceGreeting = """
        { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "must not happen" } ] }
        """;

    private readonly ITestOutputHelper _output;

    public BadInputTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData("truncated", "<?xml version=\"1.0\"?><SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>")]
    [InlineData("not-syncml", "<?xml version=\"1.0\"?><html><body>Service temporarily unavailable</body></html>")]
    [InlineData("mismatched-tags", "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerProto></SyncHdr></SyncML>")]
    [InlineData("entity-bomb", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>&b;</VerDTD></SyncHdr></SyncML>")]
    public void MalformedServerMessage_AgentAbortsWith1223_AndRunsNothing(string name, string body)
    {
        string scenario = "{ \"name\": \"malformed-" + name + "\", \"packages\": [ { \"rawBody\": " + WireXml.Json(body) + " }, " + ReplaceGreeting + " ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("malformed", run.Result.Reason);
        Assert.True(run.Report.Aborted, run.Describe());
        Assert.Contains(run.Report.ClientAlerts, a => a.Code == "1223");
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Fact]
    public void BinaryGarbage_AgentAbortsWith1223()
    {
        var garbage = new byte[700];
        new Random(5).NextBytes(garbage);
        string scenario = "{ \"name\": \"garbage\", \"packages\": [ { \"rawBodyBase64\": \"" + Convert.ToBase64String(garbage) + "\" }, " + ReplaceGreeting + " ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("malformed", run.Result.Reason);
        Assert.Contains(run.Report.ClientAlerts, a => a.Code == "1223");
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Fact]
    public void ReplyForAnotherSession_IsRefused()
    {
        string body = WireXml.RawServerMessage(
            "<Replace><CmdID>2</CmdID><Item><Target><LocURI>./Vendor/IT/Greeting</LocURI></Target><Data>hijacked</Data></Item></Replace>")
            .Replace("<SessionID>{{SessionID}}</SessionID>", "<SessionID>FFFF</SessionID>");
        string scenario = "{ \"name\": \"other-session\", \"packages\": [ { \"rawBody\": " + WireXml.Json(body) + " }, " + ReplaceGreeting + " ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("FFFF", run.Result.Reason);
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Contains(run.Report.ClientAlerts, a => a.Code == "1223");
    }

    [Fact]
    public void UnsupportedProtocolVersion_IsRefused()
    {
        string body = WireXml.RawServerMessage(
            "<Replace><CmdID>2</CmdID><Item><Target><LocURI>./Vendor/IT/Greeting</LocURI></Target><Data>v11</Data></Item></Replace>")
            .Replace("<VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>", "<VerDTD>1.1</VerDTD><VerProto>DM/1.1</VerProto>");
        string scenario = "{ \"name\": \"version\", \"packages\": [ { \"rawBody\": " + WireXml.Json(body) + " }, " + ReplaceGreeting + " ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public void HttpErrorStatus_EndsTheSessionWithItsCode(int status)
    {
        string scenario = "{ \"name\": \"http-" + status + "\", \"packages\": [ { \"httpStatus\": " + status + " } ] }";
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains(status.ToString(), run.Result.Reason);
        Assert.Single(run.Sent);
        Assert.Empty(run.Report.Errors);
    }

    [Fact]
    public void ServerMessageLargerThanTheAgentsMaxMsgSize_IsNotProcessed_SessionAborted()
    {
        const string scenario = """
        { "name": "oversize", "packages": [
          { "ignoreMaxMsgSize": true, "padTo": 12000,
            "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "from an oversize message" } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting" } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.MaxMsgSize = 4096;
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("MaxMsgSize", run.Result.Reason);
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.True(run.Report.Aborted, run.Describe());
        Assert.Contains(run.Report.ClientAlerts, a => a.Code == "1223");
    }

    [Fact]
    public void WrongClientPassword_Basic_IsRefusedAfterTheChallenges_NothingRuns()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Basic;
        rig.Account.AuthPref = DmAccMo.Basic;
        rig.Account.ClientSecret = "not-the-password";
        rig.Start("{ \"name\": \"wrong-basic\", \"packages\": [ " + ReplaceGreeting + " ] }");
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("401", run.Result.Reason);
        Assert.True(run.Report.Aborted, run.Describe());
        Assert.True(run.Report.AuthChallenges >= 2, run.Describe());
        Assert.Null(run.Report.AuthUser);
        Assert.False(run.Cmd("Replace", "./Vendor/IT/Greeting").Sent);
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        // The agent gave up by itself (it does not retry forever): at most MaxAuthAttempts Pkg#1 messages.
        Assert.True(run.Sent.Count() <= 3, run.Sent.Count() + " client messages");
    }

    [Fact]
    public void WrongClientPassword_Md5_IsRefusedAfterTheChallenges()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ClientSecret = "not-the-password";
        rig.Start("{ \"name\": \"wrong-md5\", \"packages\": [ " + ReplaceGreeting + " ] }");
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("401", run.Result.Reason);
        Assert.True(run.Report.Aborted, run.Describe());
        Assert.Contains(run.Report.Notes, n => n.Contains("md5 digest does not match"));
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.True(run.Sent.Count() <= 3, run.Sent.Count() + " client messages");
    }

    [Fact]
    public void WrongServerCredential_AgentRefusesTheSession_AndRunsNothing()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.ServerOptions.SendWrongServerCredential = true;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.FactoryServerNonce = new byte[16];
        rig.Start("{ \"name\": \"wrong-server-cred\", \"packages\": [ " + ReplaceGreeting + " ] }");
        SessionOutcome run = rig.RunSession();

        Assert.False(run.Result.Success, run.Describe());
        Assert.Contains("server", run.Result.Reason);
        Assert.Contains("credential", run.Result.Reason);
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.True(run.Report.Aborted, run.Describe());
        Assert.Contains("rejected 401", run.Report.ServerAuthResult);
        var replace = run.Cmd("Replace", "./Vendor/IT/Greeting");
        Assert.True(replace.ActualStatus == null || replace.ActualStatus == 401, run.Describe());
        // Every answer to the server's SyncHdr was 401 with a fresh challenge.
        var hdrStatuses = run.Sent.SelectMany(m => m.Commands)
            .Where(c => c.Name.LocalName == "Status" && WireXml.Text(c, "CmdRef") == "0").ToList();
        Assert.NotEmpty(hdrStatuses);
        Assert.All(hdrStatuses, s => Assert.Equal(401, WireXml.Code(s)));
        Assert.All(hdrStatuses, s => Assert.NotNull(WireXml.Text(s, "Chal", "Meta", "NextNonce")));
    }

    [Fact]
    public void MalformedCommandData_GetsErrorStatuses_AndTheSessionGoesOn()
    {
        string longSegment = new string('s', 70);
        string deep = "./Vendor/IT/" + string.Join("/", Enumerable.Range(0, 18).Select(i => "d" + i));
        string scenario = """
        { "name": "bad-data", "packages": [ { "commands": [
            { "cmd": "Add", "target": "./Vendor/IT/BadB64", "data": "@@not base64@@", "format": "b64", "expect": { "status": [400, 415] } },
            { "cmd": "Add", "target": "./Vendor/IT/Weird", "data": "x", "format": "weird", "expect": { "status": 415 } },
            { "cmd": "Add", "target": "./Vendor/IT/LONG", "data": "x", "expect": { "status": 414 } },
            { "cmd": "Get", "target": "DEEP", "expect": { "status": 414 } },
            { "cmd": "Add", "target": "./Vendor/IT/Greeting/Child", "data": "x", "expect": { "status": 405 } },
            { "cmd": "Get", "target": "./Vendor/IT/Greeting?prop=Colour", "expect": { "status": 406 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Keep", "data": "still working", "expect": { "status": 200 } } ] } ] }
        """.Replace("LONG", longSegment).Replace("DEEP", deep);
        using var rig = new DmRig(_output).Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/BadB64"));
        Assert.Null(rig.Agent.Tree.Find("./Vendor/IT/Weird"));
        Assert.Equal("still working", rig.Agent.Tree.GetString(TestMo.Keep));
    }
}

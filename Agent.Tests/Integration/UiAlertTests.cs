using NanoOmaDm.Hal;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Integration;

/// <summary>UI alerts 1100–1104 from the server, presented through the Hal IUserInteraction (the emulator's
/// ScriptedUserInteraction) and answered with the DM statuses and Status item data.</summary>
public class UiAlertTests
{
    private readonly ITestOutputHelper _output;

    public UiAlertTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EveryUiAlertKind_IsPresented_AndAnsweredWithItsData()
    {
        // One alert per package so that the scripted answers meet the alerts in a known order.
        const string scenario = """
        { "name": "ui-all", "packages": [
          { "commands": [ { "cmd": "Alert", "data": "1100", "items": ["MINDT=1", "Display me"], "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1101", "items": ["MAXDT=30&DR=0", "Install now?"], "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1102", "items": ["MAXLEN=20&IT=A&ET=P", "Your name?"], "expect": { "status": 200, "data": "Bob Smith" } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1103", "items": ["", "Pick a colour", "red", "green", "blue"], "expect": { "status": 200, "data": "2" } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1104", "items": ["DR=1-2", "Pick toppings", "cheese", "ham", "olives"], "expect": { "status": 200, "data": "1,3" } } ] }
        ] }
        """;
        using var rig = new DmRig(_output);
        rig.UiAnswers.AddRange(new[] { "accept", "accept", "text:Bob Smith", "choice:2", "choice:1,3" });
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        var seen = rig.Ui.Seen;
        Assert.Equal(5, seen.Count);
        Assert.Equal(UiAlertKind.Display, seen[0].Request.Kind);
        Assert.Equal("Display me", seen[0].Request.Text);
        Assert.Equal(1, seen[0].Request.MinDisplaySeconds);
        Assert.Equal(UiAlertKind.Confirm, seen[1].Request.Kind);
        Assert.Equal("Install now?", seen[1].Request.Text);
        Assert.Equal(30, seen[1].Request.MaxDisplaySeconds);
        Assert.Equal("0", seen[1].Request.DefaultResponse);
        Assert.Equal(UiAlertKind.TextInput, seen[2].Request.Kind);
        Assert.Equal(20, seen[2].Request.MaxLength);
        Assert.Equal('P', seen[2].Request.EchoType);
        Assert.Equal(UiAlertKind.SingleChoice, seen[3].Request.Kind);
        Assert.Equal(new[] { "red", "green", "blue" }, seen[3].Request.Choices);
        Assert.Equal(UiAlertKind.MultipleChoice, seen[4].Request.Kind);
        Assert.Equal(new[] { "cheese", "ham", "olives" }, seen[4].Request.Choices);
        Assert.Equal("1-2", seen[4].Request.DefaultResponse);
    }

    [Fact]
    public void ConfirmAnsweredNo_Gives304_AndSkipsTheRestOfThePackageWith215()
    {
        const string scenario = """
        { "name": "ui-reject", "packages": [
          { "commands": [
            { "cmd": "Alert", "data": "1101", "items": ["", "Update the greeting?"], "expect": { "status": 304 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "updated", "expect": { "status": 215 } },
            { "cmd": "Exec", "target": "./Vendor/IT/Ops/Sync", "expect": { "status": 215 } } ] },
          { "commands": [
            { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "hello" } } ] }
        ] }
        """;
        using var rig = new DmRig(_output);
        rig.UiAnswers.Add("reject");
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(UiOutcome.Rejected, Assert.Single(rig.Ui.Seen).Response.Outcome);
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Empty(rig.Mo.Execs);
    }

    [Fact]
    public void UserCancels_Gives214_AndSkipsTheRestOfThePackageWith215()
    {
        const string scenario = """
        { "name": "ui-cancel", "packages": [
          { "commands": [
            { "cmd": "Alert", "data": "1102", "items": ["", "New greeting?"], "expect": { "status": 214 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "typed", "expect": { "status": 215 } } ] },
          { "commands": [
            { "cmd": "Alert", "data": "1100", "items": ["", "Still here"], "expect": { "status": 200 } },
            { "cmd": "Replace", "target": "./Vendor/IT/Keep", "data": "next package runs", "expect": { "status": 200 } } ] }
        ] }
        """;
        using var rig = new DmRig(_output);
        rig.UiAnswers.AddRange(new[] { "cancel", "accept" });
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Equal("next package runs", rig.Agent.Tree.GetString(TestMo.Keep));
    }

    [Fact]
    public void NoAnswerInTime_Gives408_OrTheDefaultResponse()
    {
        const string scenario = """
        { "name": "ui-timeout", "packages": [
          { "commands": [ { "cmd": "Alert", "data": "1101", "items": ["MAXDT=1", "Reboot?"], "expect": { "status": 408 } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1101", "items": ["MAXDT=1&DR=1", "Reboot?"], "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1103", "items": ["MAXDT=1&DR=3", "Pick", "a", "b", "c"], "expect": { "status": 200, "data": "3" } } ] },
          { "commands": [ { "cmd": "Alert", "data": "1102", "items": ["MAXDT=1&DR=fallback", "Name?"], "expect": { "status": 200, "data": "fallback" } } ] }
        ] }
        """;
        using var rig = new DmRig(_output);
        rig.UiAnswers.Add("timeout");
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(4, rig.Ui.Seen.Count);
        Assert.All(rig.Ui.Seen, s => Assert.Equal(UiOutcome.TimedOut, s.Response.Outcome));
    }

    [Fact]
    public void UiAlertInsideSequence_AnsweredNo_SkipsTheFollowingMembers()
    {
        const string scenario = """
        { "name": "ui-sequence", "packages": [ { "commands": [
            { "cmd": "Sequence", "commands": [
                { "cmd": "Alert", "data": "1101", "items": ["", "Go on?"] },
                { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "seq" } ],
              "expect": { "status": 200, "children": [304, 215] } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.UiAnswers.Add("reject");
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
    }
}

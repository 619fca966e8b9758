using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.DmServer;
using NanoOmaDm.Hal;
using Xunit;
using Xunit.Abstractions;
using ServerAuth = NanoOmaDm.DmServer.AuthScheme;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Server-triggered sessions: a Pkg#0 sent by the DmServer over UDP, received by the emulator's
/// UdpNotificationListener and handed to DmAgent.HandleNotification; genuine ones start a session with Alert 1200 and
/// the notification's session id, forged, stale or declined ones start nothing.</summary>
public class NotificationTests
{
    private const string Scenario = """
        { "name": "pushed", "packages": [ { "commands": [
            { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "pushed", "expect": { "status": 200 } } ] } ] }
        """;

    private readonly ITestOutputHelper _output;

    public NotificationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>md5 both ways; the device was provisioned with the nonce the server starts from.</summary>
    private DmRig NewRig(Action<DmRig> configure = null)
    {
        var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.FactoryServerNonce = new byte[16];
        configure?.Invoke(rig);
        rig.Start(Scenario);
        rig.StartListener();
        return rig;
    }

    [Fact]
    public void GenuinePkg0_StartsAServerInitiatedSession_WithTheNotificationsSessionIdInHex()
    {
        using DmRig rig = NewRig();
        var (sent, result) = rig.Notify(new NotificationRequest { SessionId = 0x0ABC, UiMode = 1, DeviceId = rig.DeviceId });
        SessionReport report = rig.NextReport();

        Assert.True(result.Success, result.Reason + "\n" + report);
        Assert.Equal("ABC", sent.SessionIdHex);
        Assert.Equal("ABC", result.SessionId);
        Assert.Equal("ABC", report.SessionId);
        Assert.Equal("server-initiated (1200)", report.SessionType);
        Assert.True(report.TriggeredByNotification, report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("pushed", rig.Agent.Tree.GetString(TestMo.Greeting));
        WireMessage pkg1 = rig.Sent.First();
        Assert.Single(pkg1.Alerts(1200));
        Assert.Empty(pkg1.Alerts(1201));
        Assert.Equal("ABC", pkg1.Hdr("SessionID"));
    }

    [Theory]
    [InlineData("forged digest")]
    [InlineData("wrong password")]
    [InlineData("unknown server")]
    public void ForgedPkg0_IsRejected_AndNoSessionStarts(string forgery)
    {
        using DmRig rig = NewRig();
        var request = new NotificationRequest { SessionId = 0x1234, DeviceId = rig.DeviceId };
        switch (forgery)
        {
            case "forged digest":
                request.ForgeDigest = true;
                break;
            case "wrong password":
                request.UseWrongPassword = true;
                break;
            default:
                request.ServerId = "impostor";
                break;
        }

        var (_, result) = rig.Notify(request);

        Assert.False(result.Success);
        Assert.Contains(forgery == "unknown server" ? "unknown server" : "digest", result.Reason);
        Assert.Empty(rig.Sent);
        Assert.Empty(rig.Host.Reports);
        Assert.Empty(rig.Host.ActiveSessions);
        Assert.Equal("hello", rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Fact]
    public void Pkg0ReplayedAfterTheNonceRotated_IsRejectedAsStale_AFreshOneIsAccepted()
    {
        using DmRig rig = NewRig();
        var (first, firstResult) = rig.Notify(new NotificationRequest { SessionId = 0x1111, DeviceId = rig.DeviceId });
        Assert.True(firstResult.Success, firstResult.Reason);
        Assert.True(rig.NextReport().Passed);
        // The session rotated the server nonce (the device's Chal with its 212); both sides agree on the new one.
        byte[] rotated = rig.DmAccount.ServerNonce;
        Assert.NotEqual(new byte[16], rotated);
        Assert.Equal(rotated, rig.Host.GetDeviceNonces(rig.DeviceId).ServerNonce);

        // The very same datagram again.
        SessionResult replay = rig.NotifyRaw(first.Bytes);
        Assert.False(replay.Success);

        // A new session id, but computed with the old nonce: stale.
        var (_, stale) = rig.Notify(new NotificationRequest { SessionId = 0x2222, Nonce = new byte[16] });
        Assert.False(stale.Success);
        Assert.Contains("digest", stale.Reason);
        Assert.Single(rig.Host.Reports);

        // With the current nonce the server gets its session.
        var (_, fresh) = rig.Notify(new NotificationRequest { SessionId = 0x3333, DeviceId = rig.DeviceId });
        Assert.True(fresh.Success, fresh.Reason);
        SessionReport report = rig.NextReport();
        Assert.Equal("3333", report.SessionId);
        Assert.True(report.TriggeredByNotification);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void UserInteractionMode_UserDeclines_NoSession()
    {
        using DmRig rig = NewRig(r => r.UiAnswers.Add("reject"));
        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x0042, UiMode = 3, DeviceId = rig.DeviceId });

        Assert.False(result.Success);
        Assert.Contains("declined", result.Reason);
        var asked = Assert.Single(rig.Ui.Seen);
        Assert.Equal(UiAlertKind.Confirm, asked.Request.Kind);
        Assert.Contains(DmRig.ServerId, asked.Request.Text);
        Assert.Empty(rig.Sent);
        Assert.Empty(rig.Host.Reports);
        Assert.Empty(rig.Host.ActiveSessions);
    }

    [Fact]
    public void UserInteractionMode_UserAccepts_SessionRuns()
    {
        using DmRig rig = NewRig(r => r.UiAnswers.Add("accept"));
        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x0043, UiMode = 3, DeviceId = rig.DeviceId });
        SessionReport report = rig.NextReport();

        Assert.True(result.Success, result.Reason + "\n" + report);
        Assert.Equal(UiAlertKind.Confirm, Assert.Single(rig.Ui.Seen).Request.Kind);
        Assert.Equal("43", report.SessionId);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void InformativeMode_IsShown_AndTheSessionRunsWhateverTheAnswer()
    {
        using DmRig rig = NewRig(r => r.UiAnswers.Add("cancel"));
        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x0044, UiMode = 2, DeviceId = rig.DeviceId });
        SessionReport report = rig.NextReport();

        Assert.True(result.Success, result.Reason + "\n" + report);
        Assert.Equal(UiAlertKind.Display, Assert.Single(rig.Ui.Seen).Request.Kind);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void UserInteractionMode_OnAHeadlessDevice_NoSession()
    {
        using DmRig rig = NewRig(r => r.Headless = true);
        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x0045, UiMode = 3, DeviceId = rig.DeviceId });

        Assert.False(result.Success);
        Assert.Empty(rig.Sent);
        Assert.Empty(rig.Host.Reports);
    }

    [Fact]
    public void Version11Notification_IsAcceptedToo()
    {
        using DmRig rig = NewRig();
        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x0B0B, Version = 11, DeviceId = rig.DeviceId });
        SessionReport report = rig.NextReport();

        Assert.True(result.Success, result.Reason);
        Assert.Equal("B0B", report.SessionId);
        Assert.True(report.TriggeredByNotification);
    }

    [Fact]
    public void AfterAClientInitiatedSession_APkg0UsesTheNonceThatSessionAgreed()
    {
        // As a device in the field: no provisioned server nonce, a first client-initiated session exchanges nonces.
        using DmRig rig = NewRig(r => r.FactoryServerNonce = null);
        SessionOutcome first = rig.RunSession();
        first.AssertPassed();
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ServerNonce, rig.DmAccount.ServerNonce);

        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x7777, DeviceId = rig.DeviceId });
        SessionReport report = rig.NextReport();
        Assert.True(result.Success, result.Reason + "\n" + report);
        Assert.Equal("7777", report.SessionId);
        Assert.Equal("server-initiated (1200)", report.SessionType);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void AfterAnHmacSession_APkg0UsesTheLastNonceTheDeviceIssued()
    {
        using DmRig rig = NewRig(r =>
        {
            r.ServerOptions.RequiredAuth = ServerAuth.Hmac;
            r.Account.AuthPref = DmAccMo.Hmac;
        });
        SessionOutcome first = rig.RunSession();
        first.AssertPassed();

        var (_, result) = rig.Notify(new NotificationRequest { SessionId = 0x0D0D, DeviceId = rig.DeviceId });
        Assert.True(result.Success, "Pkg#0 after an hmac session: " + result.Reason);
        SessionReport report = rig.NextReport();
        Assert.Equal("D0D", report.SessionId);
        Assert.True(report.Passed, report.ToString());
    }
}

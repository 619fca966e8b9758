using NanoOmaDm.Agent.Mo;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;
using ServerAuth = NanoOmaDm.DmServer.AuthScheme;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Client authentication (syncml:auth-basic, syncml:auth-md5, x-syncml-hmac) with the server's 401/407
/// challenges, NextNonce and 212, nonce rotation kept in DMAcc across sessions, and the server authenticating itself
/// to the agent (checked on the client side).</summary>
public class AuthTests
{
    private const string OneReplace = """
        { "name": "auth", "packages": [
          { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "authenticated", "expect": { "status": 200 } } ] },
          { "commands": [ { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "authenticated" } } ] } ] }
        """;

    private readonly ITestOutputHelper _output;

    public AuthTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>A rig whose server requires <paramref name="required"/> and whose device prefers
    /// <paramref name="authPref"/>, started on the one-Replace scenario.</summary>
    private DmRig StartOneReplace(ServerAuth required, string authPref)
    {
        var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = required;
        rig.Account.AuthPref = authPref;
        return rig.Start(OneReplace);
    }

    [Fact]
    public void Basic_IsAcceptedWith212_WithoutChallenge()
    {
        using var rig = StartOneReplace(ServerAuth.Basic, DmAccMo.Basic);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(DmRig.UserName, run.Report.AuthUser);
        Assert.Equal(0, run.Report.AuthChallenges);
        Assert.StartsWith("accepted (212)", run.Report.AuthResult);
        Assert.Equal("basic", run.Result.AuthScheme);
        Assert.Equal("authenticated", rig.Agent.Tree.GetString(TestMo.Greeting));
        // After 212 the credentials are not repeated.
        Assert.Single(run.Sent, m => m.Hdr("Cred") != null);
    }

    [Fact]
    public void Md5_FirstSessionIsChallenged401WithNonce_ThenAccepted212_AndTheRotatedNonceIsStoredInDmAcc()
    {
        using var rig = StartOneReplace(ServerAuth.Md5, DmAccMo.Digest);

        SessionOutcome first = rig.RunSession();
        first.AssertPassed();
        Assert.Equal(1, first.Report.AuthChallenges);
        Assert.StartsWith("accepted (212) after 1 challenge", first.Report.AuthResult);
        Assert.Equal("md5", first.Result.AuthScheme);
        // The user id travels in Source/LocName with an md5 credential.
        Assert.All(first.Sent.Where(m => m.Hdr("Cred") != null), m => Assert.Equal(DmRig.UserName, WireXml.Text(m.Header, "Source", "LocName")));
        byte[] serverSide = rig.Host.GetDeviceNonces(rig.DeviceId).ClientNonce;
        Assert.NotNull(serverSide);
        Assert.Equal(serverSide, rig.DmAccount.ClientNonce);

        // Next session: the stored nonce works at once, and the server rotates it again.
        SessionOutcome second = rig.RunSession();
        second.AssertPassed();
        Assert.Equal(0, second.Report.AuthChallenges);
        byte[] rotated = rig.Host.GetDeviceNonces(rig.DeviceId).ClientNonce;
        Assert.NotEqual(serverSide, rotated);
        Assert.Equal(rotated, rig.DmAccount.ClientNonce);
    }

    [Fact]
    public void Md5_StaleNonce_GetsOneMoreChallenge_ThenSucceeds()
    {
        using var rig = StartOneReplace(ServerAuth.Md5, DmAccMo.Digest);
        rig.RunSession().AssertPassed();

        // The server forgot/rotated the nonce behind the device's back: the device's digest is stale.
        rig.Host.GetDeviceNonces(rig.DeviceId).ClientNonce = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        SessionOutcome run = rig.RunSession();
        run.AssertPassed();
        Assert.Equal(1, run.Report.AuthChallenges);
        Assert.Contains(run.Report.Notes, n => n.Contains("401") && n.Contains("md5 digest does not match"));
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ClientNonce, rig.DmAccount.ClientNonce);
    }

    [Fact]
    public void Md5_WithoutNonceRotation_KeepsTheChallengeNonce()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.RotateNonceOnSuccess = false;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Start(OneReplace);
        rig.RunSession().AssertPassed();
        byte[] nonce = rig.Host.GetDeviceNonces(rig.DeviceId).ClientNonce;
        Assert.Equal(nonce, rig.DmAccount.ClientNonce);

        SessionOutcome second = rig.RunSession();
        second.AssertPassed();
        Assert.Equal(0, second.Report.AuthChallenges);
        Assert.Equal(nonce, rig.DmAccount.ClientNonce);
    }

    [Fact]
    public void Md5_InitialNonceKnownToBoth_NeedsNoChallenge()
    {
        byte[] factory = "factory-nonce-01"u8.ToArray();
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.InitialClientNonce = factory;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Start(OneReplace);
        rig.DmAccount.ClientNonce = factory;
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(0, run.Report.AuthChallenges);
    }

    [Fact]
    public void ServerDemandsAnotherScheme_With401_AgentSwitchesToIt()
    {
        using var rig = StartOneReplace(ServerAuth.Md5, DmAccMo.Basic);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(1, run.Report.AuthChallenges);
        Assert.Contains(run.Report.Notes, n => n.Contains("401") && n.Contains("client used syncml:auth-basic"));
        Assert.Equal("md5", run.Result.AuthScheme);
    }

    [Fact]
    public void MissingCredentials_AreChallenged407_ThenAccepted()
    {
        // An HMAC device talking to an md5 server sends no Cred in the SyncHdr: 407 + md5 Chal.
        using var rig = StartOneReplace(ServerAuth.Md5, DmAccMo.Hmac);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Contains(run.Report.Notes, n => n.Contains("auth: 407"));
        Assert.Equal(1, run.Report.AuthChallenges);
        Assert.Equal("md5", run.Result.AuthScheme);
        // The challenge was answered by restarting Pkg#1 (Alert 1201 + DevInfo) in the same session.
        Assert.Equal(2, run.Sent.Count(m => m.Alerts(1201).Any()));
        Assert.Single(run.Sent.Select(m => m.Hdr("SessionID")).Distinct());
    }

    [Fact]
    public void Hmac_SignsEveryMessage_WithTheNonceOfTheLastReply()
    {
        using var rig = StartOneReplace(ServerAuth.Hmac, DmAccMo.Hmac);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal(1, run.Report.AuthChallenges);
        Assert.Contains("x-syncml-hmac", run.Report.AuthResult);
        Assert.Equal(DmRig.UserName, run.Report.AuthUser);
        Assert.Equal("hmac", run.Result.AuthScheme);
        Assert.True(run.Report.MessagesReceived >= 4, run.Describe());
        // HMAC never puts a Cred into the SyncHdr.
        Assert.All(run.Sent, m => Assert.Null(m.Hdr("Cred")));
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ClientNonce, rig.DmAccount.ClientNonce);

        SessionOutcome second = rig.RunSession();
        second.AssertPassed();
        Assert.Equal(0, second.Report.AuthChallenges);
    }

    [Fact]
    public void HmacServer_MessageWithoutMac_Is407_AgentSwitchesToHmac()
    {
        using var rig = StartOneReplace(ServerAuth.Hmac, DmAccMo.Digest);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Contains(run.Report.Notes, n => n.Contains("auth: 407") && n.Contains("no x-syncml-hmac header"));
        Assert.Equal("hmac", run.Result.AuthScheme);
        Assert.Contains("x-syncml-hmac", run.Report.AuthResult);
    }

    [Fact]
    public void ServerCredential_Md5_AfterTheAgentChallengesTheUnknownNonce_IsAccepted212()
    {
        // The server starts with its initial nonce (16 zero bytes); the freshly provisioned device has none, so it
        // answers the server's SyncHdr 401 with a NextNonce and the server resends its package correctly signed.
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.Start(OneReplace);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("Md5", run.Report.ServerAuthScheme);
        Assert.StartsWith("accepted (212) after 1 rejection", run.Report.ServerAuthResult);
        Assert.Equal("authenticated", rig.Agent.Tree.GetString(TestMo.Greeting));
        // The nonce the device issued is what the server now holds (and would use for Pkg#0).
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ServerNonce, rig.DmAccount.ServerNonce);

        SessionOutcome second = rig.RunSession();
        second.AssertPassed();
        Assert.Equal("accepted (212)", second.Report.ServerAuthResult);
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ServerNonce, rig.DmAccount.ServerNonce);
    }

    [Fact]
    public void ServerCredential_Md5_WithTheProvisionedNonce_IsAcceptedAtOnce()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.FactoryServerNonce = new byte[16];
        rig.Start(OneReplace);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("accepted (212)", run.Report.ServerAuthResult);
        // The device issued a fresh nonce for the next time with its 212.
        Assert.NotEqual(new byte[16], rig.DmAccount.ServerNonce);
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ServerNonce, rig.DmAccount.ServerNonce);
    }

    [Fact]
    public void ServerCredential_Basic_IsAccepted212()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Basic;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.ServerOptions.ServerAuth = ServerAuth.Basic;
        rig.Account.AuthPref = DmAccMo.Basic;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.Start(OneReplace);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("Basic", run.Report.ServerAuthScheme);
        Assert.Equal("accepted (212)", run.Report.ServerAuthResult);
    }

    [Fact]
    public void ServerCredential_Hmac_IsCheckedOnEveryReply()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Hmac;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.Account.AuthPref = DmAccMo.Hmac;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.FactoryServerNonce = new byte[16];
        rig.Start(OneReplace);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Equal("Hmac", run.Report.ServerAuthScheme);
        Assert.Equal("accepted (200)", run.Report.ServerAuthResult);
        Assert.Equal("authenticated", rig.Agent.Tree.GetString(TestMo.Greeting));

        // The next session starts from the nonce both sides kept: no rejection of the server's first reply.
        SessionOutcome second = rig.RunSession();
        second.AssertPassed();
        Assert.Equal("accepted (200)", second.Report.ServerAuthResult);
        Assert.Equal(rig.Host.GetDeviceNonces(rig.DeviceId).ServerNonce, rig.DmAccount.ServerNonce);
    }

    [Fact]
    public void ServerThatDoesNotAuthenticate_IsAskedWith407_AndThenProvesItself()
    {
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.AuthenticateToClient = false;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.Start(OneReplace);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        Assert.Contains(run.Report.Notes, n => n.Contains("client demanded a server credential (407)"));
        Assert.StartsWith("accepted (212)", run.Report.ServerAuthResult);
        Assert.Equal("authenticated", rig.Agent.Tree.GetString(TestMo.Greeting));
    }

    [Fact]
    public void ServerCredentialWrongOnce_IsChallenged_ThenTheResentPackageRuns()
    {
        const string scenario = """
        { "name": "wrong-once", "packages": [
          { "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "first" , "expect": { "status": 200 } } ] },
          { "wrongServerCredential": true,
            "commands": [ { "cmd": "Replace", "target": "./Vendor/IT/Keep", "data": "second", "expect": { "status": 200 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.ServerOptions.RequiredAuth = ServerAuth.Md5;
        rig.ServerOptions.AuthenticateToClient = true;
        rig.Account.AuthPref = DmAccMo.Digest;
        rig.Account.ServerSecret = DmRig.ServerPassword;
        rig.FactoryServerNonce = new byte[16];
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        // The agent refused the wrong credential once (401 + a new nonce), then accepted the resent one.
        Assert.Contains("after 1 rejection", run.Report.ServerAuthResult);
        Assert.Contains(run.Sent, m => m.Text.Contains("<CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd>") && m.Text.Contains("<Data>401</Data>"));
        Assert.Equal("first", rig.Agent.Tree.GetString(TestMo.Greeting));
        Assert.Equal("second", rig.Agent.Tree.GetString(TestMo.Keep));
    }
}

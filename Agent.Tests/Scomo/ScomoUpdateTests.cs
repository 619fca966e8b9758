using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Installing a package whose component is already deployed in another version updates it: the new version
/// replaces the running one, and comes out again if it does not start.</summary>
public sealed class ScomoUpdateTests : IDisposable
{
    private const string Delivered = "./SCOMO/Inventory/Delivered/";
    private const string Deployed = "./SCOMO/Inventory/Deployed/";
    private readonly ScomoRig _rig;

    public ScomoUpdateTests(ITestOutputHelper output)
    {
        _rig = new ScomoRig(output);
        _rig.Boot();
        Install("v1", _rig.SamplePackage("app", version: "1.0.0"), null, 1200);
        Assert.True(_rig.Scomo.Host.IsRunning("app"));
    }

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void ANewVersionReplacesTheRunningOne()
    {
        Install("v2", _rig.SamplePackage("app", version: "2.0.0"), null, 1200);

        Assert.Equal("2.0.0", _rig.Get(Deployed + "app/Version"));
        Assert.Equal("20", _rig.Get(Deployed + "app/State"));
        Assert.True(_rig.Scomo.Host.IsRunning("app"));
        string transcript = _rig.Transcript.ToString();
        Assert.True(transcript.IndexOf("app stopped", StringComparison.Ordinal) < transcript.IndexOf("hello from app 2.0.0", StringComparison.Ordinal));
        Assert.Single(Images());
    }

    [Fact]
    public void ANewVersionThatFailsToStartBringsTheOldOneBack()
    {
        Install("v2", _rig.SamplePackage("app", version: "2.0.0"), "fail-start", 1409);

        Assert.Equal("1.0.0", _rig.Get(Deployed + "app/Version"));
        Assert.Equal("20", _rig.Get(Deployed + "app/State"));
        Assert.True(_rig.Scomo.Host.IsRunning("app"));
        Assert.Equal(2, CountOf(_rig.Transcript.ToString(), "hello from app 1.0.0"));
        Assert.Single(Images());
        Assert.Equal("10", _rig.Get(Delivered + "v2/State"));
        Assert.Equal("50", _rig.Get(Delivered + "v2/Status"));

        _rig.Reboot();   // and the old version is what runs after a restart
        Assert.True(_rig.Scomo.Host.IsRunning("app"));
        Assert.Equal(3, CountOf(_rig.Transcript.ToString(), "hello from app 1.0.0"));
    }

    [Fact]
    public void TheSameVersionAgainIsRefusedWith1405()
    {
        Install("again", _rig.SamplePackage("app", version: "1.0.0"), null, 1405);
        Assert.Equal("1.0.0", _rig.Get(Deployed + "app/Version"));
        Assert.True(_rig.Scomo.Host.IsRunning("app"));
        Assert.Single(Images());
    }

    private void Install(string entry, byte[] package, string parameters, int expected)
    {
        var scenario = new ScomoScenario("install " + entry).Package()
            .AddNode(Delivered + entry, 200);
        if (parameters != null)
        {
            scenario.AddLeaf(Delivered + entry + "/InstallParams", parameters, 200);
        }
        scenario.AddBinary(Delivered + entry + "/Data", package, 200)
            .Exec(Delivered + entry + "/Operations/Install", "c-" + entry, 202);
        _rig.RunSession(scenario);
        GenericAlertRecord alert = _rig.WaitForAlert(Delivered + entry + "/Operations/Install", "c-" + entry);
        Assert.Contains("<ResultCode>" + expected + "</ResultCode>", alert.Data);
        Assert.True(_rig.IsIdle());
    }

    private string[] Images() => _rig.Storage.List().Where(f => f.StartsWith("scomo-c-", StringComparison.Ordinal)).ToArray();

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}

using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Operations that cannot run in the entry's current state are refused on the spot (405, or 409 while another
/// operation holds the entry), and servers cannot bypass SCOMO by writing its device-owned nodes.</summary>
public sealed class ScomoStateTests : IDisposable
{
    private const string Delivered = "./SCOMO/Inventory/Delivered/";
    private const string Deployed = "./SCOMO/Inventory/Deployed/";
    private readonly ScomoRig _rig;

    public ScomoStateTests(ITestOutputHelper output)
    {
        _rig = new ScomoRig(output);
        _rig.Boot();
    }

    public void Dispose() => _rig.Dispose();

    private void InstallActive(string entry, string component)
    {
        _rig.RunSession(ScomoScenario.DirectDelivery(entry, _rig.SamplePackage(component), "Install", "c-" + entry));
        Assert.Contains("<ResultCode>1200</ResultCode>", _rig.WaitForAlert(Delivered + entry + "/Operations/Install", "c-" + entry).Data);
        Assert.True(_rig.IsIdle());
    }

    [Fact]
    public void ActivatingAnActiveComponentAndInstallingTwiceAreRefusedWith405()
    {
        InstallActive("p", "twice");
        int alerts = _rig.Alerts().Count;
        _rig.RunSession(new ScomoScenario("illegal").Package()
            .Exec(Deployed + "twice/Operations/Activate", "c-1", 405)
            .Exec(Delivered + "p/Operations/Install", "c-2", 405)
            .Exec(Delivered + "p/Operations/InstallInactive", "c-3", 405));
        _rig.RunSession(new ScomoScenario("deactivate twice").Package()
            .Exec(Deployed + "twice/Operations/Deactivate", "c-4", 202));
        _rig.WaitForAlert(Deployed + "twice/Operations/Deactivate", "c-4");
        Assert.True(_rig.IsIdle());
        _rig.RunSession(new ScomoScenario("deactivate again").Package()
            .Exec(Deployed + "twice/Operations/Deactivate", "c-5", 405));
        _rig.WaitQuiet();
        // Refused operations are not queued: nothing but the one Deactivate was reported.
        Assert.Equal(alerts + 1, _rig.Alerts().Count);
        Assert.Equal("10", _rig.Get(Deployed + "twice/State"));
    }

    [Fact]
    public void DownloadWithoutPackageUrlIsRefusedWith405()
    {
        _rig.RunSession(new ScomoScenario("no url").Package()
            .AddNode("./SCOMO/Download/nourl", 200)
            .Exec("./SCOMO/Download/nourl/Operations/DownloadInstall", "c", 405)
            .Get("./SCOMO/Download/nourl/Status", "10", 200));
    }

    [Fact]
    public void RemoveWhileTheDownloadRunsIsRefusedWith409()
    {
        string url = _rig.Serve("held.ndmp", _rig.SamplePackage("held"));
        _rig.RunSession(ScomoScenario.AlternateDelivery("h", url, "Download", "c-first"));
        _rig.WaitForAlert("./SCOMO/Download/h/Operations/Download", "c-first");
        Assert.True(_rig.IsIdle());

        _rig.DeviceState.BatteryPercent = 5;   // the new download of the same package waits for power
        _rig.RunSession(new ScomoScenario("download again").Package()
            .Exec("./SCOMO/Download/h/Operations/Download", "c-h", 202));
        _rig.RunSession(new ScomoScenario("remove during download").Package()
            .Get("./SCOMO/Download/h/Status", "30", 200)
            .Exec(Delivered + "h/Operations/Remove", "c-rm-early", 409)
            .Exec("./SCOMO/Download/h/Operations/DownloadInstall", "c-again", 409));
        _rig.DeviceState.BatteryPercent = 100;
        Assert.Contains("<ResultCode>1200</ResultCode>", _rig.WaitForAlert("./SCOMO/Download/h/Operations/Download", "c-h").Data);
        Assert.True(_rig.IsIdle());
        _rig.RunSession(new ScomoScenario("remove after download").Package()
            .Exec(Delivered + "h/Operations/Remove", "c-rm", 202));
        _rig.WaitForAlert(Delivered + "h/Operations/Remove", "c-rm");
        Assert.True(_rig.IsIdle());
        Assert.False(_rig.Exists(Delivered + "h"));
        Assert.DoesNotContain(_rig.Alerts(), a => a.Correlator == "c-rm-early" || a.Correlator == "c-again");
    }

    [Fact]
    public void ServersCannotWriteDeviceOwnedNodes()
    {
        InstallActive("o", "owned");
        _rig.RunSession(new ScomoScenario("bypass").Package()
            .ReplaceLeaf(Deployed + "owned/State", "10", 425)
            .ReplaceLeaf(Delivered + "o/Status", "10", 425)
            .Delete(Deployed + "owned", 425)
            .AddNode(Deployed + "sneaky", 425)
            .Get(Deployed + "owned/State", "20", 200));
        Assert.True(_rig.Scomo.Host.IsRunning("owned"));
    }

    [Fact]
    public void AnEntryDeletedWhileItsOperationRunsIsNotBroughtBack()
    {
        _rig.DeviceState.BatteryPercent = 5;
        string url = _rig.Serve("deleted.ndmp", _rig.SamplePackage("deleted"));
        _rig.RunSession(ScomoScenario.AlternateDelivery("del", url, "Download", "c-del"));
        _rig.RunSession(new ScomoScenario("delete during download").Package().Delete("./SCOMO/Download/del", 200));
        _rig.DeviceState.BatteryPercent = 100;
        _rig.WaitForAlert("./SCOMO/Download/del/Operations/Download", "c-del");
        Assert.True(_rig.IsIdle());
        Assert.False(_rig.Exists("./SCOMO/Download/del"));
    }
}

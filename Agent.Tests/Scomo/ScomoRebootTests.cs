using NanoOmaDm.Agent.Download;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Restarts in the middle of a download, of an install and with an alert still undelivered: the work resumes
/// and every operation is reported exactly once.</summary>
public sealed class ScomoRebootTests : IDisposable
{
    private const string Delivered = "./SCOMO/Inventory/Delivered/";
    private const string Deployed = "./SCOMO/Inventory/Deployed/";
    private readonly ScomoRig _rig;

    public ScomoRebootTests(ITestOutputHelper output)
    {
        _rig = new ScomoRig(output);
    }

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void RebootInTheMiddleOfADownloadResumesItWithARangeRequest()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("resumed", assetBytes: 400 * 1024);
        string url = _rig.Serve("resumed.ndmp", package);
        _rig.DeviceState.BatteryPercent = 5;   // holds the download at its start until the test is ready
        _rig.RunSession(ScomoScenario.AlternateDelivery("r", url, "Download", "c-r"));
        DownloadClient download = WaitFor(() => _rig.Scomo.Executor.ActiveDownload);
        download.AddProgressListener((client, done, total) =>
        {
            if (done >= 150 * 1024)
            {
                client.Suspend();
            }
        });
        _rig.DeviceState.BatteryPercent = 100;
        WaitFor(() => download.State == DownloadState.Suspended && download.BytesDone >= 150 * 1024 ? download : null);
        Assert.True(download.BytesDone < package.Length);

        _rig.Reboot();
        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Download/r/Operations/Download", "c-r");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.True(_rig.IsIdle());
        Assert.Contains("resuming at byte", _rig.Transcript.ToString());
        Assert.Equal("10", _rig.Get(Delivered + "r/State"));
        _rig.WaitQuiet();
        Assert.Single(_rig.Alerts(), a => a.Correlator == "c-r");
    }

    [Fact]
    public void PowerLossWhileInstallingRedoesTheInstallAfterTheRestart()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("phoenix");
        _rig.Storage.CutInFile = "scomo-c-phoenix";
        _rig.Storage.CutAfterBytes = 1000;
        _rig.RunSession(ScomoScenario.DirectDelivery("ph", package, "Install", "c-ph"));
        WaitFor(() => _rig.Power.PowerCut ? "cut" : null);
        Assert.False(_rig.Exists(Deployed + "phoenix"));

        _rig.PowerCutAndBoot();
        GenericAlertRecord alert = _rig.WaitForAlert(Delivered + "ph/Operations/Install", "c-ph");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.True(_rig.IsIdle());
        Assert.Equal("20", _rig.Get(Deployed + "phoenix/State"));
        Assert.True(_rig.Scomo.Host.IsRunning("phoenix"));
        _rig.WaitQuiet();
        Assert.Single(_rig.Alerts(), a => a.Correlator == "c-ph");
    }

    [Fact]
    public void AnAlertThatCouldNotBeDeliveredGoesOutOnceAfterTheRestart()
    {
        _rig.Boot();
        _rig.DeviceState.BatteryPercent = 5;
        string url = _rig.Serve("late.ndmp", _rig.SamplePackage("late"));
        _rig.RunSession(ScomoScenario.AlternateDelivery("l", url, "DownloadInstall", "c-l"));
        _rig.Power.NetworkDown = true;   // the DM server is out of reach; the image server is not
        _rig.DeviceState.BatteryPercent = 100;
        Assert.True(_rig.IsIdle());
        Assert.Equal("20", _rig.Get(Deployed + "late/State"));
        WaitFor(() => _rig.Transcript.ToString().Contains("wait for the next session") ? "gave up" : null);
        Assert.Empty(_rig.Alerts());

        // The old boot has given up; only the restart may deliver it.
        _rig.Power.NetworkDown = false;
        _rig.Reboot();
        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Download/l/Operations/DownloadInstall", "c-l");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.True(_rig.Scomo.Host.IsRunning("late"));   // active components start again after a restart

        _rig.WaitQuiet();
        _rig.Reboot();
        _rig.WaitQuiet();
        Assert.Single(_rig.Alerts(), a => a.Correlator == "c-l");
    }

    private static T WaitFor<T>(Func<T> probe) where T : class
    {
        DateTime deadline = DateTime.UtcNow + ScomoRig.Wait;
        while (true)
        {
            T value = probe();
            if (value != null)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            Thread.Sleep(10);
        }
    }
}

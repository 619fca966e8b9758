using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.DmServer;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Both delivery paths end to end over HTTP: the server writes the tree and Execs, the device answers 202,
/// works in the background and reports OperationComplete.</summary>
public sealed class ScomoDeliveryTests : IDisposable
{
    private const string Deployed = "./SCOMO/Inventory/Deployed/";
    private readonly ScomoRig _rig;

    public ScomoDeliveryTests(ITestOutputHelper output)
    {
        _rig = new ScomoRig(output);
    }

    public void Dispose() => _rig.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DirectDeliveryInstallDeploysAndStartsTheComponent(bool wbxml)
    {
        _rig.UseWbxml = wbxml;
        _rig.Boot();
        byte[] package = _rig.SamplePackage("greeter");
        _rig.RunSession(ScomoScenario.DirectDelivery("p1", package, "Install", "corr-install"));

        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Inventory/Delivered/p1/Operations/Install", "corr-install");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.Contains("<Identifier>greeter</Identifier>", alert.Data);
        Assert.Equal(Deployed + "greeter", alert.Target);
        Assert.True(string.IsNullOrEmpty(alert.Mark) || alert.Mark == "informational", alert.Mark);
        Assert.True(_rig.IsIdle());
        Assert.Equal("20", _rig.Get(Deployed + "greeter/State"));
        Assert.Equal("1.0.0", _rig.Get(Deployed + "greeter/Version"));
        Assert.Equal("pkg-greeter", _rig.Get(Deployed + "greeter/PkgIDRef"));
        Assert.Equal("20", _rig.Get("./SCOMO/Inventory/Delivered/p1/State"));
        Assert.True(_rig.Scomo.Host.IsRunning("greeter"));
        Assert.Contains("hello from greeter", _rig.Transcript.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DirectDeliveryOfAPackageLargerThanAMessageArrivesInChunks(bool wbxml)
    {
        _rig.UseWbxml = wbxml;
        _rig.Boot();
        byte[] package = _rig.SamplePackage("chunky", assetBytes: 40 * 1024);
        SessionReport report = _rig.RunSession(ScomoScenario.DirectDelivery("c", package, "Install", "c-c"));

        CommandReport data = report.Commands.Single(c => c.Target == "./SCOMO/Inventory/Delivered/c/Data");
        Assert.True(data.Chunks >= 3, "chunks: " + data.Chunks);
        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Inventory/Delivered/c/Operations/Install", "c-c");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.True(_rig.IsIdle());
        Assert.True(_rig.Scomo.Host.IsRunning("chunky"));
        Assert.Equal("20", _rig.Get("./SCOMO/Inventory/Deployed/chunky-assets/State"));
    }

    [Theory]
    [InlineData("DownloadInstall", "20", true)]
    [InlineData("DownloadInstallInactive", "10", false)]
    public void AlternateDeliveryFetchesVerifiesAndInstalls(string operation, string state, bool running)
    {
        _rig.Boot();
        string url = _rig.Serve("fetched.ndmp", _rig.SamplePackage("fetched"));
        _rig.RunSession(ScomoScenario.AlternateDelivery("d1", url, operation, "corr-di"));

        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Download/d1/Operations/" + operation, "corr-di");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.Equal(Deployed + "fetched", alert.Target);
        Assert.True(_rig.IsIdle());
        Assert.Equal(state, _rig.Get(Deployed + "fetched/State"));
        Assert.Equal(running, _rig.Scomo.Host.IsRunning("fetched"));
        Assert.Equal("10", _rig.Get("./SCOMO/Download/d1/Status"));
    }

    [Fact]
    public void APackageWithCodeAndDataDeploysBothAndReportsThePackage()
    {
        _rig.Boot();
        string url = _rig.Serve("bundle.ndmp", _rig.SamplePackage("bundle", assetBytes: 40 * 1024));
        _rig.RunSession(ScomoScenario.AlternateDelivery("b", url, "DownloadInstall", "c-b"));
        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Download/b/Operations/DownloadInstall", "c-b");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
        Assert.Equal("./SCOMO/Inventory/Deployed", alert.Target);
        Assert.Contains("<Identifier>pkg-bundle</Identifier>", alert.Data);
        Assert.True(_rig.IsIdle());
        Assert.True(_rig.Scomo.Host.IsRunning("bundle"));
        Assert.Equal("data", _rig.Get(Deployed + "bundle-assets/EnvType"));
        Assert.Equal("20", _rig.Get(Deployed + "bundle-assets/State"));
        Assert.False(_rig.Scomo.Host.IsRunning("bundle-assets"));
    }

    [Fact]
    public void EveryOperationOfTheLifecycleReportsAndMovesTheInventory()
    {
        _rig.Boot();
        string url = _rig.Serve("life.ndmp", _rig.SamplePackage("life"));
        _rig.RunSession(ScomoScenario.AlternateDelivery("L", url, "Download", "c-download"));
        GenericAlertRecord downloaded = _rig.WaitForAlert("./SCOMO/Download/L/Operations/Download", "c-download");
        Assert.Contains("<ResultCode>1200</ResultCode>", downloaded.Data);
        Assert.Equal("./SCOMO/Inventory/Delivered/L", downloaded.Target);
        Assert.Contains("<Identifier>L-id</Identifier>", downloaded.Data);
        Assert.True(_rig.IsIdle());
        Assert.Equal("40", _rig.Get("./SCOMO/Download/L/Status"));
        Assert.Equal("10", _rig.Get("./SCOMO/Inventory/Delivered/L/State"));
        Assert.False(_rig.Exists(Deployed + "life"));

        RunOperation("./SCOMO/Inventory/Delivered/L/Operations/InstallInactive", "c-install", 1200);
        Assert.Equal("10", _rig.Get(Deployed + "life/State"));
        Assert.False(_rig.Scomo.Host.IsRunning("life"));
        Assert.Equal("20", _rig.Get("./SCOMO/Inventory/Delivered/L/State"));

        RunOperation(Deployed + "life/Operations/Activate", "c-activate", 1200);
        Assert.Equal("20", _rig.Get(Deployed + "life/State"));
        Assert.True(_rig.Scomo.Host.IsRunning("life"));

        RunOperation(Deployed + "life/Operations/Deactivate", "c-deactivate", 1200);
        Assert.Equal("10", _rig.Get(Deployed + "life/State"));
        Assert.False(_rig.Scomo.Host.IsRunning("life"));
        Assert.Contains("life stopped", _rig.Transcript.ToString());

        RunOperation(Deployed + "life/Operations/Remove", "c-remove", 1200);
        Assert.False(_rig.Exists(Deployed + "life"));
        Assert.False(_rig.Scomo.Host.IsRunning("life"));

        RunOperation("./SCOMO/Inventory/Delivered/L/Operations/Remove", "c-remove-dp", 1200);
        Assert.False(_rig.Exists("./SCOMO/Inventory/Delivered/L"));
    }

    [Fact]
    public void TheServerWatchesStatusAndInventoryThroughGets()
    {
        _rig.Boot();
        _rig.RunSession(ScomoScenario.DirectDelivery("w", _rig.SamplePackage("watched"), "Install", "c-w"));
        _rig.WaitForAlert("./SCOMO/Inventory/Delivered/w/Operations/Install", "c-w");
        Assert.True(_rig.IsIdle());
        _rig.RunSession(new ScomoScenario("inventory").Package()
            .Get(Deployed + "watched/State", "20", 200)
            .Get(Deployed + "watched/Status", "10", 200)
            .Get(Deployed + "watched/ID", "watched", 200)
            .Get(Deployed + "watched/Name", "Greeter", 200)
            .Get("./SCOMO/Inventory/Delivered/w/Status", "10", 200)
            .Get("./SCOMO/Inventory/Delivered/w/Data", "", 200));
    }

    private void RunOperation(string operation, string correlator, int expected)
    {
        _rig.RunSession(new ScomoScenario(operation).Package().Exec(operation, correlator, 202));
        GenericAlertRecord alert = _rig.WaitForAlert(operation, correlator);
        Assert.Contains("<ResultCode>" + expected + "</ResultCode>", alert.Data);
        Assert.True(_rig.IsIdle());
    }
}

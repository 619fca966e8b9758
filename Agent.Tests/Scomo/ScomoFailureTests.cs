using NanoOmaDm.DmServer;
using NanoOmaDm.FaultServer;
using NanoOmaDm.PackageTool;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Every failure path reports its SCOMO result code (Mark critical), leaves the inventory as it was and
/// installs nothing that did not verify.</summary>
public sealed class ScomoFailureTests : IDisposable
{
    private const string Delivered = "./SCOMO/Inventory/Delivered/";
    private const string Deployed = "./SCOMO/Inventory/Deployed/";
    private readonly ScomoRig _rig;

    public ScomoFailureTests(ITestOutputHelper output)
    {
        _rig = new ScomoRig(output);
    }

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void TamperedPayloadIsRejectedWith1407AndNothingIsInstalled()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("tampered");
        package[package.Length - 100] ^= 0x01;
        GenericAlertRecord alert = Install("t", package, "Install");
        AssertFailed(alert, 1407);
        Assert.False(_rig.Exists(Deployed + "tampered"));
        Assert.Equal("60", _rig.Get(Delivered + "t/Status"));
        Assert.DoesNotContain(_rig.Storage.List(), f => f.StartsWith("scomo-c-", StringComparison.Ordinal));
    }

    [Fact]
    public void SignatureByAnotherKeyUnderATrustedKeyIdIsRejectedWith1407()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("forged", key: SigningKey.Generate());
        AssertFailed(Install("f", package, "Install"), 1407);
        Assert.False(_rig.Exists(Deployed + "forged"));
    }

    [Fact]
    public void PackageSignedWithAnUnknownKeyIsRejectedWith1407()
    {
        _rig.Boot();
        var stranger = SigningKey.Generate();
        byte[] package = _rig.SamplePackage("unknown", key: stranger, keyId: "stranger");
        AssertFailed(Install("u", package, "Install"), 1407);
        Assert.False(_rig.Exists(Deployed + "unknown"));
    }

    [Fact]
    public void UnsupportedEnvironmentIsRejectedWith1413()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("native", environment: "nanoFramework");
        AssertFailed(Install("n", package, "Install"), 1413);
        Assert.False(_rig.Exists(Deployed + "native"));
        Assert.Equal("50", _rig.Get(Delivered + "n/Status"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("x?list=Struct")]
    public void ComponentIdsThatCannotNameANodeAreRejectedWith1405(string id)
    {
        _rig.Boot();
        AssertFailed(Install("bad", _rig.SamplePackage(id), "Install"), 1405);
        Assert.Empty(_rig.Scomo.Host.RunningIds);
        Assert.DoesNotContain(_rig.Storage.List(), f => f.StartsWith("scomo-c-", StringComparison.Ordinal));
    }

    [Fact]
    public void ComponentThatFailsToStartRollsTheInstallBackWith1409()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("faulty");
        var scenario = new ScomoScenario("failing start").Package()
            .AddNode(Delivered + "x", 200)
            .AddLeaf(Delivered + "x/InstallParams", "fail-start", 200)
            .AddBinary(Delivered + "x/Data", package, 200)
            .Exec(Delivered + "x/Operations/Install", "c-x", 202);
        _rig.RunSession(scenario);
        AssertFailed(_rig.WaitForAlert(Delivered + "x/Operations/Install", "c-x"), 1409);
        Assert.True(_rig.IsIdle());
        Assert.False(_rig.Exists(Deployed + "faulty"));
        Assert.False(_rig.Scomo.Host.IsRunning("faulty"));
        Assert.Equal("10", _rig.Get(Delivered + "x/State"));
        Assert.Equal("50", _rig.Get(Delivered + "x/Status"));
        Assert.Contains("fail-start", _rig.Transcript.ToString());
    }

    [Fact]
    public void ActivateOfAComponentThatFailsToStartKeepsItInactiveWith1409()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("sleepy");
        _rig.RunSession(new ScomoScenario("inactive install").Package()
            .AddNode(Delivered + "s", 200)
            .AddLeaf(Delivered + "s/InstallParams", "fail-start", 200)
            .AddBinary(Delivered + "s/Data", package, 200)
            .Exec(Delivered + "s/Operations/InstallInactive", "c-s", 202));
        Assert.Contains("<ResultCode>1200</ResultCode>", _rig.WaitForAlert(Delivered + "s/Operations/InstallInactive", "c-s").Data);
        Assert.True(_rig.IsIdle());

        _rig.RunSession(new ScomoScenario("activate").Package().Exec(Deployed + "sleepy/Operations/Activate", "c-a", 202));
        AssertFailed(_rig.WaitForAlert(Deployed + "sleepy/Operations/Activate", "c-a"), 1409);
        Assert.True(_rig.IsIdle());
        Assert.Equal("10", _rig.Get(Deployed + "sleepy/State"));
        Assert.Equal("40", _rig.Get(Deployed + "sleepy/Status"));
        Assert.False(_rig.Scomo.Host.IsRunning("sleepy"));
    }

    [Fact]
    public void MissingPackageUrlFailsTheDownloadWith1402()
    {
        _rig.Boot();
        AssertFailed(Download("gone", _rig.FilesUrl + "no-such-package.ndmp"), 1402);
        Assert.Equal("20", _rig.Get("./SCOMO/Download/gone/Status"));
        Assert.False(_rig.Exists(Delivered + "gone"));
    }

    [Fact]
    public void DownloadServerErrorsFailWith1500()
    {
        using var files = FaultServerHost.Start();
        files.AddFile("broken.ndmp", 4096, 7);
        files.Enqueue("broken.ndmp", Fault.Answer(500), Fault.Answer(500), Fault.Answer(500), Fault.Answer(500));
        _rig.Boot();
        AssertFailed(Download("broken", files.UrlOf("broken.ndmp")), 1500);
    }

    [Fact]
    public void DownloadServerRefusingUsFailsWith1403()
    {
        using var files = FaultServerHost.Start();
        files.AddFile("secret.ndmp", 4096, 9);
        files.Enqueue("secret.ndmp", Fault.Answer(401), Fault.Answer(401), Fault.Answer(401), Fault.Answer(401));
        _rig.Boot();
        AssertFailed(Download("secret", files.UrlOf("secret.ndmp")), 1403);
    }

    [Fact]
    public void UnreachableDownloadServerFailsWith1501()
    {
        _rig.Boot();
        AssertFailed(Download("nobody", "http://127.0.0.1:9/pkg.ndmp"), 1501);
    }

    [Fact]
    public void StorageTooSmallForTheDownloadFailsWith1404()
    {
        _rig.Boot();
        string url = _rig.Serve("big.ndmp", _rig.SamplePackage("big"));
        _rig.Storage.Quota = UsedBytes() + 1024;
        AssertFailed(Download("big", url), 1404);
        Assert.False(_rig.Exists(Deployed + "big"));
    }

    [Fact]
    public void StorageTooSmallForTheComponentImagesFailsTheInstallWith1406()
    {
        _rig.Boot();
        byte[] package = _rig.SamplePackage("roomy");
        // Room for the delivered package (in the tree and as a file) but not for the extracted component image.
        _rig.Storage.Quota = UsedBytes() + 3L * package.Length + 512;
        AssertFailed(Install("r", package, "Install"), 1406);
        Assert.False(_rig.Exists(Deployed + "roomy"));
        Assert.Equal("50", _rig.Get(Delivered + "r/Status"));
    }

    private long UsedBytes()
    {
        long total = 0;
        foreach (string name in _rig.Storage.List())
        {
            using var f = _rig.Storage.Open(name);
            total += f.Length;
        }
        return total;
    }

    private GenericAlertRecord Install(string entry, byte[] package, string operation)
    {
        _rig.RunSession(ScomoScenario.DirectDelivery(entry, package, operation, "c-" + entry));
        GenericAlertRecord alert = _rig.WaitForAlert(Delivered + entry + "/Operations/" + operation, "c-" + entry);
        Assert.True(_rig.IsIdle());
        return alert;
    }

    private GenericAlertRecord Download(string entry, string url)
    {
        _rig.RunSession(ScomoScenario.AlternateDelivery(entry, url, "DownloadInstall", "c-" + entry));
        GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Download/" + entry + "/Operations/DownloadInstall", "c-" + entry);
        Assert.True(_rig.IsIdle());
        return alert;
    }

    private static void AssertFailed(GenericAlertRecord alert, int code)
    {
        Assert.Contains("<ResultCode>" + code + "</ResultCode>", alert.Data);
        Assert.Equal("critical", alert.Mark);
    }
}

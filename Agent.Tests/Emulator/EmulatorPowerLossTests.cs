using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator;
using NanoOmaDm.Emulator.Components;
using NanoOmaDm.PackageTool;
using NanoOmaDm.Tests.Scomo;
using Xunit;

namespace NanoOmaDm.Tests.Emulator;

/// <summary>The emulator process killed (SIGKILL: nothing gets to run any more, as at a power cut) in the middle of a
/// SCOMO download, then started again on the same state: the download resumes where it was and the operation is
/// reported exactly once.</summary>
public sealed class EmulatorPowerLossTests : IDisposable
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(90);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "emu-kill-" + Guid.NewGuid().ToString("N"));

    public EmulatorPowerLossTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "files"));
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void KilledInTheMiddleOfADownloadItResumesAndReportsOnce()
    {
        var key = SigningKey.Generate();
        string pub = Path.Combine(_dir, "vendor.pub");
        File.WriteAllText(pub, Convert.ToHexStringLower(key.PublicKey));
        string assets = Path.Combine(_dir, "assets.bin");
        File.WriteAllBytes(assets, RandomBytes(400 * 1024));
        var components = new[]
        {
            new ComponentSpec("killed", "Greeter", "1.0.0", AssemblyComponentHost.Environment, SampleComponentImage.Path),
            new ComponentSpec("killed-assets", "Assets", "1.0.0", "data", assets),
        };
        using (FileStream file = File.Create(Path.Combine(_dir, "files", "big.ndmp")))
        {
            PackageWriter.Write(file, key, "vendor", PackageWriter.BuildManifest("big.pkg", "1.0.0", components), components.Select(c => c.File));
        }

        using var host = DmServerHost.Start(new DmServerOptions
        {
            Port = 0, ServerId = "kill-server", UserName = "kill-user", Password = "kill-secret",
            FilesDirectory = Path.Combine(_dir, "files"), FilesBytesPerSecond = 100 * 1024, Scenario = Scenario.Empty,
        });
        host.EnqueueScenario(DmServerHost.LoadScenario(
            ScomoScenario.AlternateDelivery("big", host.FilesUrl + "big.ndmp", "DownloadInstall", "c-big").ToJson()));
        string[] device =
        {
            "--server", host.Url, "--server-id", "kill-server", "--user", "kill-user", "--password", "kill-secret",
            "--auth", "basic", "--state", Path.Combine(_dir, "state"), "--trusted-key", "vendor=" + pub,
        };

        // The technician starts a session; the server asks for the download; the power fails at about half of it.
        EmulatorProcess.Run first = EmulatorProcess.Execute(Quick, "login " + EmulatorOptions.DefaultConsolePin + "\nsession start\n",
            (process, output) =>
            {
                Assert.True(EmulatorProcess.WaitForOutput(output, "downloading http", Quick), output.ToString());
                Thread.Sleep(2000);
                process.Kill(entireProcessTree: true);
            },
            device);
        Assert.DoesNotContain("DownloadInstall on big finished", first.Output);

        EmulatorProcess.Run second = EmulatorProcess.Execute(Quick, null, device.Append("--once").ToArray());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(new System.Text.RegularExpressions.Regex("resuming at byte [1-9]"), second.Output);
        Assert.Contains("hello from killed 1.0.0", second.Output);

        List<GenericAlertRecord> alerts = host.Reports.SelectMany(r => r.GenericAlerts).Where(a => a.Correlator == "c-big").ToList();
        GenericAlertRecord alert = Assert.Single(alerts);
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
    }

    private static byte[] RandomBytes(int size)
    {
        byte[] bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }
}

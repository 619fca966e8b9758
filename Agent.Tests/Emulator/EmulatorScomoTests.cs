using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Components;
using NanoOmaDm.PackageTool;
using NanoOmaDm.Tests.Scomo;
using Xunit;

namespace NanoOmaDm.Tests.Emulator;

/// <summary>SCOMO through the emulator's command line, as a CI pipeline testing its DM server would use it.</summary>
public sealed class EmulatorScomoTests : IDisposable
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(90);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "emu-scomo-" + Guid.NewGuid().ToString("N"));

    public EmulatorScomoTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "files"));
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void OnceInstallsWithATrustedKeyFileAndReportsBeforeExiting()
    {
        string pub = WritePackage("cli.ndmp", "cli-greeter");
        using var host = StartServer();
        host.EnqueueScenario(DmServerHost.LoadScenario(
            ScomoScenario.AlternateDelivery("cli", host.FilesUrl + "cli.ndmp", "DownloadInstall", "c-cli").ToJson()));

        EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, null, DeviceArguments(host, pub).Append("--once").ToArray());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("hello from cli-greeter 2.0.0", run.Output);
        IReadOnlyList<SessionReport> sessions = host.WaitForSessions(2, TimeSpan.FromSeconds(10));
        GenericAlertRecord alert = Assert.Single(sessions.SelectMany(s => s.GenericAlerts));
        Assert.Equal("c-cli", alert.Correlator);
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
    }

    /// <summary>A package with the sample component (and <paramref name="assetBytes"/> of data, if any), signed by a
    /// fresh key whose .pub it returns the path of.</summary>
    private string WritePackage(string fileName, string componentId, int assetBytes = 0)
    {
        var key = SigningKey.Generate();
        string pub = Path.Combine(_dir, componentId + ".pub");
        File.WriteAllText(pub, Convert.ToHexStringLower(key.PublicKey));
        var components = new List<ComponentSpec>
        {
            new ComponentSpec(componentId, "Greeter", "2.0.0", AssemblyComponentHost.Environment, SampleComponentImage.Path),
        };
        if (assetBytes > 0)
        {
            string assets = Path.Combine(_dir, componentId + ".assets");
            byte[] bytes = new byte[assetBytes];
            new Random(assetBytes).NextBytes(bytes);
            File.WriteAllBytes(assets, bytes);
            components.Add(new ComponentSpec(componentId + "-assets", "Assets", "2.0.0", "data", assets));
        }
        using FileStream file = File.Create(Path.Combine(_dir, "files", fileName));
        PackageWriter.Write(file, key, "vendor", PackageWriter.BuildManifest("cli.pkg", "2.0.0", components), components.Select(c => c.File));
        return pub;
    }

    /// <summary>The DM server, which also serves the packages (at most <paramref name="bytesPerSecond"/>, 0: at once).</summary>
    private DmServerHost StartServer(int bytesPerSecond = 0) => DmServerHost.Start(new DmServerOptions
    {
        Port = 0, ServerId = "cli-server", UserName = "cli-user", Password = "cli-secret",
        FilesDirectory = Path.Combine(_dir, "files"), FilesBytesPerSecond = bytesPerSecond, Scenario = Scenario.Empty,
    });

    private string[] DeviceArguments(DmServerHost host, string pub) => new[]
    {
        "--server", host.Url, "--server-id", "cli-server", "--user", "cli-user", "--password", "cli-secret", "--auth", "basic",
        "--state", Path.Combine(_dir, "state"), "--trusted-key", "vendor=" + pub,
    };

    [Fact]
    public void TheSimulatedBatteryHoldsADownloadUntilItIsCharged()
    {
        string pub = WritePackage("sim.ndmp", "sim-greeter");
        using var host = StartServer();
        host.EnqueueScenario(DmServerHost.LoadScenario(
            ScomoScenario.AlternateDelivery("sim", host.FilesUrl + "sim.ndmp", "DownloadInstall", "c-sim").ToJson()));

        EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, "sim battery 5\nlogin " + NanoOmaDm.Emulator.EmulatorOptions.DefaultConsolePin + "\nsession start\n",
            (process, output) =>
            {
                Assert.True(EmulatorProcess.WaitForOutput(output, "suspended at byte 0 (battery-low)", Quick), output.ToString());
                process.StandardInput.WriteLine("download status");
                Assert.True(EmulatorProcess.WaitForOutput(output, "suspended (battery-low)", Quick), output.ToString());
                process.StandardInput.WriteLine("sim battery 100");
                Assert.True(EmulatorProcess.WaitForOutput(output, "DownloadInstall on sim finished: 1200", Quick), output.ToString());
                process.StandardInput.WriteLine("quit");
                process.StandardInput.Close();
            },
            DeviceArguments(host, pub));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("hello from sim-greeter", run.Output);
        GenericAlertRecord alert = host.WaitForSessions(2, TimeSpan.FromSeconds(10)).SelectMany(s => s.GenericAlerts).Single();
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
    }

    /// <summary>SIGKILL in the middle of a download (nothing gets to run any more, as at a power cut), then a start on
    /// the same state: the download resumes where it was and the operation is reported exactly once.</summary>
    [Fact]
    public void KilledInTheMiddleOfADownloadItResumesAndReportsOnce()
    {
        string pub = WritePackage("big.ndmp", "killed", 400 * 1024);
        using var host = StartServer(100 * 1024);
        host.EnqueueScenario(DmServerHost.LoadScenario(
            ScomoScenario.AlternateDelivery("big", host.FilesUrl + "big.ndmp", "DownloadInstall", "c-big").ToJson()));
        string[] device = DeviceArguments(host, pub);

        // The technician starts a session; the server asks for the download; the power fails at about half of it.
        EmulatorProcess.Run first = EmulatorProcess.Execute(Quick, "login " + NanoOmaDm.Emulator.EmulatorOptions.DefaultConsolePin + "\nsession start\n",
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
        Assert.Contains("hello from killed 2.0.0", second.Output);
        GenericAlertRecord alert = Assert.Single(host.Reports.SelectMany(r => r.GenericAlerts), a => a.Correlator == "c-big");
        Assert.Contains("<ResultCode>1200</ResultCode>", alert.Data);
    }

    [Fact]
    public void AnUnreadableTrustedKeyFileIsAConfigurationError()
    {
        EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, null, "--server", "http://127.0.0.1:1/dm", "--once",
            "--trusted-key", "vendor=" + Path.Combine(_dir, "missing.pub"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--trusted-key vendor=", run.Output);
    }
}

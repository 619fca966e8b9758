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
        var key = SigningKey.Generate();
        string pub = Path.Combine(_dir, "vendor.pub");
        File.WriteAllText(pub, Convert.ToHexStringLower(key.PublicKey));
        var component = new ComponentSpec("cli-greeter", "Greeter", "2.0.0", AssemblyComponentHost.Environment, SampleComponentImage.Path);
        using (FileStream file = File.Create(Path.Combine(_dir, "files", "cli.ndmp")))
        {
            PackageWriter.Write(file, key, "vendor", PackageWriter.BuildManifest("cli.pkg", "2.0.0", new[] { component }), new[] { component.File });
        }

        using var host = DmServerHost.Start(new DmServerOptions
        {
            Port = 0, ServerId = "cli-server", UserName = "cli-user", Password = "cli-secret",
            FilesDirectory = Path.Combine(_dir, "files"), Scenario = Scenario.Empty,
        });
        host.EnqueueScenario(DmServerHost.LoadScenario(
            ScomoScenario.AlternateDelivery("cli", host.FilesUrl + "cli.ndmp", "DownloadInstall", "c-cli").ToJson()));

        EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, null, "--server", host.Url, "--server-id", "cli-server",
            "--user", "cli-user", "--password", "cli-secret", "--auth", "basic", "--state", Path.Combine(_dir, "state"),
            "--trusted-key", "vendor=" + pub, "--once");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("hello from cli-greeter 2.0.0", run.Output);
        IReadOnlyList<SessionReport> sessions = host.WaitForSessions(2, TimeSpan.FromSeconds(10));
        GenericAlertRecord alert = Assert.Single(sessions.SelectMany(s => s.GenericAlerts));
        Assert.Equal("c-cli", alert.Correlator);
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

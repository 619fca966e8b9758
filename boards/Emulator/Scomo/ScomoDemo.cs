using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Components;
using NanoOmaDm.PackageTool;

namespace NanoOmaDm.Emulator.Scomo;

/// <summary>Part 2 of the demo: the bundled server delivers a signed package with the sample component by alternate
/// download; the device downloads it (progress printed), verifies it, installs and starts the component (its output
/// appears in the log) and reports OperationComplete; a last session removes everything again, so the demo can be
/// repeated on the same --state.</summary>
public sealed class ScomoDemo : IDisposable
{
    public const string PackageFile = "greeter.ndmp";
    public const string KeyId = "demo-key";
    private static readonly TimeSpan WorkTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(15);

    private readonly EmulatorApp _app;
    private readonly List<SessionReport> _reports = new List<SessionReport>();
    private int _lastQuarter;

    public ScomoDemo(EmulatorApp app)
    {
        _app = app;
        FilesDirectory = Path.Combine(Path.GetTempPath(), "nanoOmaDm-demo-files-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FilesDirectory);
    }

    /// <summary>What the bundled server serves at /files/.</summary>
    public string FilesDirectory { get; }

    /// <summary>Null when everything worked, else what did not.</summary>
    public string Run(DmServerHost host, string serverId)
    {
        // Sessions the device opens on its own (to deliver alerts) must not replay part 1.
        host.SetScenario(Scenario.Empty);
        byte[] package = BuildPackage();
        _app.Print("Package " + PackageFile + ": component 'greeter' 1.0.0 (a .NET assembly), " + package.Length
            + " bytes, signed with a fresh Ed25519 key that the device trusts as '" + KeyId + "'.");

        _app.Scomo.Executor.DownloadProgress = OnProgress;
        string problem = RunScenario(host, serverId, "scomo-demo");
        if (problem != null)
        {
            return problem;
        }
        GenericAlertRecord installed = WaitForAlert(host, "demo-install");
        if (installed == null)
        {
            return "no OperationComplete alert for the DownloadInstall";
        }
        _app.Print("Server received OperationComplete from " + installed.Source + " for " + installed.Target + ": " + installed.Data
            + (string.IsNullOrEmpty(installed.Mark) ? string.Empty : " (" + installed.Mark + ")"));
        if (!installed.Data.Contains("<ResultCode>1200</ResultCode>", StringComparison.Ordinal))
        {
            return "the DownloadInstall failed: " + installed.Data;
        }

        // Let the component show that it runs (it logs a tick every 2 s).
        Thread.Sleep(2500);
        _app.Print(string.Empty);
        _app.Print("--- cleanup: the server removes the component and the package ---");
        problem = RunScenario(host, serverId, "scomo-demo-cleanup");
        if (problem != null)
        {
            return problem;
        }
        foreach (string correlator in new[] { "demo-remove", "demo-remove-package" })
        {
            GenericAlertRecord removed = WaitForAlert(host, correlator);
            if (removed == null || !removed.Data.Contains("<ResultCode>1200</ResultCode>", StringComparison.Ordinal))
            {
                return "the " + correlator + " operation was not reported as successful";
            }
            _app.Print("Server received OperationComplete from " + removed.Source + ": " + removed.Data);
        }
        return null;
    }

    private byte[] BuildPackage()
    {
        var component = new ComponentSpec("greeter", "Greeter", "1.0.0", AssemblyComponentHost.Environment, SampleComponentImage.Path);
        var key = SigningKey.Generate();
        byte[] manifest = PackageWriter.BuildManifest("demo.greeter", "1.0.0", new[] { component });
        string path = Path.Combine(FilesDirectory, PackageFile);
        using (FileStream file = File.Create(path))
        {
            PackageWriter.Write(file, key, KeyId, manifest, new[] { component.File });
        }
        _app.Scomo.TrustKey(KeyId, key.PublicKey);
        return File.ReadAllBytes(path);
    }

    private void OnProgress(Agent.Download.DownloadClient client, long done, long total)
    {
        int quarter = total > 0 ? (int)(done * 4 / total) : 0;
        if (done == 0 || quarter != _lastQuarter)
        {
            _lastQuarter = quarter;
            _app.Print("  download " + done + " / " + (total > 0 ? total.ToString() : "?") + " bytes"
                + (total > 0 ? " (" + (done * 100 / total) + "%)" : string.Empty));
        }
    }

    private string RunScenario(DmServerHost host, string serverId, string name)
    {
        string json = DmServerHost.BuiltInScenarioJson(name).Replace("{{FilesUrl}}", host.FilesUrl, StringComparison.Ordinal);
        host.EnqueueScenario(Scenario.Parse(json));
        SessionResult result = _app.Guard(serverId, () => _app.Agent.StartSession(serverId));
        _app.PrintOutcome(result);
        SessionReport report = NextReport(host, result.SessionId);
        _app.FinishScomoWork(serverId, WorkTimeout);
        if (!result.Success)
        {
            return "session '" + name + "': " + result.Reason;
        }
        if (report == null || !report.Passed)
        {
            return "session '" + name + "': " + (report == null ? "no server report" : string.Join("; ", report.Failures));
        }
        return null;
    }

    /// <summary>The report of the session with <paramref name="sessionId"/>; reports of other sessions (the device's
    /// own, delivering alerts) are kept for <see cref="WaitForAlert"/>.</summary>
    private SessionReport NextReport(DmServerHost host, string sessionId)
    {
        SessionReport found = _reports.FirstOrDefault(r => string.Equals(r.SessionId, sessionId, StringComparison.OrdinalIgnoreCase));
        while (found == null)
        {
            SessionReport next;
            try
            {
                next = host.WaitForSession(SessionTimeout);
            }
            catch (TimeoutException)
            {
                return null;
            }
            _reports.Add(next);
            if (string.Equals(next.SessionId, sessionId, StringComparison.OrdinalIgnoreCase))
            {
                found = next;
            }
        }
        return found;
    }

    private GenericAlertRecord WaitForAlert(DmServerHost host, string correlator)
    {
        DateTime deadline = DateTime.UtcNow + SessionTimeout;
        while (true)
        {
            GenericAlertRecord alert = _reports.SelectMany(r => r.GenericAlerts)
                .FirstOrDefault(a => a.Type == ScomoAlert.OperationComplete && a.Correlator == correlator);
            if (alert != null || DateTime.UtcNow > deadline)
            {
                return alert;
            }
            try
            {
                _reports.Add(host.WaitForSession(deadline - DateTime.UtcNow));
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FilesDirectory, true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Components;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Emulator.Scomo;
using NanoOmaDm.Hal;
using NanoOmaDm.PackageTool;
using NanoOmaDm.Tests.Integration;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>A device with SCOMO as the emulator runs it (persistent state in a directory, the assembly component
/// host, HttpClient downloads, the alert courier) and the DmServer, which also serves the package files over HTTP with
/// Range support. <see cref="Reboot"/> drops every object of the device and boots a new one from the same directory.</summary>
public sealed class ScomoRig : IDisposable
{
    public const string ServerId = "scomo-server";
    public const string KeyId = "rig-key";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "scomo-state-" + Guid.NewGuid().ToString("N"));
    private readonly string _filesDir = Path.Combine(Path.GetTempPath(), "scomo-files-" + Guid.NewGuid().ToString("N"));
    private readonly string _deviceId = EmulatorIdentity.RandomDeviceId();
    private readonly List<SessionReport> _reports = new List<SessionReport>();
    private PersistentAgentState _state;

    public ScomoRig(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_stateDir);
        Directory.CreateDirectory(_filesDir);
        Transcript = new Transcript();
        Key = SigningKey.Generate();
        Host = DmServerHost.Start(new DmServerOptions
        {
            Port = 0,
            ServerId = ServerId,
            UserName = "scomo-user",
            Password = "scomo-secret",
            FilesDirectory = _filesDir,
            IdleTimeout = TimeSpan.FromSeconds(30),
            Scenario = Scenario.Empty,
            Log = Transcript.Writer("server"),
        });
    }

    public Transcript Transcript { get; }

    public DmServerHost Host { get; }

    public SigningKey Key { get; }

    public DmAgent Agent { get; private set; }

    public EmulatorScomo Scomo { get; private set; }

    public ConsoleLogSink Log { get; private set; }

    /// <summary>Power and network of the device (a new one at every boot: power comes back with a reboot).</summary>
    public PowerSwitch Power { get; private set; } = new PowerSwitch();

    /// <summary>The device's storage in this boot (state store, packages and component images).</summary>
    public FailingStorage Storage { get; private set; }

    public string FilesUrl => Host.FilesUrl;

    /// <summary>Battery, storage and network as the download client sees them.</summary>
    public SimulatedDeviceState DeviceState { get; } = new SimulatedDeviceState();

    /// <summary>ServerID allowed to change ./SCOMO/Ext/TrustedKeys (set before <see cref="Boot"/>).</summary>
    public string KeyAuthority { get; set; } = ServerId;

    /// <summary>The device speaks WBXML (set before <see cref="Boot"/>).</summary>
    public bool UseWbxml { get; set; }

    public DownloadOptions DownloadOptions { get; } = new DownloadOptions
    {
        BackoffInitialMs = 50, BackoffMaxMs = 200, MaxRetries = 2, CheckpointIntervalBytes = 16 * 1024, PollIntervalMs = 50,
        DeviceCheckIntervalMs = 50,
    };

    /// <summary>Boots the device: restores its state, starts SCOMO (resuming interrupted work), provisions the account
    /// and the trusted key on the first boot.</summary>
    public ScomoRig Boot()
    {
        Log = new ConsoleLogSink(Transcript.Writer("agent "), verbose: true, color: false);
        if (Power.PowerCut)
        {
            Power = new PowerSwitch();
        }
        Storage = new FailingStorage(new DirectoryStorage(_stateDir), Power);
        _state = new PersistentAgentState(Storage, new StoreOptions { Budget = 512 * 1024 }, Log);
        var platform = new AgentPlatform
        {
            Http = new SwitchedTransport(new HttpClientTransport(CancellationToken.None), Power),
            Clock = new SystemClock(),
            Identity = new EmulatorIdentity(_deviceId),
            Random = new CryptoRandom(),
            Log = Log,
        };
        Agent = new DmAgent(platform, new AgentConfig { HttpTimeoutMs = 15000, UseWbxml = UseWbxml }, _state);
        Scomo = EmulatorScomo.Attach(Agent, Storage, _state, Log, KeyAuthority, DownloadOptions, DeviceState);
        Scomo.Courier.RetryDelaysMs = new[] { 200 };
        DmAccount account = Agent.ProvisionAccount(new AccountSettings
        {
            ServerId = ServerId,
            ServerUri = Host.Url,
            ClientName = "scomo-user",
            ClientSecret = "scomo-secret",
            AuthPref = DmAccMo.Basic,
        });
        Assert.NotNull(account);
        if (TrustedKeyRing.Read(Agent.Tree).Count == 0)
        {
            Assert.True(Scomo.TrustKey(KeyId, Key.PublicKey));
        }
        Scomo.Start();
        return this;
    }

    /// <summary>An orderly restart: background work stops where it is and resumes in the new boot.</summary>
    public void Reboot()
    {
        Transcript.Line("rig   ", "=== reboot ===");
        Shutdown();
        Boot();
    }

    /// <summary>Power loss: the device as it was is dropped without a chance to write anything more; the next
    /// <see cref="Boot"/> starts from what storage holds.</summary>
    public void PowerCutAndBoot()
    {
        Transcript.Line("rig   ", "=== power cut ===");
        Power.Cut();
        Shutdown();
        Boot();
    }

    private void Shutdown()
    {
        Scomo?.Dispose();
        try
        {
            _state?.Dispose();
        }
        catch (StorageException)
        {
            // No power: nothing to close.
        }
        Scomo = null;
        _state = null;
    }

    /// <summary>A signed package with the sample component (id <paramref name="componentId"/>), stored in the served
    /// files as <paramref name="fileName"/> when given.</summary>
    public byte[] SamplePackage(string componentId, string fileName = null, string environment = AssemblyComponentHost.Environment,
        SigningKey key = null, string keyId = KeyId, string version = "1.0.0", int assetBytes = 0)
    {
        var specs = new List<ComponentSpec> { new ComponentSpec(componentId, "Greeter", version, environment, SampleComponentImage.Path) };
        if (assetBytes > 0)
        {
            // A bulky second payload, for downloads long enough to interrupt.
            string assets = Path.Combine(_filesDir, componentId + ".assets");
            byte[] bytes = new byte[assetBytes];
            new Random(assetBytes).NextBytes(bytes);
            File.WriteAllBytes(assets, bytes);
            specs.Add(new ComponentSpec(componentId + "-assets", "Assets", version, "data", assets));
        }
        byte[] manifest = PackageWriter.BuildManifest("pkg-" + componentId, version, specs);
        using var stream = new MemoryStream();
        PackageWriter.Write(stream, key ?? Key, keyId, manifest, specs.Select(c => c.File));
        byte[] package = stream.ToArray();
        if (fileName != null)
        {
            Serve(fileName, package);
        }
        return package;
    }

    public string Serve(string fileName, byte[] content)
    {
        File.WriteAllBytes(Path.Combine(_filesDir, fileName), content);
        return FilesUrl + fileName;
    }

    /// <summary>Runs a client-initiated session with <paramref name="scenario"/> and returns its report.</summary>
    public SessionReport RunSession(ScomoScenario scenario)
    {
        WaitQuiet();
        Host.EnqueueScenario(DmServerHost.LoadScenario(scenario.ToJson()));
        Transcript.Line("rig   ", "=== session: " + scenario.Name + " ===");
        SessionResult result = Agent.StartSession(ServerId);
        Transcript.Line("rig   ", "agent result: success=" + result.Success + " reason=" + result.Reason);
        SessionReport report;
        do
        {
            report = NextReport();
        }
        while (!string.Equals(report.SessionId, result.SessionId, StringComparison.OrdinalIgnoreCase));
        Assert.True(report.Passed, report.ToString());
        return report;
    }

    /// <summary>Waits until no alert waits for delivery and no session runs, so that the next session the test starts
    /// is not raced by one the courier opens (the server hands queued scenarios to sessions in order).</summary>
    public void WaitQuiet()
    {
        DateTime deadline = DateTime.UtcNow + Wait;
        while (Agent.Alerts.Count > 0 || Agent.IsSessionRunning)
        {
            Assert.True(DateTime.UtcNow < deadline, "the device kept delivering alerts");
            Thread.Sleep(20);
        }
    }

    /// <summary>The OperationComplete alert from <paramref name="source"/> with this correlator, from the sessions seen
    /// so far or the ones still to come (the same session if it was still open, else one the device opened).</summary>
    public GenericAlertRecord WaitForAlert(string source, string correlator)
    {
        DateTime deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            GenericAlertRecord found = Alerts().FirstOrDefault(a => a.Source == source && a.Correlator == correlator);
            if (found != null)
            {
                return found;
            }
            TimeSpan left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "no OperationComplete alert from " + source + " (" + correlator + ")");
            NextReport(left);
        }
    }

    /// <summary>Every OperationComplete alert the server received so far.</summary>
    public List<GenericAlertRecord> Alerts()
    {
        lock (_reports)
        {
            return _reports.SelectMany(r => r.GenericAlerts).Where(a => a.Type == ScomoAlert.OperationComplete).ToList();
        }
    }

    public SessionReport NextReport(TimeSpan? timeout = null)
    {
        SessionReport report;
        try
        {
            report = Host.WaitForSession(timeout ?? Wait);
        }
        catch (TimeoutException e)
        {
            Assert.Fail(e.Message);
            return null;
        }
        lock (_reports)
        {
            _reports.Add(report);
        }
        return report;
    }

    public string Get(string uri)
    {
        lock (Agent.TreeLock)
        {
            return Agent.Tree.GetString(uri);
        }
    }

    public bool Exists(string uri)
    {
        lock (Agent.TreeLock)
        {
            return Agent.Tree.Find(uri) != null;
        }
    }

    public bool IsIdle() => Scomo.Executor.WaitIdle((int)Wait.TotalMilliseconds);

    public void Dispose()
    {
        Shutdown();
        Host.Dispose();
        _output.WriteLine(Transcript.ToString());
        TryDelete(_stateDir);
        TryDelete(_filesDir);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, true);
        }
        catch (IOException)
        {
        }
    }
}

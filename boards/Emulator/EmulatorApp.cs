using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Agent.Terminal.Commands;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Emulator.Scomo;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator;

/// <summary>One run of the emulator: the agent on the desktop Hal, either in demo mode (bundled server) or against a
/// real server (one session, or a long-running device driven by notifications and console commands).</summary>
public sealed class EmulatorApp : IDisposable
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitConfig = 2;
    /// <summary>reboot or factory-reset on the console: the emulated device "restarts" by ending the process with this
    /// code, so that a supervisor (e.g. <c>while dotnet run ...; [ $? = 3 ]; do :; done</c>) starts it again.</summary>
    public const int ExitReboot = 3;
    public const int ExitInterrupted = 130;

    /// <summary>How long --once waits for the background operations its session started (downloads included).</summary>
    private static readonly TimeSpan OnceWorkTimeout = TimeSpan.FromMinutes(10);

    private readonly EmulatorOptions _options;
    private readonly CancellationTokenSource _shutdown = new CancellationTokenSource();
    private readonly ConsoleLogSink _log;
    private readonly ConsoleInput _console = new ConsoleInput(Console.In);
    private readonly HttpClientTransport _http;
    private readonly SystemClock _clock = new SystemClock();
    private readonly LogRing _logRing;
    private AgentPlatform _platform;
    private PosixSignalRegistration _sigterm;
    private DmAgent _agent;
    private PersistentAgentState _state;
    private string _temporaryState;
    private DemoMo _demo;
    private EmulatorScomo _scomo;
    // Battery, storage, memory and network as the console's 'sim' command sets them.
    private readonly SimulatedDeviceState _deviceState = new SimulatedDeviceState();

    public EmulatorApp(EmulatorOptions options)
    {
        _options = options;
        _log = new ConsoleLogSink(options.Verbose);
        _logRing = new LogRing(_log, _clock, 64);
        _http = new HttpClientTransport(_shutdown.Token);
    }

    public CancellationToken Shutdown => _shutdown.Token;

    public DmAgent Agent => _agent;

    public DemoMo Demo => _demo;

    public EmulatorScomo Scomo => _scomo;

    public ConsoleLogSink Log => _log;

    public EmulatorIdentity Identity { get; private set; }

    public int Run()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                RequestStop("SIGTERM");
            });
        }
        catch (PlatformNotSupportedException)
        {
            // Ctrl+C still works.
        }

        try
        {
            return _options.ServerUrl == null ? new DemoRunner(this, _options).Run() : RunAgainstServer();
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            Print("Interrupted.");
            return ExitInterrupted;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // E.g. a --state directory that cannot be created or written.
            Print("ERROR: " + e.Message);
            return ExitConfig;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    public void Print(string text)
    {
        _log.Print(text);
    }

    /// <summary>Creates the agent (identity from --device-id/--state) with the demo MO registered.</summary>
    public DmAgent CreateAgent(string deviceIdOverride = null)
    {
        string note;
        string deviceId = DeviceState.ResolveDeviceId(_options.StateDir, deviceIdOverride ?? _options.DeviceId, out note);
        var identity = new EmulatorIdentity(deviceId);
        Identity = identity;
        var platform = new AgentPlatform
        {
            Http = _http,
            Clock = _clock,
            Identity = identity,
            Random = new CryptoRandom(),
            Log = _logRing,
            Ui = new ScriptedUserInteraction(_options.UiAnswers, _options.UiConsole ? _console : null, Print, _shutdown.Token),
        };
        var config = new AgentConfig();
        if (_options.MaxMsgSize.HasValue)
        {
            config.MaxMsgSize = _options.MaxMsgSize.Value;
        }

        _platform = platform;
        _scomo?.Dispose();
        _state?.Dispose();
        DirectoryStorage storage = DeviceState.OpenStorage(_options.StateDir, out _temporaryState);
        _state = new PersistentAgentState(storage, new StoreOptions(), _logRing);
        _agent = new DmAgent(platform, config, _state);
        Print("State: " + DescribeState());
        if (_options.Verbose)
        {
            _agent.Observer = PrintMessage;
        }

        _demo = new DemoMo(_agent.Alerts, _log);
        _agent.Register(_demo);
        string serverId = _options.ServerId ?? EmulatorOptions.DefaultServerId;
        string authority = _options.KeyAuthority == null ? serverId : _options.KeyAuthority == "none" ? null : _options.KeyAuthority;
        // Progress every KB: cheap on a desktop, and visible even for the demo's small package.
        _scomo = EmulatorScomo.Attach(_agent, storage, _state, _logRing, authority, new DownloadOptions { ProgressIntervalBytes = 1024 },
            _deviceState, _shutdown.Token);
        Print("Device " + identity.DeviceId + " (" + note + "); " + identity.Manufacturer + " " + identity.Model
            + ", agent " + identity.SoftwareVersion + " on .NET " + identity.FirmwareVersion + " " + identity.HardwareVersion
            + ", MaxMsgSize " + config.MaxMsgSize);
        return _agent;
    }

    /// <summary>SCOMO, once the accounts exist: installs the --trusted-key keys, restarts the active components and resumes
    /// interrupted operations. False (after printing why) when a key file is unusable.</summary>
    public bool StartScomo()
    {
        foreach (string spec in _options.TrustedKeyFiles)
        {
            int eq = spec.IndexOf('=');
            byte[] key = null;
            string problem = null;
            if (eq <= 0)
            {
                problem = "expected ID=FILE";
            }
            else
            {
                try
                {
                    key = Convert.FromHexString(File.ReadAllText(spec.Substring(eq + 1)).Trim());
                }
                catch (Exception e) when (e is IOException || e is FormatException || e is UnauthorizedAccessException)
                {
                    problem = e.Message;
                }
            }

            if (problem == null && !_scomo.TrustKey(spec.Substring(0, eq), key))
            {
                problem = "not a 32-byte Ed25519 public key, or an unusable key id";
            }

            if (problem != null)
            {
                Print("ERROR: --trusted-key " + spec + ": " + problem);
                return false;
            }
        }

        _scomo.Start();
        return true;
    }

    /// <summary>Waits for SCOMO operations a session started and for their results to reach the server (--once, demo).</summary>
    public void FinishScomoWork(string serverId, TimeSpan timeout)
    {
        if (!_scomo.Executor.WaitIdle((int)timeout.TotalMilliseconds))
        {
            Print("SCOMO: operations still running after " + (int)timeout.TotalSeconds + " s; they resume at the next start.");
            return;
        }

        SessionResult delivery = Guard(serverId, () => _agent.DeliverAlerts(serverId));
        if (delivery != null)
        {
            PrintOutcome(delivery);
        }
    }

    private string DescribeState()
    {
        OpenReport r = _state.Report;
        string where = _temporaryState != null ? "in " + _temporaryState + " (no --state: deleted on exit)" : "in " + Path.GetFullPath(_options.StateDir);
        if (r.Unavailable || r.Corrupt)
        {
            return (r.Unavailable ? "NOT persisted: " : "damaged, restored what was readable: ") + r.Problem + " (" + where + ")";
        }

        return (r.Fresh ? "new device state " : "restored (commit " + r.Sequence + ") ") + where;
    }

    /// <summary>Creates the DMAcc account; null (after printing why) when the agent refuses the settings.</summary>
    public DmAccount Provision(string serverId, string serverUri, string user, string password, string serverPassword, string auth)
    {
        var settings = new AccountSettings
        {
            ServerId = serverId,
            ServerUri = serverUri,
            ClientName = user,
            ClientSecret = password ?? string.Empty,
            ServerSecret = serverPassword,
            AuthPref = EmulatorOptions.AuthPref(auth),
        };
        if (string.Equals(auth, "basic", StringComparison.OrdinalIgnoreCase) && user != null && user.Contains(':'))
        {
            Print("Warning: user name '" + user + "' contains ':', which Basic authentication cannot carry (the server will see '"
                + user.Substring(0, user.IndexOf(':')) + "').");
        }

        DmAccount account = _agent.ProvisionAccount(settings);
        if (account == null)
        {
            Print("ERROR: the agent refused the account for server '" + serverId + "' (invalid server id or settings).");
            return null;
        }

        // A restored account keeps its nonces, but the command line decides where the server is and the credentials.
        if (account.ServerUri != serverUri)
        {
            account.ServerUri = serverUri;
        }

        if (account.ClientName != settings.ClientName)
        {
            account.ClientName = settings.ClientName;
        }

        if (account.ClientSecret != settings.ClientSecret)
        {
            account.ClientSecret = settings.ClientSecret;
        }

        if (account.ServerSecret != (settings.ServerSecret ?? string.Empty))
        {
            account.ServerSecret = settings.ServerSecret;
        }

        Print("Account: server " + serverId + " at " + serverUri + ", user " + user + ", auth " + (auth ?? "md5")
            + (string.IsNullOrEmpty(serverPassword) ? ", no server password (server not authenticated, notifications refused)" : ", server password set"));
        return account;
    }

    /// <summary>Runs a session; an exception escaping the agent (a bug: the agent reports failures in its result) is
    /// printed and turned into a failed result so that a long-running emulator keeps going.</summary>
    public SessionResult Guard(string serverId, Func<SessionResult> session)
    {
        try
        {
            return session();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Print("ERROR: the agent threw " + e.GetType().Name + ": " + e.Message);
            Print(e.StackTrace ?? string.Empty);
            return SessionResult.Failed(null, serverId, "internal error in the agent: " + e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>Prints the outcome of a session in one line.</summary>
    public void PrintOutcome(SessionResult r)
    {
        if (r == null)
        {
            Print("Session: no result.");
            return;
        }

        string head = "Session " + (r.SessionId ?? "-") + " with " + (r.ServerId ?? "?") + ": ";
        if (r.Success)
        {
            Print(head + "SUCCESS (" + (r.Reason ?? "completed") + ") - " + Counts(r));
        }
        else
        {
            Print(head + "FAILED: " + (r.Reason ?? "no reason given") + " - " + Counts(r));
        }
    }

    private static string Counts(SessionResult r)
    {
        return r.MessagesSent + " message(s) sent, " + r.MessagesReceived + " received, " + r.CommandsExecuted
            + " command(s) executed, " + r.AlertsDelivered + " generic alert(s) delivered, client auth " + (r.AuthScheme ?? "none");
    }

    // ---- against a real server ----

    private int RunAgainstServer()
    {
        CreateAgent();
        string serverId = _options.ServerId ?? EmulatorOptions.DefaultServerId;
        string user = _options.EffectiveUser(Identity.DeviceId);
        if (Provision(serverId, _options.ServerUrl, user, _options.Password, _options.ServerPassword, _options.Auth) == null
            || !StartScomo())
        {
            return ExitConfig;
        }

        if (_options.Once)
        {
            if (_options.NotifyPort.HasValue)
            {
                Print("Note: --notify-port is ignored with --once.");
            }

            Print("Starting a client-initiated session with " + serverId + " ...");
            SessionResult r = Guard(serverId, () => _agent.StartSession(serverId));
            PrintOutcome(r);
            FinishScomoWork(serverId, OnceWorkTimeout);
            if (_shutdown.IsCancellationRequested)
            {
                return ExitInterrupted;
            }

            return r.Success ? ExitOk : ExitFailed;
        }

        return RunDevice(serverId);
    }

    private sealed class WorkItem
    {
        public byte[] Notification;
        public bool EndOfInput;
        /// <summary>quit (ExitOk) or reboot (ExitReboot) from the console.</summary>
        public int? Exit;
    }

    /// <summary>The long-running device: sessions on notifications and on console commands, one at a time.</summary>
    private int RunDevice(string serverId)
    {
        var work = new BlockingCollection<WorkItem>();
        UdpNotificationListener listener = null;
        if (_options.NotifyPort.HasValue)
        {
            listener = new UdpNotificationListener(_options.NotifyPort.Value, _log);
            try
            {
                listener.Start((message, length) =>
                {
                    var copy = new byte[length];
                    Array.Copy(message, copy, length);
                    work.Add(new WorkItem { Notification = copy });
                });
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Print("ERROR: cannot listen for notifications on UDP 127.0.0.1:" + _options.NotifyPort.Value + ": " + e.Message);
                return ExitConfig;
            }

            Print("Listening for notifications (Pkg#0) on UDP 127.0.0.1:" + listener.LocalPort
                + (string.IsNullOrEmpty(_options.ServerPassword) ? " - but without --server-password every one will be refused" : string.Empty));
        }

        DmConsole console = null;
        IConsolePort port = null;
        try
        {
            try
            {
                port = OpenConsolePort();
            }
            catch (Exception e) when (e is IOException || e is PlatformNotSupportedException)
            {
                Print("ERROR: cannot create the console's pseudo-terminal: " + e.Message);
                return ExitConfig;
            }

            if (port == null && listener == null)
            {
                Print("No console and no --notify-port: nothing to do, exiting.");
                return ExitOk;
            }

            Print("Running. " + (port is PtyConsolePort pty
                ? "Console on " + pty.Path + " (open it with: screen " + pty.Path + "  or  socat - " + pty.Path + ",raw,echo=0)."
                : port != null ? "Console on stdin: 'help' lists the commands, 'quit' stops (or Ctrl+C)." : "No console; Ctrl+C stops."));
            if (port != null)
            {
                console = StartConsole(port, work);
            }
            while (true)
            {
                WorkItem item;
                try
                {
                    item = work.Take(_shutdown.Token);
                }
                catch (OperationCanceledException)
                {
                    Print("Stopped.");
                    return ExitOk;
                }

                if (item.Notification != null)
                {
                    HandleNotification(item.Notification);
                    continue;
                }

                if (item.Exit == ExitReboot)
                {
                    Print("Reboot requested on the console: exiting with code " + ExitReboot + " (start the emulator again).");
                    // Cuts off a session in progress, as a reboot does.
                    _shutdown.Cancel();
                    return ExitReboot;
                }

                if (item.Exit.HasValue)
                {
                    console?.WaitForSession(Timeout.Infinite);
                    Print("Bye.");
                    return item.Exit.Value;
                }

                if (listener == null)
                {
                    Print("End of input and no --notify-port: nothing more to do, exiting.");
                    return ExitOk;
                }

                Print("End of input; still listening for notifications (Ctrl+C stops).");
            }
        }
        finally
        {
            listener?.Stop();
            console?.Stop();
            console?.Join(2000);
            (port as IDisposable)?.Dispose();
        }
    }

    /// <summary>Before a factory reset: the agent keeps running until the reboot that follows, but writes nothing more.</summary>
    private void CloseState()
    {
        _agent.Committer = null;
        _state?.Dispose();
        _state = null;
    }

    /// <summary>The console's port for --console (stdio by default), or null for none.</summary>
    private IConsolePort OpenConsolePort()
    {
        switch (_options.ConsoleMode ?? "stdio")
        {
            case "none":
                return null;
            case "pty":
                return PtyConsolePort.Create();
            default:
                return new StdioConsolePort(_console, _log);
        }
    }

    /// <summary>Starts the technician's console beside the agent, with the emulator's quit command and reboot. When its
    /// port ends (stdin closed) the main loop hears of it once the last session started there has ended.</summary>
    private DmConsole StartConsole(IConsolePort port, BlockingCollection<WorkItem> work)
    {
        var settings = new ConsoleSettings
        {
            FactoryPin = _options.ConsolePin ?? EmulatorOptions.DefaultConsolePin,
            Board = new EmulatorBoard(_options.StateDir ?? _temporaryState, CloseState, () => work.Add(new WorkItem { Exit = ExitReboot })),
            Log = _logRing,
            DeviceState = _deviceState,
        };
        var console = new DmConsole(_agent, _platform, port, settings);
        console.Register(new QuitCommand(() => work.Add(new WorkItem { Exit = ExitOk })));
        console.Register(new SimCommand(_deviceState));
        console.Register(new ScomoCommand(_agent, _scomo.Executor));
        console.Register(new DownloadCommand(_scomo.Executor));
        console.AddStatusSource(new ScomoStatusSource(_agent, _scomo.Executor));
        console.Start();
        var watcher = new Thread(() =>
        {
            console.Join(Timeout.Infinite);
            console.WaitForSession(Timeout.Infinite);
            work.Add(new WorkItem { EndOfInput = true });
        })
        { IsBackground = true, Name = "console-watch" };
        watcher.Start();
        return console;
    }

    private void HandleNotification(byte[] pkg0)
    {
        Print("Notification received (" + pkg0.Length + " bytes).");
        SessionResult r = Guard(null, () => _agent.HandleNotification(pkg0, pkg0.Length));
        if (!r.Success && r.MessagesSent == 0 && r.SessionId == null && r.Reason != null && !r.Reason.StartsWith("internal error", StringComparison.Ordinal))
        {
            Print("Notification refused: " + (r.Reason ?? "no reason given"));
            return;
        }

        PrintOutcome(r);
    }

    // ---- output ----

    private void PrintMessage(bool outgoing, byte[] message, int length)
    {
        var sb = new StringBuilder();
        sb.Append(outgoing ? ">>> device -> server" : "<<< server -> device").Append(", ").Append(length).Append(" bytes").AppendLine();
        sb.Append(FormatMessage(message, length));
        Print(sb.ToString());
    }

    /// <summary>XML as indented text (content unchanged), anything else (WBXML) as a hex dump.</summary>
    public static string FormatMessage(byte[] message, int length)
    {
        int start = 0;
        while (start < length && (message[start] == ' ' || message[start] == '\r' || message[start] == '\n' || message[start] == '\t' || message[start] == 0xEF || message[start] == 0xBB || message[start] == 0xBF))
        {
            start++;
        }

        if (start < length && message[start] == '<')
        {
            string text = Encoding.UTF8.GetString(message, 0, length);
            try
            {
                XDocument doc = XDocument.Parse(text, LoadOptions.None);
                return doc.ToString(SaveOptions.None);
            }
            catch (System.Xml.XmlException)
            {
                return text;
            }
        }

        var hex = new StringBuilder();
        for (int i = 0; i < length; i += 16)
        {
            hex.Append(i.ToString("X4")).Append("  ");
            for (int j = i; j < i + 16; j++)
            {
                hex.Append(j < length ? message[j].ToString("X2") + " " : "   ");
            }

            hex.Append(' ');
            for (int j = i; j < i + 16 && j < length; j++)
            {
                char c = (char)message[j];
                hex.Append(c >= 32 && c < 127 ? c : '.');
            }

            hex.AppendLine();
        }

        return hex.ToString();
    }

    private void OnCancelKeyPress(object sender, ConsoleCancelEventArgs e)
    {
        if (_shutdown.IsCancellationRequested)
        {
            // Second Ctrl+C: let the runtime end the process.
            return;
        }

        e.Cancel = true;
        RequestStop("Ctrl+C");
    }

    private void RequestStop(string why)
    {
        if (!_shutdown.IsCancellationRequested)
        {
            Print(why + ": stopping (a session in progress is cancelled) ...");
            _shutdown.Cancel();
        }
    }

    public void Dispose()
    {
        _scomo?.Dispose();
        _state?.Dispose();
        if (_temporaryState != null)
        {
            try
            {
                Directory.Delete(_temporaryState, true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }

        _sigterm?.Dispose();
        _http.Dispose();
        _shutdown.Dispose();
    }
}

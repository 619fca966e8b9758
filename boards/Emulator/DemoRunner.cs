using System.Reflection;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Scomo;
using AuthScheme = NanoOmaDm.DmServer.AuthScheme;

namespace NanoOmaDm.Emulator;

/// <summary>The no-argument demo: the bundled DM server in-process on a free 127.0.0.1 port with the demo scenario, the
/// agent with matching credentials, one client-initiated session, the transcript and the server's verdict.</summary>
public sealed class DemoRunner
{
    public const string ScenarioName = "demo";
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(5);

    private readonly EmulatorApp _app;
    private readonly EmulatorOptions _options;

    public DemoRunner(EmulatorApp app, EmulatorOptions options)
    {
        _app = app;
        _options = options;
    }

    public int Run()
    {
        Scenario scenario;
        string source;
        try
        {
            scenario = LoadScenario(out source);
        }
        catch (Exception e) when (e is IOException || e is FormatException || e is UnauthorizedAccessException)
        {
            _app.Print("ERROR: cannot load the demo scenario: " + e.Message);
            return EmulatorApp.ExitConfig;
        }

        _app.Print("=== nanoOmaDm emulator demo: the agent against the bundled DM server ===");
        if (_options.NotifyPort.HasValue)
        {
            _app.Print("Note: --notify-port is used with --server only; the demo runs one client-initiated session.");
        }

        _app.CreateAgent();
        using var scomoDemo = new ScomoDemo(_app);
        string serverId = _options.ServerId ?? EmulatorOptions.DefaultServerId;
        string user = _options.EffectiveUser(_app.Identity.DeviceId);
        string password = _options.Password ?? EmulatorOptions.DemoPassword;
        string serverPassword = _options.ServerPassword ?? EmulatorOptions.DemoServerPassword;
        AuthScheme scheme = SchemeOf(_options.Auth);

        var serverOptions = new DmServerOptions
        {
            Port = 0,
            ServerId = serverId,
            ServerPassword = serverPassword,
            UserName = user,
            Password = password,
            RequiredAuth = scheme,
            AuthenticateToClient = true,
            // A freshly provisioned device and its server start from the same (empty) nonces, as after a bootstrap;
            // from then on each side hands the other a new nonce every session.
            InitialClientNonce = Array.Empty<byte>(),
            InitialServerNonce = Array.Empty<byte>(),
            Scenario = scenario,
            Log = _options.Verbose ? new PrefixWriter(_app.Print, "server   ") : null,
            FilesDirectory = scomoDemo.FilesDirectory,
        };

        DmServerHost started;
        try
        {
            started = DmServerHost.Start(serverOptions);
        }
        catch (Exception e) when (e is IOException || e is InvalidOperationException || e is System.Net.Sockets.SocketException)
        {
            _app.Print("ERROR: cannot start the bundled DM server: " + e.Message);
            return EmulatorApp.ExitConfig;
        }

        using DmServerHost host = started;
        _app.Print("Bundled DM server '" + serverId + "' at " + host.Url + ", scenario '" + scenario.Name + "' (" + source + "), "
            + scheme.ToString().ToLowerInvariant() + " authentication both ways.");
        if (_app.Provision(serverId, host.Url, user, password, serverPassword, _options.Auth) == null || !_app.StartScomo())
        {
            return EmulatorApp.ExitConfig;
        }

        _app.Print(string.Empty);
        _app.Print("--- session transcript ---");
        SessionResult result = _app.Guard(serverId, () => _app.Agent.StartSession(serverId));
        SessionReport report = null;
        string noReport = "the demo was interrupted";
        if (!_app.Shutdown.IsCancellationRequested)
        {
            try
            {
                report = host.WaitForSession(ReportTimeout);
            }
            catch (TimeoutException e)
            {
                noReport = e.Message;
            }
        }

        string scomoProblem = "not run: the first session failed";
        if (result.Success && report != null && report.Passed && !_app.Shutdown.IsCancellationRequested)
        {
            _app.Print(string.Empty);
            _app.Print("--- part 2: a software component, downloaded, verified, installed and started (SCOMO) ---");
            scomoProblem = scomoDemo.Run(host, serverId);
        }

        _app.Print("--- end of transcript ---");
        _app.Print(string.Empty);
        _app.PrintOutcome(result);
        if (_app.Demo.HelloCount > 0)
        {
            _app.Print("Demo MO: Hello was executed " + _app.Demo.HelloCount + " time(s); generic alerts still queued: " + _app.Agent.Alerts.Count + ".");
        }

        _app.Print(string.Empty);
        if (report == null)
        {
            _app.Print("Server report: none - " + noReport);
        }
        else
        {
            _app.Print("Server report:");
            _app.Print(report.ToString().TrimEnd());
        }

        _app.Print(string.Empty);
        _app.Print("SCOMO part: " + (scomoProblem == null ? "PASSED (downloaded, verified, installed, started, reported, removed)" : "FAILED: " + scomoProblem));
        bool passed = result.Success && report != null && report.Passed && scomoProblem == null;
        _app.Print(string.Empty);
        if (_app.Shutdown.IsCancellationRequested)
        {
            _app.Print("DEMO INTERRUPTED");
            return EmulatorApp.ExitInterrupted;
        }

        _app.Print(passed ? "DEMO PASSED" : "DEMO FAILED" + Why(result, report));

        return passed ? EmulatorApp.ExitOk : EmulatorApp.ExitFailed;
    }

    private static string Why(SessionResult result, SessionReport report)
    {
        var reasons = new List<string>();
        if (!result.Success)
        {
            reasons.Add("agent: " + (result.Reason ?? "session failed"));
        }

        if (report == null)
        {
            reasons.Add("server: no report");
        }
        else if (!report.Passed)
        {
            reasons.Add("server: " + string.Join("; ", report.Failures));
        }

        return reasons.Count == 0 ? string.Empty : ": " + string.Join(" | ", reasons);
    }

    private static AuthScheme SchemeOf(string auth)
    {
        switch ((auth ?? "md5").ToLowerInvariant())
        {
            case "basic": return AuthScheme.Basic;
            case "hmac": return AuthScheme.Hmac;
            default: return AuthScheme.Md5;
        }
    }

    /// <summary>Scenarios/demo.json next to the emulator (copied from tools/DmServer), else the server's embedded copy.</summary>
    private static Scenario LoadScenario(out string source)
    {
        string file = Path.Combine(AppContext.BaseDirectory, "Scenarios", ScenarioName + ".json");
        if (File.Exists(file))
        {
            source = file;
            return Scenario.Parse(File.ReadAllText(file));
        }

        source = "built in";
        return DmServerHost.LoadBuiltInScenario(ScenarioName);
    }

    /// <summary>Turns the server's progress log into prefixed lines on the emulator's console.</summary>
    private sealed class PrefixWriter : TextWriter
    {
        private readonly Action<string> _print;
        private readonly string _prefix;
        private readonly System.Text.StringBuilder _line = new System.Text.StringBuilder();

        public PrefixWriter(Action<string> print, string prefix)
        {
            _print = print;
            _prefix = prefix;
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n')
                {
                    _print(_prefix + _line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }

        public override void WriteLine(string value)
        {
            lock (_line)
            {
                _line.Append(value);
                _print(_prefix + _line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Integration;

/// <summary>One end-to-end setup: the DmServer in-process on a free loopback port, and a DmAgent on the emulator's
/// desktop Hal (HttpClientTransport, SystemClock, EmulatorIdentity, CryptoRandom, ConsoleLogSink,
/// ScriptedUserInteraction, UdpNotificationListener) with a provisioned DMAcc account for that server. Configure the
/// public option objects, call <see cref="Start"/>, then <see cref="RunSession"/>. Everything the agent logs, every
/// message on the wire and the server's log go into one transcript that is written to the test output on dispose
/// (xunit shows it for failed tests).</summary>
public sealed class DmRig : IDisposable
{
    public const string ServerId = "it-server";
    public const string ServerPassword = "it-server-secret";
    public const string UserName = "it-user";
    public const string Password = "it-secret";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly ITestOutputHelper _output;
    private readonly List<WireMessage> _wire = new List<WireMessage>();
    private readonly BlockingCollection<SessionResult> _notificationResults = new BlockingCollection<SessionResult>();
    private readonly CancellationTokenSource _shutdown = new CancellationTokenSource();
    private HttpClientTransport _http;
    private UdpNotificationListener _listener;
    private bool _disposed;

    public DmRig(ITestOutputHelper output)
    {
        _output = output;
        Transcript = new Transcript();
        ServerOptions = new DmServerOptions
        {
            Port = 0,
            ServerId = ServerId,
            ServerPassword = ServerPassword,
            UserName = UserName,
            Password = Password,
            RequiredAuth = NanoOmaDm.DmServer.AuthScheme.None,
            IdleTimeout = TimeSpan.FromSeconds(20),
        };
        Config = new AgentConfig { HttpTimeoutMs = 15000, MaxMessagesPerSession = 150 };
        Account = new AccountSettings
        {
            ServerId = ServerId,
            ClientName = UserName,
            ClientSecret = Password,
            // No server secret by default: the agent then does not ask the server to authenticate itself.
            ServerSecret = null,
            AuthPref = DmAccMo.Basic,
        };
        DeviceId = EmulatorIdentity.RandomDeviceId();
    }

    /// <summary>Options of the server; change them before <see cref="Start"/>.</summary>
    public DmServerOptions ServerOptions { get; }

    /// <summary>Agent limits; change them before <see cref="Start"/>.</summary>
    public AgentConfig Config { get; }

    /// <summary>The DMAcc account to provision (ServerUri is filled in with the server's URL).</summary>
    public AccountSettings Account { get; }

    /// <summary>Scripted answers of the user (see <see cref="UiAnswer"/>: accept, reject, cancel, timeout, text:…,
    /// choice:…); empty = accept everything.</summary>
    public List<string> UiAnswers { get; } = new List<string>();

    /// <summary>No user-interaction Hal at all (a board without display).</summary>
    public bool Headless { get; set; }

    /// <summary>Nonce the server must use toward the device, stored in DMAcc SRVCRED/AAuthData at provisioning (null:
    /// none, as after a factory reset).</summary>
    public byte[] FactoryServerNonce { get; set; }

    /// <summary>Man in the middle: rewrites the body of the n-th (0-based) server response before the agent sees it.</summary>
    public Func<int, string, string> TamperResponse { get; set; }

    public string DeviceId { get; }

    public Transcript Transcript { get; }

    public DmServerHost Host { get; private set; }

    public DmAgent Agent { get; private set; }

    public TestMo Mo { get; private set; }

    public RecordingUserInteraction Ui { get; private set; }

    public ConsoleLogSink LogSink { get; private set; }

    /// <summary>Every message the agent sent or received, in order.</summary>
    public IReadOnlyList<WireMessage> Wire
    {
        get
        {
            lock (_wire)
            {
                return _wire.ToList();
            }
        }
    }

    public IEnumerable<WireMessage> Sent => Wire.Where(m => m.Outgoing);

    public IEnumerable<WireMessage> Received => Wire.Where(m => !m.Outgoing);

    public DmAccount DmAccount => DmAccount.Find(Agent.Tree, Account.ServerId);

    /// <summary>Starts the server with <paramref name="scenarioJson"/>, builds the agent, registers the test MO and
    /// provisions the account.</summary>
    public DmRig Start(string scenarioJson)
    {
        ServerOptions.Scenario = scenarioJson == null ? null : DmServerHost.LoadScenario(scenarioJson);
        ServerOptions.Log = Transcript.Writer("server");
        Host = DmServerHost.Start(ServerOptions);
        CreateAgent();
        Provision();
        return this;
    }

    private void CreateAgent()
    {
        LogSink = new ConsoleLogSink(Transcript.Writer("agent "), verbose: true, color: false);
        _http = new HttpClientTransport(_shutdown.Token);
        IUserInteraction ui = null;
        if (!Headless)
        {
            var answers = new List<UiAnswer>();
            foreach (string spec in UiAnswers)
            {
                UiAnswer a = UiAnswer.Parse(spec, out string error);
                Assert.True(a != null, error);
                answers.Add(a);
            }

            Ui = new RecordingUserInteraction(new ScriptedUserInteraction(answers, null, LogSink.Print, _shutdown.Token));
            ui = Ui;
        }

        var platform = new AgentPlatform
        {
            Http = TamperResponse == null ? _http : new TamperingTransport(_http, TamperResponse),
            Clock = new SystemClock(),
            Identity = new EmulatorIdentity(DeviceId),
            Random = new CryptoRandom(),
            Log = LogSink,
            Ui = ui,
        };
        Agent = new DmAgent(platform, Config);
        Agent.Observer = Observe;
        Mo = new TestMo(Agent.Alerts);
        Agent.Register(Mo);
    }

    private void Provision()
    {
        Account.ServerUri = Host.Url;
        DmAccount account = Agent.ProvisionAccount(Account);
        Assert.True(account != null, "the agent refused the account settings");
        if (FactoryServerNonce != null)
        {
            account.ServerNonce = FactoryServerNonce;
        }
    }

    /// <summary>Replaces the scenario for the next session.</summary>
    public void SetScenario(string scenarioJson)
    {
        Host.SetScenario(DmServerHost.LoadScenario(scenarioJson));
    }

    /// <summary>A client-initiated session and the server's report of it.</summary>
    public SessionOutcome RunSession()
    {
        int before = Wire.Count;
        Transcript.Line("rig   ", "=== client-initiated session ===");
        SessionResult result = Agent.StartSession(Account.ServerId);
        Transcript.Line("rig   ", "agent result: success=" + result.Success + " reason=" + result.Reason + " session=" + result.SessionId);
        SessionReport report = NextReport();
        return new SessionOutcome(result, report, Wire.Skip(before).ToList());
    }

    /// <summary>The next finished server session (fails the test with the transcript of active sessions on timeout).</summary>
    public SessionReport NextReport(TimeSpan? timeout = null)
    {
        try
        {
            return Host.WaitForSession(timeout ?? Wait);
        }
        catch (TimeoutException e)
        {
            Assert.Fail(e.Message);
            return null;
        }
    }

    /// <summary>Starts the emulator's UDP Pkg#0 listener, wired to <see cref="DmAgent.HandleNotification"/>.</summary>
    public int StartListener()
    {
        _listener = new UdpNotificationListener(0, LogSink);
        _listener.Start((message, length) =>
        {
            Transcript.Line("rig   ", "=== Pkg#0 received (" + length + " bytes) ===");
            SessionResult r = Agent.HandleNotification(message, length);
            Transcript.Line("rig   ", "notification result: success=" + r.Success + " reason=" + r.Reason + " session=" + r.SessionId);
            _notificationResults.Add(r);
        });
        return _listener.LocalPort;
    }

    /// <summary>Sends a Pkg#0 to the listener and returns what the agent made of it (after the session, if any, ended).</summary>
    public (NotificationMessage Sent, SessionResult Result) Notify(NotificationRequest request)
    {
        NotificationMessage sent = Host.SendNotification("127.0.0.1", _listener.LocalPort, request);
        return (sent, NextNotificationResult());
    }

    /// <summary>Sends raw datagram bytes (replays) to the listener.</summary>
    public SessionResult NotifyRaw(byte[] datagram)
    {
        NanoOmaDm.DmServer.Notification.Send("127.0.0.1", _listener.LocalPort, datagram);
        return NextNotificationResult();
    }

    public SessionResult NextNotificationResult()
    {
        Assert.True(_notificationResults.TryTake(out SessionResult r, Wait), "the agent did not handle the notification within " + Wait);
        return r;
    }

    private void Observe(bool outgoing, byte[] message, int length)
    {
        string text = Encoding.UTF8.GetString(message, 0, length);
        lock (_wire)
        {
            _wire.Add(new WireMessage(outgoing, text));
        }

        Transcript.Line(outgoing ? "C->S  " : "S->C  ", text);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _shutdown.Cancel();
        _listener?.Dispose();
        Host?.Dispose();
        _http?.Dispose();
        try
        {
            _output.WriteLine(Transcript.ToString());
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>The agent's and the server's view of one session.</summary>
public sealed class SessionOutcome
{
    public SessionOutcome(SessionResult result, SessionReport report, List<WireMessage> wire)
    {
        Result = result;
        Report = report;
        Wire = wire;
    }

    public SessionResult Result { get; }

    public SessionReport Report { get; }

    /// <summary>Messages of this session only.</summary>
    public List<WireMessage> Wire { get; }

    public string Describe()
    {
        return "agent: success=" + Result.Success + ", reason=" + Result.Reason + "\nserver report:\n" + Report;
    }

    public CommandReport Cmd(string cmd, string target)
    {
        CommandReport c = Report.Find(cmd, target);
        Assert.True(c != null, "no " + cmd + " " + target + " in the report\n" + Describe());
        return c;
    }

    /// <summary>The n-th (0-based) top-level scenario command with this name (for Alert/Atomic/Sequence).</summary>
    public CommandReport Nth(string cmd, int index)
    {
        var all = Report.Commands.Where(c => c.Cmd == cmd).ToList();
        Assert.True(index < all.Count, "no " + cmd + " #" + index + " in the report\n" + Describe());
        return all[index];
    }

    public void AssertStatus(string cmd, string target, int expected)
    {
        CommandReport c = Cmd(cmd, target);
        Assert.True(c.ActualStatus == expected, cmd + " " + target + ": expected status " + expected + ", got "
            + (c.ActualStatus?.ToString() ?? "none") + "\n" + Describe());
    }

    /// <summary>Session completed on both sides and the server's expectations (statuses, data, alerts) all held.</summary>
    public void AssertPassed()
    {
        Assert.True(Result.Success, "agent session failed: " + Result.Reason + "\n" + Describe());
        Assert.Equal("completed", Result.Reason);
        Assert.True(Report.Passed, "server report failed: " + string.Join("; ", Report.Failures) + "\n" + Describe());
    }

    public IEnumerable<WireMessage> Sent => Wire.Where(m => m.Outgoing);

    public IEnumerable<WireMessage> Received => Wire.Where(m => !m.Outgoing);
}

/// <summary>One DM message as it went over HTTP.</summary>
public sealed class WireMessage
{
    private XDocument _doc;

    public WireMessage(bool outgoing, string text)
    {
        Outgoing = outgoing;
        Text = text;
    }

    public bool Outgoing { get; }

    public string Text { get; }

    public int Size => Encoding.UTF8.GetByteCount(Text);

    public XDocument Doc => _doc ??= XDocument.Parse(Text);

    public XElement Header => Doc.Root.Elements().First(e => e.Name.LocalName == "SyncHdr");

    public string Hdr(string name) => Header.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public IEnumerable<XElement> Commands => Doc.Root.Elements().First(e => e.Name.LocalName == "SyncBody").Elements()
        .Where(e => e.Name.LocalName != "Final");

    public bool Final => Doc.Root.Elements().First(e => e.Name.LocalName == "SyncBody").Elements().Any(e => e.Name.LocalName == "Final");

    /// <summary>Alert commands with this code.</summary>
    public IEnumerable<XElement> Alerts(int code) => Commands.Where(c => c.Name.LocalName == "Alert" && WireXml.Text(c, "Data") == code.ToString());

    /// <summary>Status commands (excluding the SyncHdr status).</summary>
    public IEnumerable<XElement> Statuses => Commands.Where(c => c.Name.LocalName == "Status" && WireXml.Text(c, "CmdRef") != "0");
}

/// <summary>Small XML helpers for wire assertions (namespace-agnostic).</summary>
public static class WireXml
{
    public static XElement Child(XElement e, string name) => e?.Elements().FirstOrDefault(x => x.Name.LocalName == name);

    public static string Text(XElement e, params string[] path)
    {
        foreach (string p in path)
        {
            e = Child(e, p);
        }

        return e?.Value;
    }

    public static int Code(XElement status) => int.Parse(Text(status, "Data"));

    /// <summary>JSON string literal (for raw bodies in scenario JSON).</summary>
    public static string Json(string s) => JsonSerializer.Serialize(s);

    /// <summary>A server message with the placeholders DmServer substitutes; <paramref name="body"/> is the SyncBody content.</summary>
    public static string RawServerMessage(string body, bool final = true)
    {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>"
            + "<SessionID>{{SessionID}}</SessionID><MsgID>{{MsgID}}</MsgID><Target><LocURI>{{DeviceId}}</LocURI></Target>"
            + "<Source><LocURI>{{ServerId}}</LocURI></Source></SyncHdr><SyncBody>"
            + "<Status><CmdID>1</CmdID><MsgRef>{{ClientMsgID}}</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><TargetRef>x</TargetRef><SourceRef>{{DeviceId}}</SourceRef><Data>200</Data></Status>"
            + body + (final ? "<Final/>" : string.Empty) + "</SyncBody></SyncML>";
    }
}

/// <summary>Thread-safe log of a test: agent log lines, wire messages, server log.</summary>
public sealed class Transcript
{
    private readonly object _gate = new object();
    private readonly StringBuilder _text = new StringBuilder();

    public void Line(string who, string text)
    {
        lock (_gate)
        {
            _text.Append('[').Append(who).Append("] ").AppendLine(text);
        }
    }

    public TextWriter Writer(string who) => new LineWriter(this, who);

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    private sealed class LineWriter : TextWriter
    {
        private readonly Transcript _owner;
        private readonly string _who;
        private readonly StringBuilder _line = new StringBuilder();

        public LineWriter(Transcript owner, string who)
        {
            _owner = owner;
            _who = who;
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n')
                {
                    _owner.Line(_who, _line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }
    }
}

/// <summary>Passes every UI alert to the emulator's scripted UI and records the request and the answer.</summary>
public sealed class RecordingUserInteraction : IUserInteraction
{
    private readonly IUserInteraction _inner;
    private readonly List<(UiRequest Request, UiResponse Response)> _seen = new List<(UiRequest, UiResponse)>();

    public RecordingUserInteraction(IUserInteraction inner)
    {
        _inner = inner;
    }

    public IReadOnlyList<(UiRequest Request, UiResponse Response)> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    public UiResponse Present(UiRequest request)
    {
        UiResponse response = _inner.Present(request);
        lock (_seen)
        {
            _seen.Add((request, response));
        }

        return response;
    }
}

/// <summary>Test-only man in the middle: lets a test corrupt a server response the real server sent correctly.</summary>
public sealed class TamperingTransport : IHttpTransport
{
    private readonly IHttpTransport _inner;
    private readonly Func<int, string, string> _rewrite;
    private int _count;

    public TamperingTransport(IHttpTransport inner, Func<int, string, string> rewrite)
    {
        _inner = inner;
        _rewrite = rewrite;
    }

    public void Post(HttpExchange exchange)
    {
        _inner.Post(exchange);
        int index = _count++;
        if (exchange.ResponseLength == 0 || exchange.ResponseTruncated)
        {
            return;
        }

        string body = Encoding.UTF8.GetString(exchange.ResponseBuffer, 0, exchange.ResponseLength);
        string changed = _rewrite(index, body);
        if (changed == null || changed == body)
        {
            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(changed);
        Assert.True(bytes.Length <= exchange.ResponseBuffer.Length, "tampered response does not fit the agent's buffer");
        Array.Clear(exchange.ResponseBuffer);
        bytes.CopyTo(exchange.ResponseBuffer, 0);
        exchange.ResponseLength = bytes.Length;
    }
}

/// <summary>The device-side test MO under ./Vendor/IT: open ACL, a few leaves and Exec nodes (synchronous 200,
/// asynchronous 202 reporting with a Generic Alert, one that throws, a leaf without handler).</summary>
public sealed class TestMo : IManagementObject
{
    public const string Root = "./Vendor/IT";
    public const string Greeting = Root + "/Greeting";
    public const string Src = Root + "/Src";
    public const string Keep = Root + "/Keep";
    public const string ExecSync = Root + "/Ops/Sync";
    public const string ExecAsync = Root + "/Ops/Async";
    public const string ExecBroken = Root + "/Ops/Broken";
    public const string NoHandler = Root + "/Ops/NoHandler";
    public const string AsyncDoneType = "urn:nanoomadm:it:AsyncDone";

    private readonly GenericAlertQueue _alerts;
    private readonly List<ExecRequest> _execs = new List<ExecRequest>();

    public TestMo(GenericAlertQueue alerts)
    {
        _alerts = alerts;
    }

    public IReadOnlyList<ExecRequest> Execs
    {
        get
        {
            lock (_execs)
            {
                return _execs.ToList();
            }
        }
    }

    public void Register(DmTree tree)
    {
        tree.EnsureInterior("./Vendor", null, true);
        tree.EnsureInterior(Root, "urn:nanoomadm:mo:it:1.0", true);
        tree.SetAcl(Root, "Add=*&Delete=*&Exec=*&Get=*&Replace=*");
        tree.SetLeaf(Greeting, DmFormat.Chr, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes("hello"), false);
        tree.SetLeaf(Src, DmFormat.Chr, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes("copy-me"), false);
        tree.SetLeaf(Keep, DmFormat.Chr, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes("keep"), false);
        tree.EnsureInterior(Root + "/Ops", null, true);
        tree.SetLeaf(ExecSync, DmFormat.Null, DmFormat.DefaultLeafType, null, true);
        tree.SetLeaf(ExecAsync, DmFormat.Null, DmFormat.DefaultLeafType, null, true);
        tree.SetLeaf(ExecBroken, DmFormat.Null, DmFormat.DefaultLeafType, null, true);
        tree.SetLeaf(NoHandler, DmFormat.Chr, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes("no exec here"), true);
        tree.RegisterExec(ExecSync, Record(r => 200));
        tree.RegisterExec(ExecAsync, Record(r =>
        {
            _alerts.Enqueue(new GenericAlert
            {
                ServerId = r.ServerId,
                Correlator = r.Correlator,
                SourceUri = r.Uri,
                Type = AsyncDoneType,
                Format = "chr",
                Mark = "informational",
                Data = "done:" + r.Data,
            });
            return 202;
        }));
        tree.RegisterExec(ExecBroken, Record(r => throw new InvalidOperationException("the handler failed")));
    }

    private ExecHandler Record(Func<ExecRequest, int> body)
    {
        return request =>
        {
            lock (_execs)
            {
                _execs.Add(request);
            }

            return body(request);
        };
    }
}

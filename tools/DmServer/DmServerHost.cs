using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace NanoOmaDm.DmServer;

/// <summary>An OMA DM 1.2 server on 127.0.0.1 (Kestrel). Thread-safe. Start with <see cref="Start"/>, point the client
/// at <see cref="Url"/>, then collect <see cref="SessionReport"/>s with <see cref="WaitForSession"/>.</summary>
public sealed class DmServerHost : IDisposable
{
    private readonly object gate = new object();
    private readonly DmServerOptions options;
    private readonly Dictionary<string, string> users;
    private readonly Dictionary<string, DmSession> byKey = new Dictionary<string, DmSession>(StringComparer.Ordinal);
    private readonly Dictionary<string, DmSession> byToken = new Dictionary<string, DmSession>(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceNonces> devices = new Dictionary<string, DeviceNonces>(StringComparer.Ordinal);
    private readonly HashSet<string> notifiedSessionIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private readonly List<SessionReport> reports = new List<SessionReport>();
    private readonly Queue<SessionReport> unclaimed = new Queue<SessionReport>();
    private readonly Queue<Scenario> queuedScenarios = new Queue<Scenario>();
    private readonly SemaphoreSlim available = new SemaphoreSlim(0);
    private readonly Timer idleTimer;
    private readonly StaticFiles files;
    private WebApplication app;
    private Scenario scenario;
    private bool disposed;

    private DmServerHost(DmServerOptions options)
    {
        this.options = options;
        users = options.EffectiveUsers();
        scenario = options.Scenario ?? Scenario.Empty;
        files = options.FilesDirectory == null ? null : new StaticFiles(options.FilesDirectory, options.FilesBytesPerSecond);
        idleTimer = new Timer(_ => CheckIdleSafely(), null, 1000, 1000);
    }

    /// <summary>The options the host runs with.</summary>
    public DmServerOptions Options => options;

    /// <summary>http://127.0.0.1:PORT/dm – the URL to give the client.</summary>
    public string Url { get; private set; }

    /// <summary>http://127.0.0.1:PORT/files/ – base URL of <see cref="DmServerOptions.FilesDirectory"/>; null when no
    /// directory is served.</summary>
    public string FilesUrl { get; private set; }

    /// <summary>The TCP port actually bound.</summary>
    public int Port { get; private set; }

    /// <summary>Reports of all finished sessions so far, in finishing order.</summary>
    public IReadOnlyList<SessionReport> Reports
    {
        get
        {
            lock (gate)
            {
                return reports.ToList();
            }
        }
    }

    /// <summary>Reports of sessions still running (live objects; read for diagnostics only).</summary>
    public IReadOnlyList<SessionReport> ActiveSessions
    {
        get
        {
            lock (gate)
            {
                return byKey.Values.Where(s => !s.Ended).Select(s => s.Report).ToList();
            }
        }
    }

    /// <summary>Starts Kestrel on 127.0.0.1:options.Port (0 = free port).</summary>
    public static DmServerHost Start(DmServerOptions options)
    {
        var host = new DmServerHost(options ?? new DmServerOptions());
        try
        {
            host.StartKestrel();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>Scenario for sessions that start from now on.</summary>
    public void SetScenario(Scenario s)
    {
        lock (gate)
        {
            scenario = s ?? Scenario.Empty;
        }
    }

    /// <summary>Queues a scenario for one session: the next session that starts takes the first queued scenario; when the
    /// queue is empty sessions use the current scenario (<see cref="SetScenario"/> / <see cref="DmServerOptions.Scenario"/>).</summary>
    public void EnqueueScenario(Scenario s)
    {
        lock (gate)
        {
            queuedScenarios.Enqueue(s ?? Scenario.Empty);
        }
    }

    /// <summary>Scenarios queued with <see cref="EnqueueScenario"/> that no session has taken yet.</summary>
    public int QueuedScenarioCount
    {
        get
        {
            lock (gate)
            {
                return queuedScenarios.Count;
            }
        }
    }

    /// <summary>Parses a JSON scenario (see README).</summary>
    public static Scenario LoadScenario(string json)
    {
        return Scenario.Parse(json);
    }

    /// <summary>Reads a JSON scenario file (relative <c>dataFile</c> paths are resolved against the file's directory).
    /// A bare name such as "demo" or "demo.json" that is not an existing file is looked up among the built-in scenarios.</summary>
    public static Scenario LoadScenarioFile(string path)
    {
        if (File.Exists(path))
        {
            return Scenario.Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path)));
        }

        var name = Path.GetFileNameWithoutExtension(path);
        if (!path.Contains('/') && !path.Contains('\\') && BuiltInScenarioNames().Contains(name))
        {
            return LoadBuiltInScenario(name);
        }

        throw new FileNotFoundException("scenario file not found: " + path, path);
    }

    /// <summary>Names of the scenarios embedded in this assembly (tools/DmServer/Scenarios/*.json).</summary>
    public static IReadOnlyList<string> BuiltInScenarioNames()
    {
        const string prefix = "NanoOmaDm.DmServer.Scenarios.";
        return typeof(DmServerHost).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n.Substring(prefix.Length, n.Length - prefix.Length - 5))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An embedded scenario, e.g. "demo".</summary>
    public static Scenario LoadBuiltInScenario(string name)
    {
        return Scenario.Parse(BuiltInScenarioJson(name));
    }

    /// <summary>JSON text of an embedded scenario.</summary>
    public static string BuiltInScenarioJson(string name)
    {
        var res = "NanoOmaDm.DmServer.Scenarios." + name + ".json";
        using (var s = typeof(DmServerHost).Assembly.GetManifestResourceStream(res))
        {
            if (s == null)
            {
                throw new ArgumentException("no built-in scenario '" + name + "' (have: " + string.Join(", ", BuiltInScenarioNames()) + ")");
            }

            using (var r = new StreamReader(s))
            {
                return r.ReadToEnd();
            }
        }
    }

    /// <summary>Next finished (completed or aborted) session not yet returned by this method. Throws
    /// <see cref="TimeoutException"/> (describing the sessions in progress) when none finishes in time.</summary>
    public SessionReport WaitForSession(TimeSpan timeout)
    {
        if (!available.Wait(timeout))
        {
            throw new TimeoutException(TimeoutText(timeout));
        }

        lock (gate)
        {
            return unclaimed.Dequeue();
        }
    }

    /// <summary>The next <paramref name="count"/> finished sessions in finishing order (see <see cref="WaitForSession"/>),
    /// all within <paramref name="timeout"/>; sessions that finished before the call count too.</summary>
    public IReadOnlyList<SessionReport> WaitForSessions(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var got = new List<SessionReport>();
        while (got.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            try
            {
                got.Add(WaitForSession(left > TimeSpan.Zero ? left : TimeSpan.Zero));
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException(got.Count + " of " + count + " sessions finished; " + ex.Message, ex);
            }
        }

        return got;
    }

    /// <summary>Async form of <see cref="WaitForSession"/>.</summary>
    public async Task<SessionReport> WaitForSessionAsync(TimeSpan timeout, CancellationToken cancel = default)
    {
        if (!await available.WaitAsync(timeout, cancel).ConfigureAwait(false))
        {
            throw new TimeoutException(TimeoutText(timeout));
        }

        lock (gate)
        {
            return unclaimed.Dequeue();
        }
    }

    /// <summary>Nonce state the host keeps for a device (created on first use; mutate under your own care).</summary>
    public DeviceNonces GetDeviceNonces(string deviceId)
    {
        lock (gate)
        {
            return Device(deviceId);
        }
    }

    /// <summary>Builds a Pkg#0 (defaults from the options and the device's stored server nonce) and sends it over UDP.</summary>
    public NotificationMessage SendNotification(string host, int udpPort, NotificationRequest r)
    {
        var msg = BuildNotification(r);
        Notification.Send(host, udpPort, msg.Bytes);
        Log("-> Pkg#0 to " + host + ":" + udpPort.ToString(CultureInfo.InvariantCulture) + " session " + msg.SessionIdHex + " (" + msg.Bytes.Length + " bytes, ui-mode " + msg.UiMode + ")");
        return msg;
    }

    /// <summary>Builds a Pkg#0 with the host's defaults without sending it.</summary>
    public NotificationMessage BuildNotification(NotificationRequest r)
    {
        r ??= new NotificationRequest();
        var full = new NotificationRequest
        {
            ServerId = r.ServerId ?? options.ServerId,
            ServerPassword = r.ServerPassword ?? options.ServerPassword,
            DeviceId = r.DeviceId,
            SessionId = r.SessionId,
            UiMode = r.UiMode,
            ServerInitiated = r.ServerInitiated,
            Version = r.Version,
            VendorData = r.VendorData,
            ForgeDigest = r.ForgeDigest,
            UseWrongPassword = r.UseWrongPassword,
        };
        lock (gate)
        {
            full.Nonce = r.Nonce
                ?? (r.DeviceId != null && devices.TryGetValue(r.DeviceId, out var d) ? d.ServerNonce : null)
                ?? options.InitialServerNonce
                ?? Array.Empty<byte>();
            var msg = Notification.Build(full);
            notifiedSessionIds.Add(msg.SessionIdHex);
            return msg;
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        idleTimer.Dispose();
        if (app != null)
        {
            try
            {
                app.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }

            ((IDisposable)app).Dispose();
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void StartKestrel()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DmServerHost).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
        });
        app = builder.Build();
        app.Run(HandleHttp);
        app.StartAsync().GetAwaiter().GetResult();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var address = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address");
        Port = new Uri(address).Port;
        Url = "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/dm";
        FilesUrl = files == null ? null : "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + StaticFiles.PathPrefix;
        Log("DM server listening on " + Url + " (auth " + options.RequiredAuth + ", server id " + options.ServerId + ")");
    }

    private async Task HandleHttp(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? string.Empty;
        if (path == "/reports" && HttpMethods.IsGet(ctx.Request.Method))
        {
            var json = SessionReport.ToJson(Reports);
            await Write(ctx, ServerResponse.Text(200, json), "application/json").ConfigureAwait(false);
            return;
        }

        if (files != null && path.StartsWith(StaticFiles.PathPrefix, StringComparison.Ordinal))
        {
            await files.Serve(ctx).ConfigureAwait(false);
            return;
        }

        if (path != "/dm" && path != "/dm/")
        {
            await Write(ctx, ServerResponse.Text(404, "not found; the DM endpoint is /dm"), null).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            ctx.Response.Headers["Allow"] = "POST";
            await Write(ctx, ServerResponse.Text(405, "POST DM messages here"), null).ConfigureAwait(false);
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var ct)
            || !(ct.MediaType.Equals(SyncMl.MediaType, StringComparison.OrdinalIgnoreCase) || SyncMlWbxml.IsMediaType(ct.MediaType.Value)))
        {
            Log("<- rejected content type '" + ctx.Request.ContentType + "' (415)");
            await Write(ctx, ServerResponse.Text(415, "unsupported media type '" + ctx.Request.ContentType + "'; this server speaks " + SyncMl.MediaType + " and " + SyncMlWbxml.MediaType), null).ConfigureAwait(false);
            return;
        }

        var wbxml = SyncMlWbxml.IsMediaType(ct.MediaType.Value);

        byte[] body;
        using (var ms = new MemoryStream())
        {
            await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted).ConfigureAwait(false);
            body = ms.ToArray();
        }

        string token = ctx.Request.Query["s"];
        string hmac = ctx.Request.Headers[SyncMl.HmacHeader];
        ServerResponse resp;
        DmSession session;
        lock (gate)
        {
            resp = Dispatch(body, wbxml, token, hmac, out session);
        }

        if (resp.DelayMs > 0)
        {
            await Task.Delay(resp.DelayMs, ctx.RequestAborted).ConfigureAwait(false);
        }

        await Write(ctx, resp, null).ConfigureAwait(false);
        if (resp.SessionFinished && session != null)
        {
            Publish(session);
        }
    }

    private ServerResponse Dispatch(byte[] body, bool wbxml, string token, string hmac, out DmSession session)
    {
        session = null;
        DmSession byTok = null;
        if (!string.IsNullOrEmpty(token))
        {
            byToken.TryGetValue(token, out byTok);
        }

        ClientMessage m;
        try
        {
            m = ClientMessage.Parse(body, wbxml);
        }
        catch (FormatException ex)
        {
            Log("<- unusable message (" + body.Length + " bytes): " + ex.Message);
            if (byTok != null && !byTok.Ended)
            {
                byTok.AbortWith("unusable client message: " + ex.Message);
                session = byTok;
                var r = ServerResponse.Text(400, "bad DM message: " + ex.Message);
                r.SessionFinished = true;
                return r;
            }

            return ServerResponse.Text(400, "bad DM message: " + ex.Message);
        }

        if (options.LogMessages)
        {
            Log("   " + (wbxml ? "(WBXML) " + m.Doc.ToString(System.Xml.Linq.SaveOptions.DisableFormatting) : System.Text.Encoding.UTF8.GetString(body)));
        }

        m.HmacHeader = hmac;
        var key = m.SessionId + "\n" + m.SourceUri;
        if (byTok != null && !byTok.Ended && byTok.SessionId == m.SessionId && byTok.DeviceId == m.SourceUri)
        {
            session = byTok;
        }
        else if (byKey.TryGetValue(key, out var existing) && !existing.Ended)
        {
            session = existing;
            if (byTok != null && byTok != existing)
            {
                existing.Report.Errors.Add("client posted to the RespURI of another session");
            }
        }
        else if (existing != null && !StartsSession(m))
        {
            // the client went on after the server's last package (or after an abort): not a new session
            Log("<- message " + m.MsgId + " for the finished session " + m.SessionId + " with " + m.SourceUri + " (no Alert 1200/1201): answered with Final");
            session = null;
            return existing.HandleLate(m);
        }
        else
        {
            var sessionScenario = queuedScenarios.Count > 0 ? queuedScenarios.Dequeue() : scenario;
            session = new DmSession(options, users, Device(m.SourceUri), sessionScenario, m.SessionId, m.SourceUri, Url, Log);
            session.Report.TriggeredByNotification = notifiedSessionIds.Contains(m.SessionId.TrimStart('0'));
            byKey[key] = session;
            byToken[session.Token] = session;
            Log("== new session " + m.SessionId + " with " + m.SourceUri + " (scenario '" + session.Report.ScenarioName + "')");
        }

        var viaRespUri = token != null && token == session.Token;
        ServerResponse resp;
        try
        {
            resp = session.Handle(m, viaRespUri);
        }
        catch (Exception ex) when (ex is FormatException || ex is InvalidOperationException || ex is ArgumentException)
        {
            session.AbortWith("server error while handling client message " + m.MsgId + ": " + ex.Message);
            resp = ServerResponse.Text(500, "server error: " + ex.Message);
            resp.SessionFinished = true;
        }

        if (options.LogMessages && resp.Body != null && resp.ContentType == SyncMl.MediaType)
        {
            Log("   " + System.Text.Encoding.UTF8.GetString(resp.Body));
        }
        else if (options.LogMessages && resp.Body != null && resp.ContentType == SyncMlWbxml.MediaType)
        {
            Log("   (WBXML) " + SyncMlWbxml.Decode(resp.Body).ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        }

        return resp;
    }

    private static bool StartsSession(ClientMessage m)
    {
        return m.Commands.Any(c => c.Name.LocalName == "Alert" && (c.Text("Data") == "1201" || c.Text("Data") == "1200"));
    }

    private static async Task Write(HttpContext ctx, ServerResponse r, string contentType)
    {
        ctx.Response.StatusCode = r.HttpStatus;
        foreach (var kv in r.Headers)
        {
            ctx.Response.Headers[kv.Key] = kv.Value;
        }

        var body = r.Body ?? Array.Empty<byte>();
        if (body.Length > 0)
        {
            ctx.Response.ContentType = contentType ?? r.ContentType ?? SyncMl.MediaType;
        }

        ctx.Response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
        }
    }

    private void Publish(DmSession s)
    {
        lock (gate)
        {
            if (reports.Contains(s.Report))
            {
                return;
            }

            reports.Add(s.Report);
            unclaimed.Enqueue(s.Report);
        }

        available.Release();
        Log(s.Report.ToString().TrimEnd());
    }

    private void CheckIdleSafely()
    {
        try
        {
            CheckIdle();
        }
        catch (Exception ex)
        {
            // never let the timer thread crash the process
            Log("idle check failed: " + ex.Message);
        }
    }

    private void CheckIdle()
    {
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            return;
        }

        List<DmSession> idle;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var now = DateTime.UtcNow;
            idle = byKey.Values.Where(s => !s.Ended && now - s.LastActivity > options.IdleTimeout).ToList();
            foreach (var s in idle)
            {
                s.AbortIdle();
            }
        }

        foreach (var s in idle)
        {
            Publish(s);
        }
    }

    private DeviceNonces Device(string deviceId)
    {
        if (!devices.TryGetValue(deviceId, out var d))
        {
            d = new DeviceNonces();
            devices[deviceId] = d;
        }

        return d;
    }

    private string TimeoutText(TimeSpan timeout)
    {
        lock (gate)
        {
            var active = byKey.Values.Where(s => !s.Ended).ToList();
            if (active.Count == 0)
            {
                return "no DM session finished within " + timeout + " (no session in progress; did the client reach " + Url + "?)";
            }

            return "no DM session finished within " + timeout + "; in progress:\n" + string.Join("\n", active.Select(s => s.Report.ToString()));
        }
    }

    private void Log(string line)
    {
        var w = options.Log;
        if (w == null)
        {
            return;
        }

        try
        {
            lock (w)
            {
                w.WriteLine("[dm " + DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + "] " + line);
                w.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException)
        {
            // a log that went away must not take the server down
        }
    }
}

using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>The bundled DM server for the campaign's sessions: a workload scenario (tree edits, Atomic blocks, an
/// asynchronous Exec whose Generic Alert the server acknowledges) and a verification scenario run after recovery.</summary>
internal sealed class CampaignServer : IDisposable
{
    /// <summary>Statuses are not checked: the tree differs from run to run.</summary>
    private const string WorkScenario = """
    {
      "name": "powercut-work",
      "packages": [
        { "commands": [
          { "cmd": "Add", "target": "./Vendor/PC/T/s", "format": "node" },
          { "cmd": "Add", "target": "./Vendor/PC/T/s/x", "data": "from the server", "format": "chr" },
          { "cmd": "Replace", "target": "./Vendor/PC/T/s/x", "data": "replaced by the server", "format": "chr" },
          { "cmd": "Exec", "target": "./Vendor/PC/Ops/Async", "data": "work", "correlator": "pc-work" },
          { "cmd": "Atomic", "commands": [
              { "cmd": "Replace", "target": "./Vendor/PC/T/s/x", "data": "atomic", "format": "chr" },
              { "cmd": "Add", "target": "./Vendor/PC/T/s/y", "data": "atomic too", "format": "chr" } ] },
          { "cmd": "Atomic", "commands": [
              { "cmd": "Add", "target": "./Vendor/PC/T/s/z", "data": "rolled back", "format": "chr" },
              { "cmd": "Replace", "target": "./Vendor/PC/T/missing/leaf", "data": "fails", "format": "chr" } ] }
        ] },
        { "commands": [
          { "cmd": "Replace", "target": "./Vendor/PC/T/s/y?prop=Name", "data": "w", "format": "chr" },
          { "cmd": "Copy", "target": "./Vendor/PC/T/s/copy", "source": "./Vendor/PC/T/s/x" },
          { "cmd": "Delete", "target": "./Vendor/PC/T/s/w" },
          { "cmd": "Get", "target": "./Vendor/PC?list=Struct" }
        ] }
      ]
    }
    """;

    private const string VerifyScenario = """
    {
      "name": "powercut-verify",
      "packages": [
        { "commands": [
          { "cmd": "Get", "target": "./DevInfo/DevId", "expect": { "status": 200, "data": "IMEI:357000000000042" } },
          { "cmd": "Get", "target": "./Vendor/PC?list=Struct", "expect": { "status": 200 } },
          { "cmd": "Replace", "target": "./Vendor/PC/Dev/Counter", "data": "7", "format": "int", "expect": { "status": 200 } },
          { "cmd": "Get", "target": "./Vendor/PC/Dev/Counter", "expect": { "status": 200, "data": "7" } }
        ] }
      ]
    }
    """;

    private readonly DmServerHost _host;
    private readonly CancellationTokenSource _shutdown = new CancellationTokenSource();

    public CampaignServer()
    {
        _host = DmServerHost.Start(new DmServerOptions
        {
            Port = 0,
            ServerId = CampaignDevice.ServerId,
            UserName = CampaignDevice.UserName,
            Password = CampaignDevice.Password,
            RequiredAuth = AuthScheme.Basic,
            IdleTimeout = TimeSpan.FromSeconds(2),
        });
        Http = new HttpClientTransport(_shutdown.Token);
    }

    public HttpClientTransport Http { get; }

    public string Url => _host.Url;

    public void UseWorkScenario()
    {
        _host.SetScenario(DmServerHost.LoadScenario(WorkScenario));
    }

    public void UseVerifyScenario()
    {
        _host.SetScenario(DmServerHost.LoadScenario(VerifyScenario));
    }

    /// <summary>The server's report of the session <paramref name="sessionId"/> (reports of sessions that an earlier
    /// power cut left behind are skipped).</summary>
    public SessionReport ReportOf(string sessionId)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            SessionReport report;
            try
            {
                report = _host.WaitForSession(deadline - DateTime.UtcNow);
            }
            catch (TimeoutException)
            {
                break;
            }

            if (report.SessionId == sessionId)
            {
                return report;
            }
        }

        return null;
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        Http.Dispose();
        _host.Dispose();
        _shutdown.Dispose();
    }
}

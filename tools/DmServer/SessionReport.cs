using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoOmaDm.DmServer;

/// <summary>Outcome of one DM session as seen by the server.</summary>
public sealed class SessionReport
{
    /// <summary>Scenario the session ran.</summary>
    public string ScenarioName { get; set; }

    /// <summary>SessionID of the client's SyncHdr.</summary>
    public string SessionId { get; set; }

    /// <summary>Client device id (client SyncHdr Source LocURI).</summary>
    public string DeviceId { get; set; }

    /// <summary>"client-initiated (1201)", "server-initiated (1200)" or null when Pkg#1 carried neither alert.</summary>
    public string SessionType { get; set; }

    /// <summary>True when the SessionID matches a Pkg#0 sent by this host.</summary>
    public bool TriggeredByNotification { get; set; }

    /// <summary>DevInfo (and other Replace items of the client) by LocURI, e.g. "./DevInfo/Mod".</summary>
    public Dictionary<string, string> DevInfo { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Scheme the server required.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public AuthScheme AuthScheme { get; set; }

    /// <summary>Authenticated client user (null for None).</summary>
    public string AuthUser { get; set; }

    /// <summary>Human-readable result, e.g. "accepted (212) after 1 challenge(s)".</summary>
    public string AuthResult { get; set; }

    /// <summary>Number of 401/407 challenges sent.</summary>
    public int AuthChallenges { get; set; }

    /// <summary>Server credential scheme used towards the client (null when not sent).</summary>
    public string ServerAuthScheme { get; set; }

    /// <summary>How the client answered the server credential (e.g. "accepted (212)", "rejected 401, resent").</summary>
    public string ServerAuthResult { get; set; }

    /// <summary>Every scenario command (top level; Atomic/Sequence children nested).</summary>
    public List<CommandReport> Commands { get; set; } = new List<CommandReport>();

    /// <summary>Generic alerts (1226) received.</summary>
    public List<GenericAlertRecord> GenericAlerts { get; set; } = new List<GenericAlertRecord>();

    /// <summary>Other client alerts: session alerts 1200/1201, 1223 abort, 1224 client event, 1225, unknown ones.</summary>
    public List<ClientAlertRecord> ClientAlerts { get; set; } = new List<ClientAlertRecord>();

    /// <summary>Scenario generic-alert expectations that no received alert matched.</summary>
    public List<string> MissingGenericAlerts { get; set; } = new List<string>();

    /// <summary>Protocol violations by the client (each fails the session).</summary>
    public List<string> Errors { get; set; } = new List<string>();

    /// <summary>Informational remarks (chunking, nonce changes, retries …).</summary>
    public List<string> Notes { get; set; } = new List<string>();

    /// <summary>Client messages received.</summary>
    public int MessagesReceived { get; set; }

    /// <summary>Server messages sent (including fault responses).</summary>
    public int MessagesSent { get; set; }

    /// <summary>Scenario packages that were sent and answered.</summary>
    public int PackagesCompleted { get; set; }

    /// <summary>Session ran to its normal end (server sent its last, command-less package).</summary>
    public bool Completed { get; set; }

    /// <summary>Session ended abnormally (client abort 1223, auth failure, idle timeout, oversize message …).</summary>
    public bool Aborted { get; set; }

    /// <summary>Why the session ended.</summary>
    public string EndReason { get; set; }

    /// <summary>Start time (first message).</summary>
    public DateTimeOffset Started { get; set; }

    /// <summary>End time.</summary>
    public DateTimeOffset Ended { get; set; }

    /// <summary>Completed, not aborted, no errors, every command and generic-alert expectation met.</summary>
    public bool Passed => Completed && !Aborted && Errors.Count == 0 && MissingGenericAlerts.Count == 0 && Commands.All(c => c.Passed);

    /// <summary>Short list of everything that makes <see cref="Passed"/> false.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Failures
    {
        get
        {
            var f = new List<string>();
            if (!Completed)
            {
                f.Add("session not completed" + (EndReason != null ? ": " + EndReason : string.Empty));
            }
            else if (Aborted)
            {
                f.Add("session aborted: " + EndReason);
            }

            f.AddRange(Errors);
            f.AddRange(MissingGenericAlerts.Select(m => "missing " + m));
            foreach (var c in AllCommands().Where(c => !c.Passed && c.Failure != null))
            {
                f.Add(c.Cmd + " " + (c.Target ?? c.Data ?? string.Empty) + ": " + c.Failure);
            }

            return f;
        }
    }

    /// <summary>All command reports, children included (depth first).</summary>
    public IEnumerable<CommandReport> AllCommands()
    {
        foreach (var c in Commands)
        {
            foreach (var x in c.SelfAndDescendants())
            {
                yield return x;
            }
        }
    }

    /// <summary>First command report with this command name and target (children included), or null.</summary>
    public CommandReport Find(string cmd, string target)
    {
        return AllCommands().FirstOrDefault(c => c.Cmd == cmd && c.Target == target);
    }

    private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Indented camelCase JSON.</summary>
    public string ToJson()
    {
        return JsonSerializer.Serialize(this, JsonOptions);
    }

    /// <summary>Reads <see cref="ToJson"/> output back.</summary>
    public static SessionReport FromJson(string json)
    {
        return JsonSerializer.Deserialize<SessionReport>(json, JsonOptions);
    }

    /// <summary>JSON of several reports: { "passed": all passed, "sessions": [ … ] } (the CLI's --report format).</summary>
    public static string ToJson(IEnumerable<SessionReport> reports)
    {
        var list = reports.ToList();
        return JsonSerializer.Serialize(new { passed = list.Count > 0 && list.All(r => r.Passed), sessions = list }, JsonOptions);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("DM session ").Append(SessionId).Append(" with ").Append(DeviceId ?? "?")
          .Append(" – scenario '").Append(ScenarioName).Append("': ").AppendLine(Passed ? "PASSED" : "FAILED");
        sb.Append("  ended: ").Append(Completed && !Aborted ? "normally" : Aborted ? "aborted" : "incomplete");
        if (EndReason != null)
        {
            sb.Append(" (").Append(EndReason).Append(')');
        }

        sb.Append("; messages in/out ").Append(MessagesReceived).Append('/').Append(MessagesSent)
          .Append("; packages answered ").Append(PackagesCompleted).AppendLine();
        if (SessionType != null)
        {
            sb.Append("  session type: ").Append(SessionType).Append(TriggeredByNotification ? " (answers our Pkg#0)" : string.Empty).AppendLine();
        }

        sb.Append("  auth: ").Append(AuthScheme).Append(AuthUser != null ? " user " + AuthUser : string.Empty)
          .Append(" – ").Append(AuthResult ?? "-").AppendLine();
        if (ServerAuthScheme != null)
        {
            sb.Append("  server credential: ").Append(ServerAuthScheme).Append(" – ").Append(ServerAuthResult ?? "-").AppendLine();
        }

        foreach (var kv in DevInfo)
        {
            sb.Append("  ").Append(kv.Key).Append(" = ").AppendLine(Shorten(kv.Value, 80));
        }

        foreach (var c in Commands)
        {
            c.Append(sb, "  ");
        }

        foreach (var g in GenericAlerts)
        {
            sb.Append("  generic alert: ").AppendLine(g.ToString());
        }

        foreach (var a in ClientAlerts)
        {
            sb.Append("  client alert: ").AppendLine(a.ToString());
        }

        foreach (var m in MissingGenericAlerts)
        {
            sb.Append("  MISSING ").AppendLine(m);
        }

        foreach (var e in Errors)
        {
            sb.Append("  ERROR ").AppendLine(e);
        }

        foreach (var n in Notes)
        {
            sb.Append("  note: ").AppendLine(n);
        }

        return sb.ToString();
    }

    internal static string Shorten(string s, int max)
    {
        if (s == null)
        {
            return "(none)";
        }

        return s.Length <= max ? s : s.Substring(0, max) + "…(" + s.Length + " chars)";
    }
}

/// <summary>A scenario command and what happened to it.</summary>
public sealed class CommandReport
{
    /// <summary>1-based scenario package number.</summary>
    public int Package { get; set; }

    /// <summary>CmdID of the (last) transmission; for chunked objects the CmdID of the last chunk.</summary>
    public string CmdId { get; set; }

    /// <summary>Command name.</summary>
    public string Cmd { get; set; }

    /// <summary>Target LocURI.</summary>
    public string Target { get; set; }

    /// <summary>Source LocURI (Copy).</summary>
    public string Source { get; set; }

    /// <summary>Alert code (Alert only).</summary>
    public string Data { get; set; }

    /// <summary>Whether the command was sent.</summary>
    public bool Sent { get; set; }

    /// <summary>Number of chunks when sent as a large object (0 = one piece).</summary>
    public int Chunks { get; set; }

    /// <summary>Acceptable statuses (empty = any).</summary>
    public List<int> ExpectedStatus { get; set; } = new List<int>();

    /// <summary>Status the client returned.</summary>
    public int? ActualStatus { get; set; }

    /// <summary>Status Item data (UI alert answers).</summary>
    public string StatusData { get; set; }

    /// <summary>Expected data description (null = not checked).</summary>
    public string ExpectedData { get; set; }

    /// <summary>Data the check used (Results data or Status Item data).</summary>
    public string ActualData { get; set; }

    /// <summary>All Results items for this command.</summary>
    public List<ResultItem> Results { get; set; } = new List<ResultItem>();

    /// <summary>Atomic/Sequence children.</summary>
    public List<CommandReport> Children { get; set; } = new List<CommandReport>();

    /// <summary>Expectations met.</summary>
    public bool Passed { get; set; }

    /// <summary>Why not (null when passed).</summary>
    public string Failure { get; set; }

    internal IEnumerable<CommandReport> SelfAndDescendants()
    {
        yield return this;
        foreach (var c in Children)
        {
            foreach (var x in c.SelfAndDescendants())
            {
                yield return x;
            }
        }
    }

    internal void Append(StringBuilder sb, string indent)
    {
        sb.Append(indent).Append(Passed ? "ok   " : "FAIL ").Append("pkg ").Append(Package).Append(" #").Append(CmdId ?? "-").Append(' ').Append(Cmd);
        if (Data != null && Cmd == "Alert")
        {
            sb.Append(' ').Append(Data);
        }

        if (Target != null)
        {
            sb.Append(' ').Append(Target);
        }

        if (Source != null)
        {
            sb.Append(" <- ").Append(Source);
        }

        sb.Append(": status ").Append(ActualStatus.HasValue ? ActualStatus.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none");
        if (ExpectedStatus.Count > 0)
        {
            sb.Append(" (expected ").Append(string.Join("|", ExpectedStatus)).Append(')');
        }

        if (Chunks > 0)
        {
            sb.Append(", ").Append(Chunks).Append(" chunks");
        }

        if (Results.Count > 0)
        {
            sb.Append(", results ").Append(SessionReport.Shorten(Results.Count == 1 ? Results[0].Data : string.Join(" | ", Results.Select(r => r.Source + "=" + r.Data)), 100));
        }

        if (ExpectedData != null)
        {
            sb.Append(", expected data ").Append(SessionReport.Shorten(ExpectedData, 60));
        }

        if (Failure != null)
        {
            sb.Append(" – ").Append(Failure);
        }

        sb.AppendLine();
        foreach (var c in Children)
        {
            c.Append(sb, indent + "    ");
        }
    }
}

/// <summary>One Results item.</summary>
public sealed class ResultItem
{
    /// <summary>Item Source LocURI.</summary>
    public string Source { get; set; }

    /// <summary>Meta Format.</summary>
    public string Format { get; set; }

    /// <summary>Meta Type.</summary>
    public string Type { get; set; }

    /// <summary>Data as transported (reassembled when chunked).</summary>
    public string Data { get; set; }

    /// <summary>Number of chunks it arrived in (0 = one piece).</summary>
    public int Chunks { get; set; }
}

/// <summary>A generic alert (1226) item received from the client.</summary>
public sealed class GenericAlertRecord
{
    /// <summary>Client MsgID it arrived in.</summary>
    public string MsgId { get; set; }

    /// <summary>Alert Correlator.</summary>
    public string Correlator { get; set; }

    /// <summary>Item Source LocURI.</summary>
    public string Source { get; set; }

    /// <summary>Item Target LocURI.</summary>
    public string Target { get; set; }

    /// <summary>Item Meta Type.</summary>
    public string Type { get; set; }

    /// <summary>Item Meta Format.</summary>
    public string Format { get; set; }

    /// <summary>Item Meta Mark.</summary>
    public string Mark { get; set; }

    /// <summary>Item Data.</summary>
    public string Data { get; set; }

    /// <inheritdoc />
    public override string ToString()
    {
        return "type=" + Type + " source=" + Source + (Target != null ? " target=" + Target : string.Empty)
            + (Correlator != null ? " correlator=" + Correlator : string.Empty) + " format=" + Format
            + (Mark != null ? " mark=" + Mark : string.Empty) + " data=" + SessionReport.Shorten(Data, 80);
    }
}

/// <summary>A client alert other than 1226 (and 1222).</summary>
public sealed class ClientAlertRecord
{
    /// <summary>Client MsgID.</summary>
    public string MsgId { get; set; }

    /// <summary>Alert code.</summary>
    public string Code { get; set; }

    /// <summary>Items (Source LocURI, Meta Type/Format, Data), one line each.</summary>
    public List<string> Items { get; set; } = new List<string>();

    /// <inheritdoc />
    public override string ToString()
    {
        return Code + (Items.Count > 0 ? " " + string.Join("; ", Items) : string.Empty) + " (msg " + MsgId + ")";
    }
}

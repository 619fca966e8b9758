using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static NanoOmaDm.DmServer.SyncMl;

namespace NanoOmaDm.DmServer;

/// <summary>Per-device nonce state kept by the host across sessions (raw bytes).</summary>
public sealed class DeviceNonces
{
    /// <summary>Nonce the client must use for its next md5/MAC credential (last NextNonce the server issued).</summary>
    public byte[] ClientNonce { get; set; }

    /// <summary>Nonce the server uses for its own credential and for Pkg#0 (last NextNonce the client issued).</summary>
    public byte[] ServerNonce { get; set; }
}

/// <summary>State of one scenario command during a session.</summary>
internal sealed class CmdState
{
    public ScenarioCommand Spec;
    public CommandReport Report;
    public int Package;
    public CmdState Parent;
    public List<CmdState> Children = new List<CmdState>();
    public string Data;
    public string CmdId;
    public bool Sent;
    public int? Status;
    public string StatusData;
    public int Offset;
    public int ChunksSent;
    public List<ResultItem> Results = new List<ResultItem>();

    public IEnumerable<CmdState> SelfAndDescendants()
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

    public void ResetForResend()
    {
        foreach (var s in SelfAndDescendants())
        {
            s.Status = null;
            s.StatusData = null;
        }
    }
}

/// <summary>One DM session: authentication, package flow, multi-message and large-object handling, report.</summary>
internal sealed class DmSession
{
    private const int FinalReserve = 16;
    private const int ChunkIdWidth = 6;

    private readonly DmServerOptions opt;
    private readonly Dictionary<string, string> users;
    private readonly DeviceNonces nonces;
    private readonly Action<string> log;
    private readonly Scenario scenario;
    private readonly List<List<CmdState>> packages = new List<List<CmdState>>();
    private readonly Dictionary<string, (CmdState State, bool Intermediate)> byCmdId = new Dictionary<string, (CmdState, bool)>(StringComparer.Ordinal);
    private readonly HashSet<string> auxIds = new HashSet<string>(StringComparer.Ordinal);
    private readonly List<CmdState> queue = new List<CmdState>();
    private readonly List<(CmdState State, int OffsetBefore)> lastSent = new List<(CmdState, int)>();
    private readonly bool[] evaluated;

    private int serverMsgId;
    private int cmdCounter;
    private bool clientAuthenticated;
    private bool serverAuthAccepted;
    private bool serverCredDemanded;
    private bool serverCredSentLast;
    private int serverRejections;
    private AuthScheme serverScheme;
    private bool wrongCredThisPackage;
    private bool resendRequested;
    private int? clientMaxMsgSize;
    private int? clientMaxObjSize;
    private int packageIndex = -1;
    private bool pkg1Done;
    private int emptyPacks;
    private int? lastClientMsgId;
    private bool respUriSent;
    /// <summary>The client's last message came as WBXML: answers go out in WBXML too.</summary>
    private bool wbxml;
    private IncomingChunk pendingIn;

    public DmSession(DmServerOptions options, Dictionary<string, string> users, DeviceNonces nonces, Scenario scenario, string sessionId, string deviceId, string url, Action<string> log)
    {
        opt = options;
        this.users = users;
        this.nonces = nonces;
        this.log = log;
        this.scenario = scenario ?? Scenario.Empty;
        SessionId = sessionId;
        DeviceId = deviceId;
        Token = Convert.ToHexString(DmAuth.NewNonce()).Substring(0, 12).ToLowerInvariant();
        RespUri = url + "?s=" + Token;
        serverScheme = opt.EffectiveServerAuth();
        LastActivity = DateTime.UtcNow;
        Report = new SessionReport
        {
            ScenarioName = this.scenario.Name,
            SessionId = sessionId,
            DeviceId = deviceId,
            AuthScheme = opt.RequiredAuth,
            AuthResult = opt.RequiredAuth == AuthScheme.None ? "none required" : "not authenticated",
            Started = DateTimeOffset.Now,
        };
        for (var p = 0; p < this.scenario.Packages.Count; p++)
        {
            var list = new List<CmdState>();
            foreach (var c in this.scenario.Packages[p].Commands)
            {
                var s = CreateState(c, p + 1, null);
                list.Add(s);
                Report.Commands.Add(s.Report);
            }

            packages.Add(list);
        }

        evaluated = new bool[packages.Count];
    }

    public string SessionId { get; }

    public string DeviceId { get; }

    public string Token { get; }

    public string RespUri { get; }

    public SessionReport Report { get; }

    public bool Ended { get; private set; }

    public DateTime LastActivity { get; private set; }

    private static CmdState CreateState(ScenarioCommand c, int package, CmdState parent)
    {
        var s = new CmdState
        {
            Spec = c,
            Package = package,
            Parent = parent,
            Data = c.TransportData(),
            Report = new CommandReport
            {
                Package = package,
                Cmd = c.Cmd,
                Target = c.Target,
                Source = c.Source,
                Data = c.Cmd == "Alert" ? c.Data : null,
                ExpectedStatus = c.Expect?.Status?.ToList() ?? new List<int>(),
            },
        };
        foreach (var child in c.Commands)
        {
            var cs = CreateState(child, package, s);
            s.Children.Add(cs);
            s.Report.Children.Add(cs.Report);
        }

        return s;
    }

    // ------------------------------------------------------------------------------------------------ entry points

    public ServerResponse Handle(ClientMessage m, bool viaRespUri)
    {
        wbxml = m.Wbxml;
        LastActivity = DateTime.UtcNow;
        Report.MessagesReceived++;
        log("<- " + DeviceId + " session " + SessionId + " msg " + m.MsgId + " (" + m.Body.Length + " bytes, " + m.Commands.Count + " commands" + (m.Final ? ", Final" : string.Empty) + ")");

        if (opt.UseRespUri && respUriSent && !viaRespUri)
        {
            Error("client message " + m.MsgId + " was posted to the plain URL instead of the RespURI " + RespUri);
        }

        var msgNo = Int(m.MsgId);
        if (msgNo.HasValue && lastClientMsgId.HasValue && msgNo.Value != lastClientMsgId.Value + 1)
        {
            Note("client MsgID " + m.MsgId + " after " + lastClientMsgId.Value + " (expected " + (lastClientMsgId.Value + 1) + ")");
        }

        lastClientMsgId = msgNo ?? lastClientMsgId;

        if (m.VerDtd != "1.2" || m.VerProto != "DM/1.2")
        {
            Error("unsupported VerDTD/VerProto '" + m.VerDtd + "'/'" + m.VerProto + "' (need 1.2 and DM/1.2)");
            var code = m.VerDtd != "1.2" ? 505 : 513;
            var statuses = new List<XElement> { HdrStatus(m, code, null) };
            var r = Compose(m, statuses, new List<XElement>(), false, true, false);
            Finish(true, "unsupported protocol version");
            r.SessionFinished = true;
            return r;
        }

        if (opt.MaxMsgSize > 0 && m.Body.Length > opt.MaxMsgSize)
        {
            Error("client message " + m.MsgId + " has " + m.Body.Length + " bytes, more than the server MaxMsgSize " + opt.MaxMsgSize);
            Finish(true, "client message larger than the server MaxMsgSize (HTTP 413)");
            var r = ServerResponse.Text(413, "message of " + m.Body.Length + " bytes exceeds MaxMsgSize " + opt.MaxMsgSize);
            r.SessionFinished = true;
            return r;
        }

        if (m.MaxMsgSize.HasValue)
        {
            if (clientMaxMsgSize != m.MaxMsgSize)
            {
                Note("client MaxMsgSize " + m.MaxMsgSize.Value);
            }

            clientMaxMsgSize = m.MaxMsgSize;
        }

        if (m.MaxObjSize.HasValue)
        {
            clientMaxObjSize = m.MaxObjSize;
        }

        // ---- client authentication
        var auth = AuthenticateClient(m);
        if (!auth.Ok)
        {
            var statuses = new List<XElement> { HdrStatus(m, auth.Code, auth.Chal) };
            foreach (var c in m.Commands)
            {
                var n = c.Name.LocalName;
                if (n == "Replace")
                {
                    RecordReplaceItems(c);
                }

                if (n != "Status" && n != "Results")
                {
                    statuses.Add(StatusFor(c, m, auth.Code));
                }
            }

            var giveUp = auth.Fatal || Report.AuthChallenges >= Math.Max(1, opt.MaxAuthAttempts);
            var r = Compose(m, statuses, new List<XElement>(), false, true, false);
            if (giveUp)
            {
                Finish(true, auth.Fatal ? Report.AuthResult : "client authentication failed " + Report.AuthChallenges + " time(s): " + Report.AuthResult);
                r.SessionFinished = true;
            }

            return r;
        }

        // ---- commands of the client
        var st = new List<XElement> { HdrStatus(m, auth.Code, auth.Chal) };
        var alerts = new List<XElement>();
        var ctx = new MsgContext();
        foreach (var c in m.Commands)
        {
            var name = c.Name.LocalName;
            if (name != "Status" && pendingIn != null && !IsContinuation(c))
            {
                InterruptIncoming(alerts, name);
            }

            switch (name)
            {
                case "Status":
                    HandleStatus(c);
                    break;
                case "Results":
                    HandleResults(c);
                    break;
                case "Alert":
                    st.Add(HandleAlert(c, m, ctx));
                    break;
                case "Replace":
                    st.Add(HandleReplace(c, m));
                    break;
                default:
                    Error("client sent " + name + " (CmdID " + c.Text("CmdID") + "); a DM client may only send Alert, Replace, Status and Results");
                    st.Add(StatusFor(c, m, 406));
                    break;
            }
        }

        if (resendRequested)
        {
            Resend();
        }

        if (serverRejections > Math.Max(1, opt.MaxAuthAttempts))
        {
            var r = Compose(m, st, alerts, false, true, false);
            Finish(true, "client rejected the server credential " + serverRejections + " times");
            r.SessionFinished = true;
            return r;
        }

        if (ctx.AbortRequested)
        {
            var r = Compose(m, st, alerts, false, true, false);
            Finish(true, "client aborted the session (Alert 1223)");
            r.SessionFinished = true;
            return r;
        }

        var clientMidPackage = pendingIn != null || !m.Final;
        if (clientMidPackage && !(ctx.WantsMore && pendingIn == null))
        {
            // the client has more to send: ask for it
            alerts.Add(Alert1222());
            return Compose(m, st, alerts, false, false, false);
        }

        if (!pkg1Done)
        {
            pkg1Done = true;
            if (Report.SessionType == null)
            {
                Error("Pkg#1 carried no Alert 1201/1200");
            }

            if (!Report.DevInfo.Keys.Any(k => NormalizeUri(k).StartsWith("DevInfo/", StringComparison.Ordinal)))
            {
                Error("Pkg#1 carried no DevInfo (Replace of ./DevInfo/*)");
            }

            return StartNextPackage(m, st, alerts);
        }

        if (queue.Count > 0)
        {
            if (m.Final && !ctx.WantsMore)
            {
                Note("client closed its package (Final) while the server package was not finished");
            }

            return Compose(m, st, alerts, true, false, false);
        }

        CompletePackage();
        return StartNextPackage(m, st, alerts);
    }

    /// <summary>A message for this session after it ended: statuses + Final, and an error in the (already published) report.</summary>
    public ServerResponse HandleLate(ClientMessage m)
    {
        wbxml = m.Wbxml;
        Report.MessagesReceived++;
        Error("client sent message " + m.MsgId + " after the session had ended");
        var st = new List<XElement> { HdrStatus(m, 200, null) };
        foreach (var c in m.Commands)
        {
            var n = c.Name.LocalName;
            if (n != "Status" && n != "Results")
            {
                st.Add(StatusFor(c, m, 200));
            }
        }

        return Compose(m, st, new List<XElement>(), false, true, false);
    }

    public void AbortIdle()
    {
        if (!Ended)
        {
            Finish(true, "idle timeout: no client message for " + (int)opt.IdleTimeout.TotalSeconds + " s");
        }
    }

    public void AbortWith(string reason)
    {
        if (!Ended)
        {
            Error(reason);
            Finish(true, reason);
        }
    }

    // ------------------------------------------------------------------------------------------------ authentication

    private sealed class AuthOutcome
    {
        public bool Ok;
        public int Code;
        public XElement Chal;
        public bool Fatal;
    }

    private AuthOutcome AuthenticateClient(ClientMessage m)
    {
        var scheme = opt.RequiredAuth;
        if (scheme == AuthScheme.None)
        {
            return new AuthOutcome { Ok = true, Code = 200 };
        }

        if (scheme == AuthScheme.Hmac)
        {
            return AuthenticateHmac(m);
        }

        if (clientAuthenticated)
        {
            return new AuthOutcome { Ok = true, Code = 200 };
        }

        if (m.Cred == null)
        {
            return Challenge(407, "no credentials");
        }

        var type = MetaValue(m.Cred.Child("Meta"), "Type") ?? DmAuth.TypeBasic;
        var data = m.Cred.Text("Data") ?? string.Empty;
        var used = DmAuth.SchemeOf(type);
        if (used != scheme)
        {
            return Challenge(401, "client used " + type + ", server requires " + DmAuth.MetaType(scheme));
        }

        if (scheme == AuthScheme.Basic)
        {
            var raw = TryDecodeBase64(data);
            var text = raw == null ? null : Encoding.UTF8.GetString(raw);
            var colon = text?.IndexOf(':') ?? -1;
            if (colon < 0)
            {
                return Challenge(401, "basic credential is not b64(user:password)");
            }

            var user = text.Substring(0, colon);
            var pass = text.Substring(colon + 1);
            if (!users.TryGetValue(user, out var expected) || expected != pass)
            {
                return Challenge(401, "wrong user name or password for '" + user + "'");
            }

            return Accept(user, null);
        }

        // md5
        var nonce = nonces.ClientNonce ?? opt.InitialClientNonce;
        if (nonce == null)
        {
            return Challenge(401, "md5 credential but the server has issued no nonce to this device yet");
        }

        IEnumerable<string> candidates;
        if (!string.IsNullOrEmpty(m.SourceLocName))
        {
            candidates = new[] { m.SourceLocName };
        }
        else
        {
            Note("md5 credential without SyncHdr Source/LocName; trying every configured user");
            candidates = users.Keys;
        }

        foreach (var u in candidates)
        {
            if (users.TryGetValue(u, out var pw) && DmAuth.Md5Digest(u, pw, nonce) == data)
            {
                return Accept(u, opt.RotateNonceOnSuccess ? NewChal(AuthScheme.Md5) : null);
            }
        }

        return Challenge(401, "md5 digest does not match (user '" + (m.SourceLocName ?? "?") + "', nonce " + Convert.ToBase64String(nonce) + ")");
    }

    private AuthOutcome AuthenticateHmac(ClientMessage m)
    {
        if (m.HmacHeader == null)
        {
            if (clientAuthenticated)
            {
                return Fatal("client message " + m.MsgId + " has no x-syncml-hmac header in an HMAC session");
            }

            return Challenge(407, "no x-syncml-hmac header");
        }

        if (!DmAuth.TryParseHmacHeader(m.HmacHeader, out var alg, out var user, out var mac))
        {
            return clientAuthenticated ? Fatal("unparsable x-syncml-hmac header: " + m.HmacHeader) : Challenge(401, "unparsable x-syncml-hmac header: " + m.HmacHeader);
        }

        if (!alg.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            return clientAuthenticated ? Fatal("x-syncml-hmac algorithm " + alg + " not supported") : Challenge(401, "x-syncml-hmac algorithm " + alg + " not supported");
        }

        var nonce = nonces.ClientNonce ?? opt.InitialClientNonce;
        if (nonce == null)
        {
            return Challenge(401, "x-syncml-hmac but the server has issued no nonce to this device yet");
        }

        if (!users.TryGetValue(user, out var pw) || DmAuth.ComputeHmacMac(user, pw, nonce, m.Body) != mac)
        {
            var why = "x-syncml-hmac mac does not match (user '" + user + "', nonce " + Convert.ToBase64String(nonce) + ")";
            return clientAuthenticated ? Fatal(why) : Challenge(401, why);
        }

        if (!clientAuthenticated)
        {
            clientAuthenticated = true;
            Report.AuthUser = user;
            Report.AuthResult = "accepted (200 per message, x-syncml-hmac) after " + Report.AuthChallenges + " challenge(s)";
            log("   auth: hmac accepted for " + user);
        }

        // a fresh nonce with every reply
        return new AuthOutcome { Ok = true, Code = 200, Chal = NewChal(AuthScheme.Hmac) };
    }

    private AuthOutcome Accept(string user, XElement chal)
    {
        clientAuthenticated = true;
        Report.AuthUser = user;
        Report.AuthResult = "accepted (212) after " + Report.AuthChallenges + " challenge(s)";
        log("   auth: " + opt.RequiredAuth + " accepted for " + user);
        return new AuthOutcome { Ok = true, Code = 212, Chal = chal };
    }

    private AuthOutcome Challenge(int code, string why)
    {
        Report.AuthChallenges++;
        Report.AuthResult = "challenged " + code + ": " + why;
        Note("auth: " + code + " – " + why);
        log("   auth: " + code + " " + why);
        return new AuthOutcome { Ok = false, Code = code, Chal = NewChal(opt.RequiredAuth) };
    }

    private AuthOutcome Fatal(string why)
    {
        Error(why);
        Report.AuthResult = "failed mid-session: " + why;
        return new AuthOutcome { Ok = false, Code = 401, Chal = NewChal(opt.RequiredAuth), Fatal = true };
    }

    private XElement NewChal(AuthScheme scheme)
    {
        var meta = El("Meta", Mi("Type", DmAuth.MetaType(scheme)), Mi("Format", "b64"));
        if (scheme == AuthScheme.Md5 || scheme == AuthScheme.Hmac)
        {
            var n = DmAuth.NewNonce();
            nonces.ClientNonce = n;
            meta.Add(Mi("NextNonce", Convert.ToBase64String(n)));
        }

        return El("Chal", meta);
    }

    // ------------------------------------------------------------------------------------------------ client commands

    private sealed class MsgContext
    {
        public bool WantsMore;
        public bool AbortRequested;
    }

    private sealed class IncomingChunk
    {
        public string Kind;
        public string Key;
        public string Format;
        public int? DeclaredSize;
        public StringBuilder Data = new StringBuilder();
        public int Chunks;
        public string ItemSource;
        public string ItemTarget;
    }

    private void HandleStatus(XElement st)
    {
        var cmdRef = st.Text("CmdRef");
        var cmd = st.Text("Cmd");
        var code = Int(st.Text("Data"));
        if (code == null)
        {
            Error("Status for CmdRef " + cmdRef + " has no numeric Data");
            return;
        }

        if (cmdRef == "0" || cmd == "SyncHdr")
        {
            HandleServerHeaderStatus(code.Value, st.Child("Chal"));
            return;
        }

        if (cmdRef != null && auxIds.Contains(cmdRef))
        {
            return;
        }

        if (cmdRef == null || !byCmdId.TryGetValue(cmdRef, out var entry))
        {
            Error("Status " + code + " for unknown CmdRef " + (cmdRef ?? "(none)") + " (Cmd " + cmd + ")");
            return;
        }

        var s = entry.State;
        if (cmd != null && cmd != s.Spec.Cmd)
        {
            Error("Status for CmdRef " + cmdRef + " names Cmd " + cmd + ", but that CmdID was a " + s.Spec.Cmd);
        }

        if (entry.Intermediate)
        {
            if (code.Value != 213)
            {
                s.Status = code.Value;
                Note(s.Spec.Cmd + " " + s.Spec.Target + ": client answered a chunk with " + code + " instead of 213; remaining chunks dropped");
                queue.Remove(s);
                s.Offset = s.Data.Length;
            }

            return;
        }

        if (s.Status.HasValue && s.Status.Value != code.Value)
        {
            Note("second Status for CmdRef " + cmdRef + ": " + code + " (was " + s.Status + ")");
        }

        s.Status = code.Value;
        var items = st.Kids("Item").Select(i => i.Child("Data")?.Value).Where(d => d != null).ToList();
        if (items.Count > 0)
        {
            s.StatusData = string.Join(",", items);
        }
    }

    private void HandleServerHeaderStatus(int code, XElement chal)
    {
        if (chal != null)
        {
            var meta = chal.Child("Meta");
            var nn = MetaValue(meta, "NextNonce");
            if (!string.IsNullOrEmpty(nn))
            {
                nonces.ServerNonce = TryDecodeBase64(nn) ?? Encoding.ASCII.GetBytes(nn);
                Note("client issued a new server nonce " + nn);
            }

            var wanted = DmAuth.SchemeOf(MetaValue(meta, "Type"));
            if (wanted.HasValue && wanted.Value != AuthScheme.None && wanted.Value != serverScheme)
            {
                Note("client asks for a " + wanted.Value + " server credential");
                serverScheme = wanted.Value;
            }
        }

        switch (code)
        {
            case 212:
                serverAuthAccepted = true;
                Report.ServerAuthResult = "accepted (212)" + (serverRejections > 0 ? " after " + serverRejections + " rejection(s)" : string.Empty);
                break;
            case 200:
                if (serverCredSentLast && Report.ServerAuthResult == null)
                {
                    Report.ServerAuthResult = "accepted (200)";
                }

                break;
            case 401:
            case 407:
                serverRejections++;
                serverAuthAccepted = false;
                if (!serverCredSentLast && !opt.AuthenticateToClient)
                {
                    serverCredDemanded = true;
                    Note("client demanded a server credential (" + code + ")");
                }

                Report.ServerAuthResult = "rejected " + code + " (" + serverRejections + " time(s)), resent";
                resendRequested = true;
                break;
            default:
                Error("client answered the server SyncHdr with " + code);
                break;
        }
    }

    private void Resend()
    {
        resendRequested = false;
        wrongCredThisPackage = false;
        for (var i = lastSent.Count - 1; i >= 0; i--)
        {
            var (s, offsetBefore) = lastSent[i];
            if (s.Status.HasValue && s.Status.Value != 401 && s.Status.Value != 407)
            {
                continue;
            }

            s.ResetForResend();
            s.Offset = offsetBefore;
            if (!queue.Contains(s))
            {
                queue.Insert(0, s);
            }
        }

        lastSent.Clear();
    }

    private void HandleResults(XElement r)
    {
        var cmdRef = r.Text("CmdRef");
        CmdState s = null;
        if (cmdRef == null || !byCmdId.TryGetValue(cmdRef, out var entry))
        {
            Error("Results for unknown CmdRef " + (cmdRef ?? "(none)"));
        }
        else
        {
            s = entry.State;
            if (s.Spec.Cmd != "Get")
            {
                Error("Results for CmdRef " + cmdRef + ", which is a " + s.Spec.Cmd + " (only Get has Results)");
            }
        }

        foreach (var item in r.Kids("Item"))
        {
            var src = item.Text("Source", "LocURI");
            var data = Reassemble("Results", cmdRef + "|" + src, item, r, out var code, out var chunks);
            if (data == null)
            {
                continue;
            }

            var ri = new ResultItem
            {
                Source = src,
                Format = ItemMeta(item, r, "Format") ?? "chr",
                Type = ItemMeta(item, r, "Type"),
                Data = data,
                Chunks = chunks,
            };
            s?.Results.Add(ri);
            s?.Report.Results.Add(ri);
        }
    }

    private XElement HandleAlert(XElement a, ClientMessage m, MsgContext ctx)
    {
        var code = a.Text("Data");
        switch (code)
        {
            case "1200":
            case "1201":
                Report.SessionType = code == "1200" ? "server-initiated (1200)" : "client-initiated (1201)";
                if (pkg1Done)
                {
                    Note("client sent Alert " + code + " again in message " + m.MsgId);
                }

                return StatusFor(a, m, 200);
            case "1222":
                ctx.WantsMore = true;
                return StatusFor(a, m, 200);
            case "1223":
                ctx.AbortRequested = true;
                RecordClientAlert(a, m, code);
                return StatusFor(a, m, 200);
            case "1224":
                RecordClientAlert(a, m, code);
                return StatusFor(a, m, 200);
            case "1225":
                RecordClientAlert(a, m, code);
                Note("client sent 1225 (no end of data) in message " + m.MsgId);
                return StatusFor(a, m, 200);
            case "1226":
                {
                    var status = 200;
                    foreach (var item in a.Kids("Item"))
                    {
                        var src = item.Text("Source", "LocURI");
                        var data = Reassemble("Alert", "1226|" + src, item, a, out var c, out _);
                        if (data == null)
                        {
                            status = c;
                            continue;
                        }

                        if (c != 200)
                        {
                            status = c;
                        }

                        var g = new GenericAlertRecord
                        {
                            MsgId = m.MsgId,
                            Correlator = a.Text("Correlator"),
                            Source = src,
                            Target = item.Text("Target", "LocURI"),
                            Type = ItemMeta(item, a, "Type"),
                            Format = ItemMeta(item, a, "Format"),
                            Mark = ItemMeta(item, a, "Mark"),
                            Data = data,
                        };
                        if (g.Type == null)
                        {
                            Error("generic alert from " + src + " without Meta Type");
                        }

                        if (g.Format == null)
                        {
                            Error("generic alert from " + src + " without Meta Format");
                        }

                        Report.GenericAlerts.Add(g);
                        log("   generic alert: " + g);
                    }

                    if (!a.Kids("Item").Any())
                    {
                        Error("generic alert (1226) without Item");
                    }

                    return StatusFor(a, m, status);
                }

            default:
                RecordClientAlert(a, m, code);
                Error("client sent Alert " + code + ", which a DM client may not send (answered 406)");
                return StatusFor(a, m, 406);
        }
    }

    private XElement HandleReplace(XElement c, ClientMessage m)
    {
        var status = 200;
        foreach (var item in c.Kids("Item"))
        {
            var uri = item.Text("Source", "LocURI") ?? item.Text("Target", "LocURI");
            var data = Reassemble("Replace", uri, item, c, out var code, out _);
            if (data == null)
            {
                status = code;
                continue;
            }

            if (code != 200)
            {
                status = code;
                continue;
            }

            Record(uri, data);
        }

        return StatusFor(c, m, status);
    }

    private void RecordReplaceItems(XElement c)
    {
        foreach (var item in c.Kids("Item"))
        {
            if (item.Child("MoreData") == null)
            {
                Record(item.Text("Source", "LocURI") ?? item.Text("Target", "LocURI"), item.Child("Data")?.Value ?? string.Empty);
            }
        }
    }

    private void Record(string uri, string data)
    {
        if (uri == null)
        {
            Error("client Replace item without Source/Target LocURI");
            return;
        }

        Report.DevInfo[uri] = data;
        if (NormalizeUri(uri) == "DevInfo/DevId" && data != DeviceId)
        {
            Note("DevInfo/DevId '" + data + "' differs from the SyncHdr Source '" + DeviceId + "'");
        }
    }

    private void RecordClientAlert(XElement a, ClientMessage m, string code)
    {
        var rec = new ClientAlertRecord { MsgId = m.MsgId, Code = code };
        foreach (var item in a.Kids("Item"))
        {
            var parts = new List<string>();
            var src = item.Text("Source", "LocURI");
            if (src != null)
            {
                parts.Add("source=" + src);
            }

            var type = ItemMeta(item, a, "Type");
            if (type != null)
            {
                parts.Add("type=" + type);
            }

            var fmt = ItemMeta(item, a, "Format");
            if (fmt != null)
            {
                parts.Add("format=" + fmt);
            }

            parts.Add("data=" + (item.Child("Data")?.Value ?? string.Empty));
            rec.Items.Add(string.Join(" ", parts));
        }

        Report.ClientAlerts.Add(rec);
        log("   client alert " + rec);
    }

    /// <summary>Large-object reassembly. Returns the complete data, or null when more chunks are needed (code 213)
    /// or the object is refused (code 413). code is 200, or 424 on a size mismatch.</summary>
    private string Reassemble(string kind, string key, XElement item, XElement cmd, out int code, out int chunks)
    {
        var data = item.Child("Data")?.Value ?? string.Empty;
        var more = item.Child("MoreData") != null;
        var fmt = ItemMeta(item, cmd, "Format");
        chunks = 0;
        code = 200;
        if (pendingIn != null && pendingIn.Kind == kind && pendingIn.Key == key)
        {
            pendingIn.Data.Append(data);
            pendingIn.Chunks++;
            if (more)
            {
                code = 213;
                return null;
            }

            var full = pendingIn.Data.ToString();
            chunks = pendingIn.Chunks;
            var declared = pendingIn.DeclaredSize;
            pendingIn = null;
            var actual = TransportSize(full, fmt);
            if (declared.HasValue && declared.Value != actual)
            {
                code = 424;
                Error(kind + " " + key + ": reassembled " + actual + " bytes from " + chunks + " chunks, Meta Size said " + declared.Value);
            }
            else
            {
                Note(kind + " " + key + ": reassembled " + actual + " bytes from " + chunks + " chunks");
            }

            return full;
        }

        if (!more)
        {
            return data;
        }

        var size = Int(ItemMeta(item, cmd, "Size"));
        if (!size.HasValue)
        {
            Error(kind + " " + key + ": first chunk of a large object has no Meta Size");
        }

        if (opt.MaxObjSize > 0 && size.HasValue && size.Value > opt.MaxObjSize)
        {
            Error(kind + " " + key + ": large object of " + size.Value + " bytes exceeds the server MaxObjSize " + opt.MaxObjSize);
            code = 413;
            return null;
        }

        pendingIn = new IncomingChunk
        {
            Kind = kind,
            Key = key,
            Format = fmt,
            DeclaredSize = size,
            Chunks = 1,
            ItemSource = item.Text("Source", "LocURI"),
            ItemTarget = item.Text("Target", "LocURI"),
        };
        pendingIn.Data.Append(data);
        code = 213;
        return null;
    }

    private static int TransportSize(string data, string format)
    {
        if (format == "b64")
        {
            return data.Count(ch => !char.IsWhiteSpace(ch));
        }

        return Encoding.UTF8.GetByteCount(data);
    }

    private bool IsContinuation(XElement c)
    {
        var kind = c.Name.LocalName;
        if (kind != pendingIn.Kind)
        {
            return false;
        }

        var item = c.Child("Item");
        if (item == null)
        {
            return false;
        }

        var src = item.Text("Source", "LocURI");
        switch (kind)
        {
            case "Results":
                return pendingIn.Key == c.Text("CmdRef") + "|" + src;
            case "Replace":
                return pendingIn.Key == (src ?? item.Text("Target", "LocURI"));
            case "Alert":
                return c.Text("Data") == "1226" && pendingIn.Key == "1226|" + src;
            default:
                return false;
        }
    }

    private void InterruptIncoming(List<XElement> alerts, string by)
    {
        Error("client interrupted a chunked " + pendingIn.Kind + " (" + pendingIn.Key + ") after " + pendingIn.Chunks + " chunk(s) with a " + by + "; server sent Alert 1225");
        var item = El("Item");
        if (pendingIn.ItemTarget != null)
        {
            item.Add(El("Target", El("LocURI", pendingIn.ItemTarget)));
        }

        if (pendingIn.ItemSource != null)
        {
            item.Add(El("Source", El("LocURI", pendingIn.ItemSource)));
        }

        alerts.Add(El("Alert", El("CmdID", string.Empty), El("Data", "1225"), item));
        pendingIn = null;
    }

    // ------------------------------------------------------------------------------------------------ packages

    private ServerResponse StartNextPackage(ClientMessage m, List<XElement> st, List<XElement> alerts)
    {
        packageIndex++;
        if (packageIndex >= packages.Count)
        {
            var r = Compose(m, st, alerts, false, true, false);
            Finish(false, "scenario finished");
            r.SessionFinished = true;
            return r;
        }

        var pkg = scenario.Packages[packageIndex];
        log("   starting scenario package " + (packageIndex + 1) + "/" + packages.Count);
        if (pkg.IsFault)
        {
            var r = Fault(m, pkg);
            if (packageIndex == packages.Count - 1)
            {
                Finish(false, "scenario finished with a fault-injection package");
                r.SessionFinished = true;
            }

            return r;
        }

        queue.Clear();
        queue.AddRange(packages[packageIndex]);
        wrongCredThisPackage = pkg.WrongServerCredential;
        var resp = Compose(m, st, alerts, true, false, pkg.IgnoreMaxMsgSize, pkg.PadTo);
        resp.DelayMs = pkg.DelayMs;
        return resp;
    }

    private ServerResponse Fault(ClientMessage m, ScenarioPackage pkg)
    {
        var r = new ServerResponse { HttpStatus = pkg.HttpStatus ?? 200, DelayMs = pkg.DelayMs };
        serverMsgId++;
        if (pkg.RawBodyBytes != null)
        {
            r.Body = pkg.RawBodyBytes;
        }
        else if (pkg.RawBody != null)
        {
            var text = pkg.RawBody
                .Replace("{{SessionID}}", SessionId, StringComparison.Ordinal)
                .Replace("{{MsgID}}", serverMsgId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{ClientMsgID}}", m.MsgId, StringComparison.Ordinal)
                .Replace("{{DeviceId}}", DeviceId, StringComparison.Ordinal)
                .Replace("{{ServerId}}", opt.ServerId, StringComparison.Ordinal);
            r.Body = Encoding.UTF8.GetBytes(text);
        }
        else
        {
            r.Body = Array.Empty<byte>();
        }

        if (r.Body.Length > 0)
        {
            r.ContentType = MediaType;
        }

        Report.MessagesSent++;
        Note("package " + (packageIndex + 1) + ": fault injected – HTTP " + r.HttpStatus + ", " + r.Body.Length + " byte raw body");
        log("-> fault: HTTP " + r.HttpStatus + " with " + r.Body.Length + " raw bytes");
        return r;
    }

    private void CompletePackage()
    {
        if (packageIndex >= 0 && packageIndex < packages.Count && !evaluated[packageIndex])
        {
            foreach (var s in packages[packageIndex])
            {
                Evaluate(s, null);
            }

            evaluated[packageIndex] = true;
            Report.PackagesCompleted++;
        }
    }

    private void Finish(bool aborted, string reason)
    {
        if (Ended)
        {
            return;
        }

        Ended = true;
        if (pendingIn != null)
        {
            Error("session ended while a chunked " + pendingIn.Kind + " from the client was incomplete");
        }

        for (var p = 0; p < packages.Count; p++)
        {
            if (!evaluated[p])
            {
                foreach (var s in packages[p])
                {
                    Evaluate(s, null);
                }

                evaluated[p] = true;
            }
        }

        foreach (var e in scenario.ExpectGenericAlerts)
        {
            if (!Report.GenericAlerts.Any(e.Matches))
            {
                Report.MissingGenericAlerts.Add(e.ToString());
            }
        }

        Report.Completed = !aborted;
        Report.Aborted = aborted;
        Report.EndReason = reason;
        Report.Ended = DateTimeOffset.Now;
        log("== session " + SessionId + " with " + DeviceId + " " + (aborted ? "aborted" : "ended") + ": " + reason + " – " + (Report.Passed ? "PASSED" : "FAILED"));
    }

    private void Evaluate(CmdState s, List<int> fromParent)
    {
        var r = s.Report;
        var e = s.Spec.Expect;
        r.Sent = s.Sent;
        r.CmdId = s.CmdId;
        r.ActualStatus = s.Status;
        r.StatusData = s.StatusData;
        r.Chunks = s.ChunksSent > 1 ? s.ChunksSent : 0;
        var fails = new List<string>();
        if (!s.Sent)
        {
            fails.Add("not sent");
        }
        else if (!s.Status.HasValue)
        {
            fails.Add("no status received");
        }
        else
        {
            if (r.ExpectedStatus.Count > 0 && !r.ExpectedStatus.Contains(s.Status.Value))
            {
                fails.Add("status " + s.Status + ", expected " + string.Join("|", r.ExpectedStatus));
            }

            if (fromParent != null && fromParent.Count > 0 && !fromParent.Contains(s.Status.Value))
            {
                fails.Add("status " + s.Status + ", parent expects " + string.Join("|", fromParent));
                if (r.ExpectedStatus.Count == 0)
                {
                    r.ExpectedStatus = fromParent.ToList();
                }
            }
        }

        if (e != null && (e.Data != null || e.DataContains != null || e.DataSize.HasValue) && s.Sent)
        {
            CheckData(s, e, fails);
        }

        for (var i = 0; i < s.Children.Count; i++)
        {
            var exp = e != null && i < e.Children.Count ? e.Children[i] : null;
            Evaluate(s.Children[i], exp);
        }

        if (e != null && e.Children.Count > s.Children.Count)
        {
            fails.Add("expect.children lists " + e.Children.Count + " statuses for " + s.Children.Count + " children");
        }

        if (s.Children.Any(c => !c.Report.Passed))
        {
            fails.Add("child command failed");
        }

        r.Passed = fails.Count == 0;
        r.Failure = fails.Count == 0 ? null : string.Join("; ", fails);
    }

    private void CheckData(CmdState s, Expectation e, List<string> fails)
    {
        var r = s.Report;
        string actual;
        string format = null;
        if (s.Spec.Cmd == "Alert")
        {
            actual = s.StatusData;
        }
        else
        {
            var target = NormalizeUri(s.Spec.Target);
            var item = s.Results.FirstOrDefault(x => NormalizeUri(x.Source) == target) ?? s.Results.FirstOrDefault();
            actual = item?.Data;
            format = item?.Format;
        }

        r.ActualData = actual;
        if (actual == null)
        {
            fails.Add(s.Spec.Cmd == "Alert" ? "no data in the Status item" : "no Results");
            return;
        }

        if (e.Data != null)
        {
            r.ExpectedData = e.Data;
            bool same;
            if (format == "b64")
            {
                var a = TryDecodeBase64(actual);
                var x = TryDecodeBase64(e.Data);
                same = a != null && x != null ? a.AsSpan().SequenceEqual(x) : actual == e.Data;
            }
            else
            {
                same = actual == e.Data;
            }

            if (!same)
            {
                fails.Add("data '" + SessionReport.Shorten(actual, 60) + "', expected '" + SessionReport.Shorten(e.Data, 60) + "'");
            }
        }

        if (e.DataContains != null)
        {
            r.ExpectedData ??= "…" + e.DataContains + "…";
            if (!actual.Contains(e.DataContains, StringComparison.Ordinal))
            {
                fails.Add("data does not contain '" + e.DataContains + "'");
            }
        }

        if (e.DataSize.HasValue)
        {
            r.ExpectedData ??= "pattern of " + e.DataSize.Value + " bytes (seed " + e.DataSeed + ")";
            bool same;
            if (format == "b64" || format == "bin")
            {
                var a = TryDecodeBase64(actual);
                same = a != null && a.AsSpan().SequenceEqual(DataPattern.Bytes(e.DataSize.Value, e.DataSeed));
            }
            else
            {
                same = actual == DataPattern.Chars(e.DataSize.Value, e.DataSeed);
            }

            if (!same)
            {
                fails.Add("data differs from the " + e.DataSize.Value + "-byte pattern (got " + actual.Length + " chars, format " + (format ?? "chr") + ")");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ message building

    private XElement HdrStatus(ClientMessage m, int code, XElement chal)
    {
        var st = El("Status",
            El("CmdID", string.Empty),
            El("MsgRef", m.MsgId),
            El("CmdRef", "0"),
            El("Cmd", "SyncHdr"),
            El("TargetRef", m.TargetUri ?? string.Empty),
            El("SourceRef", m.SourceUri));
        if (chal != null)
        {
            st.Add(chal);
        }

        st.Add(El("Data", code.ToString(CultureInfo.InvariantCulture)));
        return st;
    }

    private static XElement StatusFor(XElement cmd, ClientMessage m, int code)
    {
        return El("Status",
            El("CmdID", string.Empty),
            El("MsgRef", m.MsgId),
            El("CmdRef", cmd.Text("CmdID") ?? string.Empty),
            El("Cmd", cmd.Name.LocalName),
            El("Data", code.ToString(CultureInfo.InvariantCulture)));
    }

    private XElement Alert1222()
    {
        return El("Alert",
            El("CmdID", string.Empty),
            El("Data", "1222"),
            El("Item", El("Target", El("LocURI", DeviceId)), El("Source", El("LocURI", SourceLocUri))));
    }

    private string SourceLocUri => string.IsNullOrEmpty(opt.SourceLocUri) ? opt.ServerId : opt.SourceLocUri;

    private string NextId()
    {
        cmdCounter++;
        return cmdCounter.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class OutMsg
    {
        public XDocument Doc;
        public XElement Body;
        public int Commands;
    }

    private ServerResponse Compose(ClientMessage m, List<XElement> statuses, List<XElement> alerts, bool pack, bool final, bool ignoreLimit, int padTo = 0)
    {
        var sendCred = false;
        var wrongCred = opt.SendWrongServerCredential || wrongCredThisPackage;
        var serverAuthActive = opt.AuthenticateToClient || serverCredDemanded || wrongCred;
        if (serverAuthActive && serverScheme != AuthScheme.Hmac)
        {
            sendCred = !serverAuthAccepted || wrongCred;
        }

        var serverNonce = nonces.ServerNonce ?? opt.InitialServerNonce ?? Array.Empty<byte>();
        var password = wrongCred ? opt.ServerPassword + "-wrong" : opt.ServerPassword;
        var source = El("Source", El("LocURI", SourceLocUri));
        if (sendCred)
        {
            source.Add(El("LocName", opt.ServerId));
        }

        var hdr = El("SyncHdr",
            El("VerDTD", "1.2"),
            El("VerProto", "DM/1.2"),
            El("SessionID", SessionId),
            El("MsgID", (++serverMsgId).ToString(CultureInfo.InvariantCulture)),
            El("Target", El("LocURI", DeviceId)),
            source);
        if (opt.UseRespUri)
        {
            hdr.Add(El("RespURI", RespUri));
            respUriSent = true;
        }

        if (sendCred)
        {
            var data = serverScheme == AuthScheme.Basic
                ? DmAuth.BasicCredential(opt.ServerId, password)
                : DmAuth.Md5Digest(opt.ServerId, password, serverNonce);
            hdr.Add(El("Cred", El("Meta", Mi("Format", "b64"), Mi("Type", DmAuth.MetaType(serverScheme))), El("Data", data)));
            Report.ServerAuthScheme = serverScheme.ToString();
        }

        if (opt.MaxMsgSize > 0 || opt.MaxObjSize > 0)
        {
            var meta = El("Meta");
            if (opt.MaxMsgSize > 0)
            {
                meta.Add(Mi("MaxMsgSize", opt.MaxMsgSize.ToString(CultureInfo.InvariantCulture)));
            }

            if (opt.MaxObjSize > 0)
            {
                meta.Add(Mi("MaxObjSize", opt.MaxObjSize.ToString(CultureInfo.InvariantCulture)));
            }

            hdr.Add(meta);
        }

        var body = El("SyncBody");
        var msg = new OutMsg { Doc = new XDocument(new XDeclaration("1.0", "UTF-8", null), El("SyncML", hdr, body)), Body = body };
        foreach (var s in statuses)
        {
            s.Element(Ns + "CmdID").Value = NextId();
            body.Add(s);
        }

        foreach (var a in alerts)
        {
            var id = NextId();
            a.Element(Ns + "CmdID").Value = id;
            auxIds.Add(id);
            body.Add(a);
        }

        if (pack)
        {
            lastSent.Clear();
            var limit = ignoreLimit ? 0 : clientMaxMsgSize ?? 0;
            Pack(msg, limit);
            final = queue.Count == 0;
        }

        if (final)
        {
            body.Add(El("Final"));
        }

        if (padTo > 0)
        {
            var size = Encode(msg.Doc).Length;
            if (size < padTo)
            {
                msg.Doc.Root.Add(new XComment(new string('x', padTo - size)));
            }
        }

        var bytes = Encode(msg.Doc);
        var resp = new ServerResponse { Body = bytes, ContentType = wbxml ? SyncMlWbxml.MediaType : MediaType };
        if (serverAuthActive && serverScheme == AuthScheme.Hmac)
        {
            resp.Headers[HmacHeader] = DmAuth.FormatHmacHeader(opt.ServerId, DmAuth.ComputeHmacMac(opt.ServerId, password, serverNonce, bytes));
            Report.ServerAuthScheme = AuthScheme.Hmac.ToString();
            sendCred = true;
        }

        serverCredSentLast = sendCred;
        if (clientMaxMsgSize.HasValue && clientMaxMsgSize.Value > 0 && bytes.Length > clientMaxMsgSize.Value && !ignoreLimit && padTo == 0)
        {
            Note("server message " + serverMsgId + " has " + bytes.Length + " bytes, over the client MaxMsgSize " + clientMaxMsgSize.Value + " (could not be split further)");
        }

        Report.MessagesSent++;
        log("-> msg " + serverMsgId + " (" + bytes.Length + " bytes, " + statuses.Count + " statuses, " + msg.Commands + " commands" + (final ? ", Final" : string.Empty) + ")");
        return resp;
    }

    /// <summary>The message in the encoding of the client's last message.</summary>
    private byte[] Encode(XDocument doc)
    {
        return wbxml ? SyncMlWbxml.Encode(doc) : Serialize(doc);
    }

    private int Size(OutMsg msg)
    {
        return Encode(msg.Doc).Length;
    }

    private void Pack(OutMsg msg, int limit)
    {
        var before = msg.Commands;
        var force = emptyPacks >= 1;
        var fresh = limit > 0 ? FreshOverhead(msg) : 0;
        while (queue.Count > 0)
        {
            var s = queue[0];
            if (s.Offset > 0 && s.Offset < (s.Data?.Length ?? 0))
            {
                if (!TryAddChunk(msg, s, limit, force))
                {
                    break;
                }

                if (s.Offset < s.Data.Length)
                {
                    break;
                }

                queue.RemoveAt(0);
                continue;
            }

            var counter = cmdCounter;
            var assigned = new List<(CmdState, string)>();
            var el = Build(s, ref counter, assigned);
            msg.Body.Add(el);
            if (limit <= 0 || Size(msg) + FinalReserve <= limit)
            {
                Commit(s, counter, assigned);
                queue.RemoveAt(0);
                msg.Commands++;
                continue;
            }

            el.Remove();
            var elSize = wbxml ? SyncMlWbxml.Encode(new XDocument(new XElement(el))).Length : Encoding.UTF8.GetByteCount(el.ToString(SaveOptions.DisableFormatting));
            var chunkable = (s.Spec.Cmd == "Add" || s.Spec.Cmd == "Replace") && !string.IsNullOrEmpty(s.Data);
            if (elSize + fresh + FinalReserve <= limit && !(force && msg.Commands == 0))
            {
                break; // fits a fresh message
            }

            if (chunkable)
            {
                if (!TryAddChunk(msg, s, limit, force || msg.Commands == 0 && fresh >= Size(msg)))
                {
                    break;
                }

                if (s.Offset < s.Data.Length)
                {
                    break;
                }

                queue.RemoveAt(0);
                continue;
            }

            if (msg.Commands > 0)
            {
                break;
            }

            msg.Body.Add(el);
            Commit(s, counter, assigned);
            queue.RemoveAt(0);
            msg.Commands++;
            Note(s.Spec.Cmd + " " + (s.Spec.Target ?? s.Spec.Data) + " (" + elSize + " bytes) does not fit the client MaxMsgSize " + limit + "; sent alone anyway");
            break;
        }

        emptyPacks = msg.Commands == before && queue.Count > 0 ? emptyPacks + 1 : 0;
    }

    /// <summary>Size of a message with just the header, two statuses and Final (what a reply to Alert 1222 carries).</summary>
    private int FreshOverhead(OutMsg msg)
    {
        var hdr = new XElement(msg.Doc.Root.Element(Ns + "SyncHdr"));
        var st = El("Status", El("CmdID", "9999"), El("MsgRef", "99"), El("CmdRef", "9999"), El("Cmd", "SyncHdr"),
            El("TargetRef", "http://127.0.0.1:65535/dm"), El("SourceRef", DeviceId), El("Data", "200"));
        var st2 = new XElement(st);
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null), El("SyncML", hdr, El("SyncBody", st, st2, El("Final"))));
        return Encode(doc).Length;
    }

    private bool TryAddChunk(OutMsg msg, CmdState s, int limit, bool force)
    {
        var total = s.Data.Length;
        var remaining = total - s.Offset;
        var first = s.Offset == 0;
        var b64 = s.Spec.EffectiveFormat() == "b64";
        var id = (cmdCounter + 1).ToString(CultureInfo.InvariantCulture);
        int n;
        if (limit <= 0)
        {
            n = remaining;
        }
        else
        {
            var probe = BuildChunk(s, string.Empty, true, first, new string('9', ChunkIdWidth));
            msg.Body.Add(probe);
            var baseSize = Size(msg);
            probe.Remove();
            var avail = limit - FinalReserve - baseSize;
            var minChunk = Math.Min(remaining, 128);
            if (avail < minChunk && !force)
            {
                return false;
            }

            n = Math.Max(Math.Min(remaining, avail), Math.Min(remaining, 4));
        }

        while (true)
        {
            var more = n < remaining;
            if (more && b64 && n > 4)
            {
                n -= n % 4;
            }

            if (more && n > 1 && char.IsHighSurrogate(s.Data[s.Offset + n - 1]))
            {
                n--;
            }

            var el = BuildChunk(s, s.Data.Substring(s.Offset, n), more, first, id);
            msg.Body.Add(el);
            if (limit <= 0 || n <= 4)
            {
                break;
            }

            var over = Size(msg) + FinalReserve - limit;
            if (over <= 0)
            {
                break;
            }

            el.Remove();
            n -= Math.Max(over, 1);
            if (n < 4)
            {
                n = Math.Min(4, remaining);
            }
        }

        cmdCounter++;
        var isMore = s.Offset + n < total;
        byCmdId[id] = (s, isMore);
        lastSent.Add((s, s.Offset));
        s.Offset += n;
        s.Sent = true;
        s.CmdId = id;
        s.ChunksSent++;
        msg.Commands++;
        if (s.ChunksSent == 1 && isMore)
        {
            Note(s.Spec.Cmd + " " + s.Spec.Target + ": " + total + " bytes sent as a large object (client MaxMsgSize " + limit + ")");
            if (clientMaxObjSize.HasValue && clientMaxObjSize.Value > 0 && total > clientMaxObjSize.Value)
            {
                Note(s.Spec.Cmd + " " + s.Spec.Target + ": object of " + total + " bytes exceeds the client MaxObjSize " + clientMaxObjSize.Value);
            }
        }

        return true;
    }

    private void Commit(CmdState s, int counter, List<(CmdState State, string Id)> assigned)
    {
        cmdCounter = counter;
        foreach (var (st, id) in assigned)
        {
            st.CmdId = id;
            st.Sent = true;
            byCmdId[id] = (st, false);
        }

        lastSent.Add((s, 0));
    }

    private XElement Build(CmdState s, ref int counter, List<(CmdState, string)> assigned)
    {
        counter++;
        var id = counter.ToString(CultureInfo.InvariantCulture);
        assigned.Add((s, id));
        var c = s.Spec;
        var el = El(c.Cmd, El("CmdID", id));
        switch (c.Cmd)
        {
            case "Atomic":
            case "Sequence":
                foreach (var child in s.Children)
                {
                    el.Add(Build(child, ref counter, assigned));
                }

                return el;
            case "Alert":
                el.Add(El("Data", c.Data));
                if (c.Correlator != null)
                {
                    el.Add(El("Correlator", c.Correlator));
                }

                foreach (var it in c.Items)
                {
                    el.Add(string.IsNullOrEmpty(it) ? El("Item", string.Empty) : El("Item", El("Data", it)));
                }

                return el;
            case "Exec":
                if (c.Correlator != null)
                {
                    el.Add(El("Correlator", c.Correlator));
                }

                el.Add(DataItem(s, s.Data, false, false));
                return el;
            default:
                el.Add(DataItem(s, s.Data, false, false));
                return el;
        }
    }

    private XElement BuildChunk(CmdState s, string data, bool more, bool first, string id)
    {
        return El(s.Spec.Cmd, El("CmdID", id), DataItem(s, data, more, first && more));
    }

    private XElement DataItem(CmdState s, string data, bool more, bool withSize)
    {
        var c = s.Spec;
        var item = El("Item", El("Target", El("LocURI", c.Target)));
        if (c.Source != null)
        {
            item.Add(El("Source", El("LocURI", c.Source)));
        }

        var fmt = c.EffectiveFormat();
        var opaque = wbxml && opt.WbxmlBinaryAsOpaque && fmt == "b64";
        if (opaque)
        {
            fmt = "bin";
        }

        if (fmt != null || c.Type != null || withSize)
        {
            var meta = El("Meta");
            if (fmt != null)
            {
                meta.Add(Mi("Format", fmt));
            }

            if (c.Type != null)
            {
                meta.Add(Mi("Type", c.Type));
            }

            if (withSize)
            {
                var size = opaque ? Convert.FromBase64String(s.Data).Length : TransportSize(s.Data, fmt);
                meta.Add(Mi("Size", size.ToString(CultureInfo.InvariantCulture)));
            }

            item.Add(meta);
        }

        if (data != null)
        {
            var el = El("Data", data);
            if (opaque)
            {
                el.SetAttributeValue(SyncMlWbxml.OpaqueMarker, "b64");
            }

            item.Add(el);
        }

        if (more)
        {
            item.Add(El("MoreData"));
        }

        return item;
    }

    private void Error(string text)
    {
        Report.Errors.Add(text);
        log("   ERROR " + text);
    }

    private void Note(string text)
    {
        Report.Notes.Add(text);
    }
}

namespace NanoOmaDm.Tests.DmServer;

using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using NanoOmaDm.DmServer;

/// <summary>One HTTP round trip of the test client.</summary>
internal sealed class Exchange
{
    public byte[] Request;
    public string RequestHmac;
    public int HttpStatus;
    public byte[] Response;
    public string ResponseHmac;
    public string ResponseContentType;
    public XDocument Doc;

    public string ResponseText => Encoding.UTF8.GetString(Response ?? Array.Empty<byte>());

    public bool Final => Doc?.Root?.Element(TestDmClient.Ns + "SyncBody")?.Element(TestDmClient.Ns + "Final") != null;

    public IEnumerable<XElement> Commands => Doc?.Root?.Element(TestDmClient.Ns + "SyncBody")?.Elements()
        .Where(e => e.Name.LocalName != "Status" && e.Name.LocalName != "Final") ?? Enumerable.Empty<XElement>();

    public IEnumerable<XElement> Statuses => Doc?.Root?.Element(TestDmClient.Ns + "SyncBody")?.Elements(TestDmClient.Ns + "Status") ?? Enumerable.Empty<XElement>();

    public XElement HeaderStatus => Statuses.FirstOrDefault(s => (string)s.Element(TestDmClient.Ns + "CmdRef") == "0");
}

/// <summary>A deliberately small OMA DM 1.2 client for the server tests, written with XDocument + HttpClient and
/// independent of the agent: a flat key/value "tree", statuses, Results (optionally chunked), large-object
/// reassembly, basic/md5/hmac credentials and verification of the server's credential.</summary>
internal sealed class TestDmClient : IDisposable
{
    public static readonly XNamespace Ns = "SYNCML:SYNCML1.2";
    public static readonly XNamespace Mi = "syncml:metinf";

    private readonly HttpClient http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<OutPart> outQueue = new List<OutPart>();
    private readonly Dictionary<string, StringBuilder> incoming = new Dictionary<string, StringBuilder>();
    private readonly Dictionary<string, int?> incomingSize = new Dictionary<string, int?>();
    private int msgId;
    private int cmdId;
    private bool serverPkgClosed = true;
    private bool serverAuthenticated;
    private bool clientAccepted;
    private int authRestarts;

    public TestDmClient(string url)
    {
        Url = url;
        PostUrl = url;
    }

    public string Url { get; }

    /// <summary>Where the next message goes (RespURI once the server sent one, unless IgnoreRespUri).</summary>
    public string PostUrl { get; set; }

    public bool IgnoreRespUri { get; set; }

    /// <summary>Sends WBXML instead of XML: each message is written as XML, converted by ToWbxml (tests plug an
    /// independent WBXML implementation in here) and posted as application/vnd.syncml.dm+wbxml; WBXML answers
    /// are converted back by FromWbxml. Null = XML.</summary>
    public Func<byte[], byte[]> ToWbxml { get; set; }

    public Func<byte[], byte[]> FromWbxml { get; set; }

    public string DeviceId { get; set; } = "IMEI:493005100592800";

    public string SessionId { get; set; } = "1";

    public bool ServerInitiated { get; set; }

    public AuthScheme Auth { get; set; }

    public string User { get; set; }

    public string Password { get; set; }

    /// <summary>Nonce for the next md5/hmac credential; null = send no credential.</summary>
    public byte[] ClientNonce { get; set; }

    /// <summary>MaxMsgSize advertised in every SyncHdr (0 = none).</summary>
    public int MaxMsgSize { get; set; }

    /// <summary>When set, the server's credential (Cred or x-syncml-hmac) is verified with these.</summary>
    public string ServerId { get; set; }

    public string ServerPassword { get; set; }

    public byte[] ServerNonce { get; set; } = new byte[16];

    /// <summary>Issue a fresh server nonce (Chal NextNonce) in every status for the server's SyncHdr.</summary>
    public bool RotateServerNonce { get; set; }

    /// <summary>Results data longer than this is sent as a large object (0 = never).</summary>
    public int ResultChunkSize { get; set; }

    /// <summary>Per-command status override (null = default behaviour).</summary>
    public Func<XElement, int?> StatusOverride { get; set; }

    /// <summary>Extra commands for Pkg#1 (e.g. generic alerts).</summary>
    public List<XElement> Pkg1Extra { get; } = new List<XElement>();

    /// <summary>Answer the n-th server message (1-based) with Alert 1223 instead of statuses.</summary>
    public int AbortAtServerMessage { get; set; }

    /// <summary>The "management tree": URI → (data, format).</summary>
    public Dictionary<string, (string Data, string Format)> Tree { get; } = new Dictionary<string, (string, string)>();

    public List<Exchange> Exchanges { get; } = new List<Exchange>();

    /// <summary>Commands the client executed: name, target, status.</summary>
    public List<(string Cmd, string Target, int Status)> Executed { get; } = new List<(string, string, int)>();

    /// <summary>Result of each check of a server credential (true = valid).</summary>
    public List<bool> ServerCredChecks { get; } = new List<bool>();

    /// <summary>Meta Size values seen on first chunks, by target.</summary>
    public Dictionary<string, int?> ChunkSizes { get; } = new Dictionary<string, int?>();

    /// <summary>Pkg#1 restarts after a challenge before the client gives up.</summary>
    public int MaxAuthRestarts { get; set; } = 5;

    public bool GaveUp { get; private set; }

    public int ServerMessages => Exchanges.Count(e => e.Doc != null);

    public bool Done { get; private set; }

    public void Dispose()
    {
        http.Dispose();
    }

    // ------------------------------------------------------------------------------------------------ running

    /// <summary>Runs a whole session (Pkg#1, auth retries, all packages) until the server ends it.</summary>
    public async Task RunAsync(int maxMessages = 200)
    {
        var ex = await PostAsync(Pkg1()).ConfigureAwait(false);
        for (var guard = 0; guard < maxMessages; guard++)
        {
            if (ex.HttpStatus != 200 || ex.Doc == null)
            {
                return;
            }

            var next = Answer(ex);
            if (next == null)
            {
                Done = !GaveUp;
                return;
            }

            ex = await PostAsync(next).ConfigureAwait(false);
        }

        throw new InvalidOperationException("session did not end within " + maxMessages + " messages");
    }

    /// <summary>Pkg#1: Alert 1201/1200 + DevInfo Replace + extras + Final.</summary>
    public List<XElement> Pkg1()
    {
        var body = new List<XElement>
        {
            El("Alert", El("CmdID", NextCmd()), El("Data", ServerInitiated ? "1200" : "1201")),
            El("Replace", El("CmdID", NextCmd()),
                DevInfoItem("./DevInfo/DevId", DeviceId),
                DevInfoItem("./DevInfo/Man", "nanoOmaDm"),
                DevInfoItem("./DevInfo/Mod", "TestClient"),
                DevInfoItem("./DevInfo/DmV", "1.2"),
                DevInfoItem("./DevInfo/Lang", "en-US")),
        };
        foreach (var e in Pkg1Extra)
        {
            var copy = new XElement(e);
            copy.Element(Ns + "CmdID")?.SetValue(NextCmd());
            body.Add(copy);
        }

        body.Add(El("Final"));
        return body;
    }

    private static XElement DevInfoItem(string uri, string value)
    {
        return El("Item", El("Source", El("LocURI", uri)), El("Meta", MiEl("Format", "chr"), MiEl("Type", "text/plain")), El("Data", value));
    }

    /// <summary>Builds the reply to a server message; null when the session is over.</summary>
    public List<XElement> Answer(Exchange ex)
    {
        var doc = ex.Doc;
        var hdr = doc.Root.Element(Ns + "SyncHdr");
        var serverMsgId = (string)hdr.Element(Ns + "MsgID");
        var respUri = (string)hdr.Element(Ns + "RespURI");
        if (respUri != null && !IgnoreRespUri)
        {
            PostUrl = respUri;
        }

        // our SyncHdr status: challenge → restart Pkg#1
        var hs = ex.HeaderStatus;
        var hsCode = hs == null ? 0 : int.Parse((string)hs.Element(Ns + "Data"), CultureInfo.InvariantCulture);
        var nn = (string)hs?.Element(Ns + "Chal")?.Descendants(Mi + "NextNonce").FirstOrDefault();
        if (nn != null)
        {
            ClientNonce = Convert.FromBase64String(nn);
        }

        if (hsCode == 212)
        {
            clientAccepted = true;
        }

        if (hsCode == 401 || hsCode == 407)
        {
            if (++authRestarts > MaxAuthRestarts)
            {
                GaveUp = true;
                return null;
            }

            clientAccepted = false;
            cmdId = 0;
            return Pkg1();
        }

        if (AbortAtServerMessage > 0 && ServerMessages == AbortAtServerMessage)
        {
            cmdId = 0;
            return new List<XElement> { El("Alert", El("CmdID", NextCmd()), El("Data", "1223")), El("Final") };
        }

        var final = ex.Final;
        var commands = ex.Commands.ToList();
        var serverWantsMore = commands.Any(c => c.Name.LocalName == "Alert" && (string)c.Element(Ns + "Data") == "1222");
        if (final)
        {
            serverPkgClosed = true;
        }
        else if (!serverWantsMore)
        {
            serverPkgClosed = false;
        }

        // the server's credential
        var serverHdrCode = 200;
        if (ServerId != null)
        {
            var cred = hdr.Element(Ns + "Cred");
            bool? ok = null;
            if (ex.ResponseHmac != null)
            {
                ok = DmAuth.TryParseHmacHeader(ex.ResponseHmac, out _, out var u, out var mac)
                    && u == ServerId && mac == DmAuth.ComputeHmacMac(ServerId, ServerPassword, ServerNonce, ex.Response);
            }
            else if (cred != null)
            {
                var type = (string)cred.Descendants(Mi + "Type").FirstOrDefault();
                var data = (string)cred.Element(Ns + "Data");
                ok = type == DmAuth.TypeBasic
                    ? data == DmAuth.BasicCredential(ServerId, ServerPassword)
                    : data == DmAuth.Md5Digest(ServerId, ServerPassword, ServerNonce);
            }

            if (ok.HasValue)
            {
                ServerCredChecks.Add(ok.Value);
                serverHdrCode = ok.Value ? (ex.ResponseHmac != null ? 200 : 212) : 401;
                serverAuthenticated |= ok.Value;
            }
            else if (!serverAuthenticated)
            {
                serverHdrCode = 407;
            }
        }

        cmdId = 0;
        var statuses = new List<OutPart>();
        XElement chal = null;
        if (serverHdrCode == 401 || serverHdrCode == 407 || RotateServerNonce)
        {
            ServerNonce = Guid.NewGuid().ToByteArray();
            chal = El("Chal", El("Meta", MiEl("Type", ex.ResponseHmac != null ? DmAuth.TypeMac : DmAuth.TypeMd5), MiEl("Format", "b64"), MiEl("NextNonce", Convert.ToBase64String(ServerNonce))));
        }

        statuses.Add(OutPart.Whole(Status(serverMsgId, "0", "SyncHdr", serverHdrCode, chal)));
        var rejected = serverHdrCode == 401 || serverHdrCode == 407;
        foreach (var c in commands)
        {
            Execute(c, serverMsgId, statuses, rejected);
        }

        if (commands.Count == 0 && final && outQueue.Count == 0 && !rejected)
        {
            return null; // the server ended the session
        }

        outQueue.InsertRange(0, statuses);
        return TakeMessage();
    }

    private List<XElement> TakeMessage()
    {
        var body = new List<XElement>();
        while (outQueue.Count > 0)
        {
            var p = outQueue[0];
            if (p.Element != null)
            {
                var el = p.Element;
                el.Element(Ns + "CmdID").SetValue(NextCmd());
                body.Add(el);
                outQueue.RemoveAt(0);
                continue;
            }

            // a large Results item: one chunk per message
            var n = Math.Min(ResultChunkSize, p.Data.Length - p.Offset);
            var more = p.Offset + n < p.Data.Length;
            var meta = El("Meta", MiEl("Format", p.Format));
            if (p.Offset == 0)
            {
                meta.Add(MiEl("Size", p.Data.Length.ToString(CultureInfo.InvariantCulture)));
            }

            var item = El("Item", El("Source", El("LocURI", p.Source)), meta, El("Data", p.Data.Substring(p.Offset, n)));
            if (more)
            {
                item.Add(El("MoreData"));
            }

            body.Add(El("Results", El("CmdID", NextCmd()), El("MsgRef", p.MsgRef), El("CmdRef", p.CmdRef), item));
            p.Offset += n;
            if (!more)
            {
                outQueue.RemoveAt(0);
                continue;
            }

            return body; // more chunks follow: no Final, no 1222
        }

        if (serverPkgClosed)
        {
            body.Add(El("Final"));
        }
        else
        {
            body.Add(El("Alert", El("CmdID", NextCmd()), El("Data", "1222")));
        }

        return body;
    }

    private void Execute(XElement c, string msgRef, List<OutPart> outParts, bool rejected)
    {
        var name = c.Name.LocalName;
        var id = (string)c.Element(Ns + "CmdID");
        var item = c.Element(Ns + "Item");
        var target = (string)item?.Element(Ns + "Target")?.Element(Ns + "LocURI");
        if (rejected)
        {
            outParts.Add(OutPart.Whole(Status(msgRef, id, name, 401, null)));
            return;
        }

        var code = StatusOverride?.Invoke(c);
        var results = new List<OutPart>();
        switch (name)
        {
            case "Get":
                if (code == null)
                {
                    if (Tree.TryGetValue(target, out var v))
                    {
                        code = 200;
                        if (ResultChunkSize > 0 && v.Data.Length > ResultChunkSize)
                        {
                            results.Add(new OutPart { Source = target, Format = v.Format, Data = v.Data, CmdRef = id, MsgRef = msgRef });
                        }
                        else
                        {
                            results.Add(OutPart.Whole(El("Results", El("CmdID", string.Empty), El("MsgRef", msgRef), El("CmdRef", id),
                                El("Item", El("Source", El("LocURI", target)), El("Meta", MiEl("Format", v.Format)), El("Data", v.Data)))));
                        }
                    }
                    else
                    {
                        code = 404;
                    }
                }

                break;
            case "Add":
            case "Replace":
                {
                    var data = (string)item.Element(Ns + "Data") ?? string.Empty;
                    var more = item.Element(Ns + "MoreData") != null;
                    var format = (string)item.Descendants(Mi + "Format").FirstOrDefault() ?? "chr";
                    if (more || incoming.ContainsKey(target))
                    {
                        if (!incoming.ContainsKey(target))
                        {
                            incoming[target] = new StringBuilder();
                            var size = (string)item.Descendants(Mi + "Size").FirstOrDefault();
                            incomingSize[target] = size == null ? null : int.Parse(size, CultureInfo.InvariantCulture);
                            ChunkSizes[target] = incomingSize[target];
                        }
                        else if (item.Descendants(Mi + "Size").Any())
                        {
                            ChunkSizes[target + "#later-size"] = 1;
                        }

                        incoming[target].Append(data);
                        if (more)
                        {
                            code ??= 213;
                            break;
                        }

                        data = incoming[target].ToString();
                        var declared = incomingSize[target];
                        incoming.Remove(target);
                        if (declared.HasValue && declared.Value != data.Length)
                        {
                            code ??= 424;
                            break;
                        }
                    }

                    if (code == null)
                    {
                        if (name == "Add" && Tree.ContainsKey(target))
                        {
                            code = 418;
                        }
                        else if (name == "Replace" && !Tree.ContainsKey(target))
                        {
                            code = 404;
                        }
                        else
                        {
                            Tree[target] = (data, format);
                            code = 200;
                        }
                    }

                    break;
                }

            case "Delete":
                code ??= Tree.Remove(target) ? 200 : 404;
                break;
            case "Copy":
                {
                    var source = (string)item.Element(Ns + "Source")?.Element(Ns + "LocURI");
                    if (code == null)
                    {
                        if (Tree.TryGetValue(source, out var v))
                        {
                            Tree[target] = v;
                            code = 200;
                        }
                        else
                        {
                            code = 404;
                        }
                    }

                    break;
                }

            case "Exec":
            case "Alert":
                code ??= 200;
                break;
            case "Atomic":
            case "Sequence":
                code ??= 200;
                outParts.Add(OutPart.Whole(Status(msgRef, id, name, code.Value, null)));
                Executed.Add((name, target, code.Value));
                foreach (var child in c.Elements().Where(e => e.Name.LocalName != "CmdID" && e.Name.LocalName != "Meta"))
                {
                    Execute(child, msgRef, outParts, false);
                }

                return;
            default:
                code ??= 406;
                break;
        }

        Executed.Add((name, target, code.Value));
        outParts.Add(OutPart.Whole(Status(msgRef, id, name, code.Value, null)));
        outParts.AddRange(results);
    }

    // ------------------------------------------------------------------------------------------------ transport

    /// <summary>Posts a message with the given body children; parses the reply when it is a DM message.</summary>
    public async Task<Exchange> PostAsync(List<XElement> bodyChildren, string contentType = null)
    {
        var bytes = Serialize(Message(bodyChildren));
        if (ToWbxml != null)
        {
            bytes = ToWbxml(bytes);
        }

        return await PostRawAsync(bytes, contentType ?? (ToWbxml != null ? "application/vnd.syncml.dm+wbxml" : "application/vnd.syncml.dm+xml")).ConfigureAwait(false);
    }

    public async Task<Exchange> PostRawAsync(byte[] bytes, string contentType = "application/vnd.syncml.dm+xml")
    {
        using (var req = new HttpRequestMessage(HttpMethod.Post, PostUrl))
        {
            req.Content = new ByteArrayContent(bytes);
            req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            string hmac = null;
            if (Auth == AuthScheme.Hmac && ClientNonce != null)
            {
                hmac = DmAuth.FormatHmacHeader(User, DmAuth.ComputeHmacMac(User, Password, ClientNonce, bytes));
                req.Headers.TryAddWithoutValidation("x-syncml-hmac", hmac);
            }

            using (var resp = await http.SendAsync(req).ConfigureAwait(false))
            {
                var ex = new Exchange
                {
                    Request = bytes,
                    RequestHmac = hmac,
                    HttpStatus = (int)resp.StatusCode,
                    Response = await resp.Content.ReadAsByteArrayAsync().ConfigureAwait(false),
                    ResponseContentType = resp.Content.Headers.ContentType?.MediaType,
                    ResponseHmac = resp.Headers.TryGetValues("x-syncml-hmac", out var h) ? h.FirstOrDefault() : null,
                };
                if (ex.HttpStatus == 200 && ex.ResponseContentType == "application/vnd.syncml.dm+wbxml" && FromWbxml != null)
                {
                    ex.Doc = XDocument.Load(System.Xml.XmlReader.Create(
                        new MemoryStream(FromWbxml(ex.Response)), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Ignore }));
                }
                else if (ex.HttpStatus == 200 && ex.ResponseContentType == "application/vnd.syncml.dm+xml")
                {
                    try
                    {
                        ex.Doc = XDocument.Parse(ex.ResponseText);
                    }
                    catch (System.Xml.XmlException)
                    {
                        ex.Doc = null;
                    }
                }

                Exchanges.Add(ex);
                return ex;
            }
        }
    }

    public XDocument Message(List<XElement> bodyChildren)
    {
        var source = El("Source", El("LocURI", DeviceId));
        if (User != null && Auth != AuthScheme.None)
        {
            source.Add(El("LocName", User));
        }

        var hdr = El("SyncHdr", El("VerDTD", "1.2"), El("VerProto", "DM/1.2"), El("SessionID", SessionId),
            El("MsgID", (++msgId).ToString(CultureInfo.InvariantCulture)), El("Target", El("LocURI", Url)), source);
        if (Auth == AuthScheme.Basic && !clientAccepted)
        {
            hdr.Add(El("Cred", El("Meta", MiEl("Format", "b64"), MiEl("Type", DmAuth.TypeBasic)), El("Data", DmAuth.BasicCredential(User, Password))));
        }
        else if (Auth == AuthScheme.Md5 && ClientNonce != null && !clientAccepted)
        {
            hdr.Add(El("Cred", El("Meta", MiEl("Format", "b64"), MiEl("Type", DmAuth.TypeMd5)), El("Data", DmAuth.Md5Digest(User, Password, ClientNonce))));
        }

        if (MaxMsgSize > 0)
        {
            hdr.Add(El("Meta", MiEl("MaxMsgSize", MaxMsgSize.ToString(CultureInfo.InvariantCulture))));
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), El("SyncML", hdr, El("SyncBody", bodyChildren)));
    }

    public static byte[] Serialize(XDocument doc)
    {
        using (var ms = new MemoryStream())
        {
            using (var w = System.Xml.XmlWriter.Create(ms, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            {
                doc.Save(w);
            }

            return ms.ToArray();
        }
    }

    public static XElement El(string name, params object[] content) => new XElement(Ns + name, content);

    public static XElement MiEl(string name, object value) => new XElement(Mi + name, value);

    public static XElement GenericAlert(string correlator, string source, string type, string format, string mark, string data)
    {
        var meta = El("Meta", MiEl("Type", type), MiEl("Format", format));
        if (mark != null)
        {
            meta.Add(MiEl("Mark", mark));
        }

        var alert = El("Alert", El("CmdID", "0"), El("Data", "1226"));
        if (correlator != null)
        {
            alert.Add(El("Correlator", correlator));
        }

        alert.Add(El("Item", El("Source", El("LocURI", source)), meta, El("Data", data)));
        return alert;
    }

    private XElement Status(string msgRef, string cmdRef, string cmd, int code, XElement chal)
    {
        var s = El("Status", El("CmdID", string.Empty), El("MsgRef", msgRef), El("CmdRef", cmdRef), El("Cmd", cmd));
        if (chal != null)
        {
            s.Add(chal);
        }

        s.Add(El("Data", code.ToString(CultureInfo.InvariantCulture)));
        return s;
    }

    private string NextCmd() => (++cmdId).ToString(CultureInfo.InvariantCulture);

    private sealed class OutPart
    {
        public XElement Element;
        public string Source;
        public string Format;
        public string Data;
        public string CmdRef;
        public string MsgRef;
        public int Offset;

        public static OutPart Whole(XElement e) => new OutPart { Element = e };
    }
}

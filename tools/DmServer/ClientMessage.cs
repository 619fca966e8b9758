using System.Xml.Linq;

namespace NanoOmaDm.DmServer;

/// <summary>A parsed client message (only what the server needs from it).</summary>
internal sealed class ClientMessage
{
    /// <summary>The message as it travelled (XML or WBXML bytes; MACs and sizes are about these).</summary>
    public byte[] Body;
    /// <summary>The message came as WBXML (and is answered in WBXML).</summary>
    public bool Wbxml;
    public XDocument Doc;
    public string VerDtd;
    public string VerProto;
    public string SessionId;
    public string MsgId;
    public string TargetUri;
    public string SourceUri;
    public string SourceLocName;
    public XElement Cred;
    public int? MaxMsgSize;
    public int? MaxObjSize;
    public List<XElement> Commands = new List<XElement>();
    public bool Final;
    public string HmacHeader;

    /// <summary>Parses and checks the skeleton; throws FormatException with a readable reason.</summary>
    public static ClientMessage Parse(byte[] body, bool wbxml = false)
    {
        XDocument doc;
        try
        {
            doc = wbxml ? SyncMlWbxml.Decode(body) : SyncMl.Parse(body);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new FormatException("not well-formed XML: " + ex.Message, ex);
        }
        catch (FormatException ex) when (wbxml)
        {
            throw new FormatException("malformed WBXML: " + ex.Message, ex);
        }

        var root = doc.Root;
        if (root == null || root.Name.LocalName != "SyncML")
        {
            throw new FormatException("root element is not SyncML");
        }

        var hdr = root.Child("SyncHdr") ?? throw new FormatException("no SyncHdr");
        var bodyEl = root.Child("SyncBody") ?? throw new FormatException("no SyncBody");
        var m = new ClientMessage
        {
            Body = body,
            Wbxml = wbxml,
            Doc = doc,
            VerDtd = hdr.Text("VerDTD"),
            VerProto = hdr.Text("VerProto"),
            SessionId = hdr.Text("SessionID"),
            MsgId = hdr.Text("MsgID"),
            TargetUri = hdr.Text("Target", "LocURI"),
            SourceUri = hdr.Text("Source", "LocURI"),
            SourceLocName = hdr.Text("Source", "LocName"),
            Cred = hdr.Child("Cred"),
            MaxMsgSize = SyncMl.Int(SyncMl.MetaValue(hdr.Child("Meta"), "MaxMsgSize")),
            MaxObjSize = SyncMl.Int(SyncMl.MetaValue(hdr.Child("Meta"), "MaxObjSize")),
        };
        if (string.IsNullOrEmpty(m.SessionId))
        {
            throw new FormatException("SyncHdr has no SessionID");
        }

        if (string.IsNullOrEmpty(m.SourceUri))
        {
            throw new FormatException("SyncHdr has no Source/LocURI (device id)");
        }

        if (string.IsNullOrEmpty(m.MsgId))
        {
            throw new FormatException("SyncHdr has no MsgID");
        }

        foreach (var c in bodyEl.Elements())
        {
            if (c.Name.LocalName == "Final")
            {
                m.Final = true;
            }
            else
            {
                m.Commands.Add(c);
            }
        }

        return m;
    }
}

/// <summary>What the HTTP layer sends back.</summary>
internal sealed class ServerResponse
{
    public int HttpStatus = 200;
    public byte[] Body;
    public string ContentType;
    public Dictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public int DelayMs;
    public bool SessionFinished;

    public static ServerResponse Text(int status, string text)
    {
        return new ServerResponse
        {
            HttpStatus = status,
            Body = System.Text.Encoding.UTF8.GetBytes(text + "\n"),
            ContentType = "text/plain; charset=utf-8",
        };
    }
}

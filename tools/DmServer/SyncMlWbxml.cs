using System.Text;
using System.Xml.Linq;

namespace NanoOmaDm.DmServer;

/// <summary>
/// WBXML form of SyncML DM messages (<c>application/vnd.syncml.dm+wbxml</c>), converted to and from the
/// <see cref="XDocument"/> the rest of the server works with. Written for the server alone (it shares nothing with
/// the agent's codec, so the two check each other).
/// Decoding accepts WBXML 1.1–1.3, public id SyncML 1.2 (0x1201) or 1.1 (0x0FD3) as a number or a string-table
/// reference (or "unknown", 1), UTF-8 only, the string table, STR_I, STR_T, ENTITY, OPAQUE, SWITCH_PAGE between the
/// SyncML (0) and MetInf (1) code pages and LITERAL tags; attributes, PIs and extension tokens are refused.
/// OPAQUE data that is UTF-8 becomes text; other OPAQUE data becomes its base64 text.
/// Encoding writes WBXML 1.3, public id 0x1201 (0x0FD3 for a SYNCML:SYNCML1.1 root), UTF-8, strings inline,
/// elements of neither code page as LITERALs from the string table, MetInf elements on page 1 (switching pages
/// only when a tag needs it, as libwbxml does); comments and attributes are dropped.
/// </summary>
public static class SyncMlWbxml
{
    /// <summary>HTTP media type of binary DM messages.</summary>
    public const string MediaType = "application/vnd.syncml.dm+wbxml";

    private const int MaxDepth = 64;

    private const byte SwitchPage = 0x00, End = 0x01, Entity = 0x02, StrI = 0x03, Literal = 0x04, Pi = 0x43,
        StrT = 0x83, Opaque = 0xC3, HasContent = 0x40, HasAttributes = 0x80, Utf8 = 0x6A;

    private const int PublicIdUnknown = 0x01, PublicIdSyncMl11 = 0x0FD3, PublicIdSyncMl12 = 0x1201;

    private static readonly XNamespace SyncMl11 = "SYNCML:SYNCML1.1";

    /// <summary>Code page 0 (SyncML 1.1/1.2), tokens from 0x05; 0x30 is unassigned.</summary>
    private static readonly string[] Page0 =
    {
        "Add", "Alert", "Archive", "Atomic", "Chal", "Cmd", "CmdID", "CmdRef", "Copy", "Cred", "Data", "Delete", "Exec",
        "Final", "Get", "Item", "Lang", "LocName", "LocURI", "Map", "MapItem", "Meta", "MsgID", "MsgRef", "NoResp",
        "NoResults", "Put", "Replace", "RespURI", "Results", "Search", "Sequence", "SessionID", "SftDel", "Source",
        "SourceRef", "Status", "Sync", "SyncBody", "SyncHdr", "SyncML", "Target", "TargetRef", null, "VerDTD",
        "VerProto", "NumberOfChanges", "MoreData", "Field", "Filter", "Record", "FilterType", "SourceParent",
        "TargetParent", "Move", "Correlator",
    };

    /// <summary>Code page 1 (MetInf), tokens from 0x05.</summary>
    private static readonly string[] Page1 =
    {
        "Anchor", "EMI", "Format", "FreeID", "FreeMem", "Last", "Mark", "MaxMsgSize", "Mem", "MetInf", "Next",
        "NextNonce", "SharedMem", "Size", "Type", "Version", "MaxObjSize", "FieldLevel",
    };

    private static readonly Dictionary<string, (int Page, int Token)> Tokens = BuildTokens();

    /// <summary>True for the WBXML media type (parameters and case ignored).</summary>
    public static bool IsMediaType(string mediaType)
    {
        return mediaType != null && mediaType.Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Decodes a WBXML SyncML message; throws <see cref="FormatException"/> with a reason and byte offset.</summary>
    public static XDocument Decode(byte[] wbxml)
    {
        return new Decoder(wbxml).Run();
    }

    /// <summary>Encodes a SyncML document as WBXML.</summary>
    public static byte[] Encode(XDocument doc)
    {
        var root = doc.Root ?? throw new ArgumentException("document has no root element");
        var literals = new List<string>();
        foreach (var e in root.DescendantsAndSelf())
        {
            if (!Tokens.ContainsKey(e.Name.LocalName) && !literals.Contains(e.Name.LocalName))
            {
                literals.Add(e.Name.LocalName);
            }
        }

        var table = new MemoryStream();
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in literals)
        {
            offsets[name] = (int)table.Length;
            var bytes = Encoding.UTF8.GetBytes(name);
            table.Write(bytes, 0, bytes.Length);
            table.WriteByte(0);
        }

        var o = new MemoryStream();
        o.WriteByte(0x03);
        WriteInteger(o, root.Name.Namespace == SyncMl11 ? PublicIdSyncMl11 : PublicIdSyncMl12);
        WriteInteger(o, Utf8);
        WriteInteger(o, (int)table.Length);
        table.WriteTo(o);
        var page = 0;
        WriteElement(o, root, offsets, ref page);
        return o.ToArray();
    }

    /// <summary>Marks an element whose text is base64 to be sent as the decoded bytes in one OPAQUE.</summary>
    public const string OpaqueMarker = "wbxml-opaque";

    private static void WriteElement(MemoryStream o, XElement e, Dictionary<string, int> literals, ref int page)
    {
        var content = e.Nodes().Any(n => n is XElement || n is XText);
        if (Tokens.TryGetValue(e.Name.LocalName, out var tag))
        {
            if (tag.Page != page)
            {
                o.WriteByte(SwitchPage);
                o.WriteByte((byte)tag.Page);
                page = tag.Page;
            }

            o.WriteByte((byte)(tag.Token | (content ? HasContent : 0)));
        }
        else
        {
            o.WriteByte((byte)(Literal | (content ? HasContent : 0)));
            WriteInteger(o, literals[e.Name.LocalName]);
        }

        if (!content)
        {
            return;
        }

        if (e.Attribute(OpaqueMarker) != null)
        {
            var opaque = Convert.FromBase64String(e.Value);
            o.WriteByte(Opaque);
            WriteInteger(o, opaque.Length);
            o.Write(opaque, 0, opaque.Length);
            o.WriteByte(End);
            return;
        }

        foreach (var n in e.Nodes())
        {
            if (n is XElement child)
            {
                WriteElement(o, child, literals, ref page);
            }
            else if (n is XText text)
            {
                o.WriteByte(StrI);
                var bytes = Encoding.UTF8.GetBytes(text.Value);
                o.Write(bytes, 0, bytes.Length);
                o.WriteByte(0);
            }
        }

        o.WriteByte(End);
    }

    private static void WriteInteger(MemoryStream o, int value)
    {
        var groups = new Stack<byte>();
        var v = (uint)value;
        groups.Push((byte)(v & 0x7F));
        while ((v >>= 7) != 0)
        {
            groups.Push((byte)(0x80 | (v & 0x7F)));
        }

        while (groups.Count > 0)
        {
            o.WriteByte(groups.Pop());
        }
    }

    private static Dictionary<string, (int, int)> BuildTokens()
    {
        var d = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < Page0.Length; i++)
        {
            if (Page0[i] != null)
            {
                d[Page0[i]] = (0, i + 5);
            }
        }

        for (var i = 0; i < Page1.Length; i++)
        {
            d[Page1[i]] = (1, i + 5);
        }

        return d;
    }

    /// <summary>One decoding run over a message.</summary>
    private sealed class Decoder
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        private readonly byte[] b;
        private int pos;
        private int tableStart;
        private int tableLength;
        private XNamespace syncMlNs = SyncMl.Ns;
        private int page;

        public Decoder(byte[] bytes)
        {
            b = bytes ?? throw new FormatException("no WBXML body");
        }

        public XDocument Run()
        {
            var version = Byte();
            if (version < 1 || version > 3)
            {
                throw Error("not WBXML 1.1–1.3 (version byte 0x" + version.ToString("X2") + ")", 0);
            }

            var publicId = Integer();
            var publicIdIndex = publicId == 0 ? Integer() : -1;
            var charset = Integer();
            if (charset != Utf8)
            {
                throw Error("charset MIBenum " + charset + " is not UTF-8 (106)", pos - 1);
            }

            tableLength = Integer();
            if (tableLength > b.Length - pos)
            {
                throw Error("string table longer than the message", pos);
            }

            tableStart = pos;
            pos += tableLength;
            var fpi = publicIdIndex >= 0 ? TableString(publicIdIndex) : null;
            if (publicId == PublicIdSyncMl11 || fpi == "-//SYNCML//DTD SyncML 1.1//EN")
            {
                syncMlNs = SyncMl11;
            }
            else if (publicId != PublicIdSyncMl12 && publicId != PublicIdUnknown && fpi != "-//SYNCML//DTD SyncML 1.2//EN")
            {
                throw Error(fpi != null ? "public id '" + fpi + "' is not SyncML 1.1/1.2" : "public id 0x" + publicId.ToString("X") + " is not SyncML 1.1/1.2", 1);
            }

            XElement root = null;
            var open = new Stack<XElement>();
            while (pos < b.Length)
            {
                var at = pos;
                var t = Byte();
                if (t == SwitchPage)
                {
                    page = Byte();
                    if (page > 1)
                    {
                        throw Error("code page " + page + " is neither SyncML (0) nor MetInf (1)", at);
                    }
                }
                else if (t == End)
                {
                    if (open.Count == 0)
                    {
                        throw Error("END without an open element", at);
                    }

                    open.Pop();
                }
                else if (t == StrI || t == StrT || t == Entity || t == Opaque)
                {
                    if (open.Count == 0)
                    {
                        throw Error("text outside the root element", at);
                    }

                    // added as a string, adjacent pieces (STR_I, STR_T, ...) merge into one text node
                    open.Peek().Add(Text(t));
                }
                else if (t == Pi || (t & 0x3F) < 4)
                {
                    throw Error("token 0x" + t.ToString("X2") + " (PI or extension) is not used in SyncML", at);
                }
                else
                {
                    if ((t & HasAttributes) != 0)
                    {
                        throw Error("attributes are not used in SyncML", at);
                    }

                    if (root != null && open.Count == 0)
                    {
                        throw Error("content after the root element", at);
                    }

                    if (open.Count >= MaxDepth)
                    {
                        throw Error("elements nested deeper than " + MaxDepth, at);
                    }

                    var e = new XElement(ElementName(t, at));
                    if (open.Count > 0)
                    {
                        open.Peek().Add(e);
                    }
                    else
                    {
                        root = e;
                    }

                    if ((t & HasContent) != 0)
                    {
                        open.Push(e);
                    }
                }
            }

            if (root == null)
            {
                throw Error("no root element", pos);
            }

            if (open.Count > 0)
            {
                throw Error("message ends inside <" + open.Peek().Name.LocalName + ">", pos);
            }

            return new XDocument(root);
        }

        private XName ElementName(int t, int at)
        {
            var ns = page == 1 ? SyncMl.MetInf : syncMlNs;
            if ((t & 0x3F) == Literal)
            {
                var literal = TableString(Integer());
                try
                {
                    return ns + System.Xml.XmlConvert.VerifyNCName(literal);
                }
                catch (System.Xml.XmlException)
                {
                    throw Error("LITERAL tag name '" + literal + "' is not an XML name", at);
                }
            }

            var index = (t & 0x3F) - 5;
            var names = page == 0 ? Page0 : Page1;
            var name = index >= 0 && index < names.Length ? names[index] : null;
            return name != null ? ns + name : throw Error("unknown tag 0x" + (t & 0x3F).ToString("X2") + " on code page " + page, at);
        }

        private string Text(int t)
        {
            if (t == StrI)
            {
                var end = Array.IndexOf(b, (byte)0, pos);
                if (end < 0)
                {
                    throw Error("unterminated inline string", pos);
                }

                var s = Utf8Text(pos, end - pos);
                pos = end + 1;
                return s;
            }

            if (t == StrT)
            {
                return TableString(Integer());
            }

            if (t == Entity)
            {
                var c = Integer();
                var valid = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                return valid ? char.ConvertFromUtf32(c) : throw Error("ENTITY " + c + " is not a character XML can carry", pos);
            }

            var length = Integer();
            if (length > b.Length - pos)
            {
                throw Error("OPAQUE longer than the message", pos);
            }

            string text;
            try
            {
                text = System.Xml.XmlConvert.VerifyXmlChars(StrictUtf8.GetString(b, pos, length));
            }
            catch (Exception ex) when (ex is DecoderFallbackException || ex is System.Xml.XmlException)
            {
                text = Convert.ToBase64String(b, pos, length);
            }

            pos += length;
            return text;
        }

        private string TableString(int offset)
        {
            if (offset < 0 || offset >= tableLength)
            {
                throw Error("string table offset " + offset + " outside the table (" + tableLength + " bytes)", pos);
            }

            // the last string may run to the end of the table without a NUL (AOSP's test messages have that)
            var start = tableStart + offset;
            var end = Array.IndexOf(b, (byte)0, start, tableLength - offset);
            return Utf8Text(start, (end < 0 ? tableStart + tableLength : end) - start);
        }

        private string Utf8Text(int start, int length)
        {
            try
            {
                return System.Xml.XmlConvert.VerifyXmlChars(StrictUtf8.GetString(b, start, length));
            }
            catch (Exception ex) when (ex is DecoderFallbackException || ex is System.Xml.XmlException)
            {
                throw Error("string is not UTF-8 text that XML can carry", start);
            }
        }

        private int Byte()
        {
            if (pos >= b.Length)
            {
                throw Error("message ends early", pos);
            }

            return b[pos++];
        }

        private int Integer()
        {
            var at = pos;
            long v = 0;
            for (var i = 0; i < 5; i++)
            {
                var x = Byte();
                v = (v << 7) | (uint)(x & 0x7F);
                if ((x & 0x80) == 0)
                {
                    return v <= int.MaxValue ? (int)v : throw Error("multi-byte integer too large", at);
                }
            }

            throw Error("multi-byte integer longer than 5 bytes", at);
        }

        private static FormatException Error(string message, int offset)
        {
            return new FormatException(message + " (byte " + offset + ")");
        }
    }
}

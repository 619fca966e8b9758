using System.Collections;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NanoOmaDm.Agent.Protocol;

namespace NanoOmaDm.Tests.Protocol
{
    /// <summary>The independent side of the codec tests: builds the expected model from a document with LINQ to
    /// XML, and dumps models as text so two of them compare with a readable diff.</summary>
    internal static class SyncMlOracle
    {
        public static readonly XNamespace SyncMl = "SYNCML:SYNCML1.2";
        public static readonly XNamespace MetInf = "syncml:metinf";

        private static readonly string[] CommandNames =
        {
            "Add", "Alert", "Atomic", "Copy", "Delete", "Exec", "Get", "Replace", "Results", "Sequence", "Status",
            "Sync", "Map", "Put", "Search", "Move"
        };

        public static XDocument Load(byte[] document)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(document), settings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }

        public static SyncMessage ToModel(XDocument document)
        {
            XElement root = document.Root;
            var message = new SyncMessage();
            XElement header = Child(root, "SyncHdr");
            SyncHeader h = message.Header;
            h.VerDtd = Leaf(header, "VerDTD");
            h.VerProto = Leaf(header, "VerProto");
            h.SessionId = Leaf(header, "SessionID");
            h.MsgId = Leaf(header, "MsgID");
            h.TargetUri = Leaf(Child(header, "Target"), "LocURI");
            h.TargetName = Leaf(Child(header, "Target"), "LocName");
            h.SourceUri = Leaf(Child(header, "Source"), "LocURI");
            h.SourceName = Leaf(Child(header, "Source"), "LocName");
            h.RespUri = Leaf(header, "RespURI");
            h.Cred = ToCred(Child(header, "Cred"));
            h.Meta = ToMeta(Child(header, "Meta"));
            foreach (XElement e in Child(root, "SyncBody").Elements())
            {
                if (e.Name.LocalName == "Final")
                {
                    message.Final = true;
                }
                else
                {
                    message.Commands.Add(ToCommand(e));
                }
            }
            return message;
        }

        private static Command ToCommand(XElement e)
        {
            var c = new Command(e.Name.LocalName)
            {
                CmdId = Leaf(e, "CmdID"),
                NoResp = Child(e, "NoResp") != null,
                Meta = ToMeta(Child(e, "Meta")),
                Cred = ToCred(Child(e, "Cred")),
                Data = Child(e, "Data")?.Value,
                Correlator = Leaf(e, "Correlator"),
                MsgRef = Leaf(e, "MsgRef"),
                CmdRef = Leaf(e, "CmdRef"),
                Cmd = Leaf(e, "Cmd"),
            };
            XElement chal = Child(e, "Chal");
            if (chal != null)
            {
                c.Chal = ToMeta(Child(chal, "Meta")) ?? new Meta();
            }
            foreach (XElement x in e.Elements())
            {
                switch (x.Name.LocalName)
                {
                    case "TargetRef":
                        c.TargetRefs.Add(x.Value.Trim());
                        break;
                    case "SourceRef":
                        c.SourceRefs.Add(x.Value.Trim());
                        break;
                    case "Item":
                        c.AddItem(ToItem(x));
                        break;
                    default:
                        if (CommandNames.Contains(x.Name.LocalName))
                        {
                            c.Children.Add(ToCommand(x));
                        }
                        break;
                }
            }
            return c;
        }

        private static Item ToItem(XElement e)
        {
            return new Item
            {
                TargetUri = Leaf(Child(e, "Target"), "LocURI"),
                TargetName = Leaf(Child(e, "Target"), "LocName"),
                SourceUri = Leaf(Child(e, "Source"), "LocURI"),
                SourceName = Leaf(Child(e, "Source"), "LocName"),
                Meta = ToMeta(Child(e, "Meta")),
                Data = Child(e, "Data")?.Value,
                MoreData = Child(e, "MoreData") != null,
            };
        }

        private static Cred ToCred(XElement e)
        {
            if (e == null)
            {
                return null;
            }
            Meta meta = ToMeta(Child(e, "Meta"));
            return new Cred { Type = meta?.Type, Format = meta?.Format, Data = Child(e, "Data")?.Value };
        }

        private static Meta ToMeta(XElement e)
        {
            if (e == null)
            {
                return null;
            }
            XElement inner = Child(e, "MetInf") ?? e;
            return new Meta
            {
                Type = Leaf(inner, "Type"),
                Format = Leaf(inner, "Format"),
                Mark = Leaf(inner, "Mark"),
                NextNonce = Leaf(inner, "NextNonce"),
                Version = Leaf(inner, "Version"),
                Emi = Leaf(inner, "EMI"),
                Size = Number(Leaf(inner, "Size")),
                MaxMsgSize = Number(Leaf(inner, "MaxMsgSize")),
                MaxObjSize = Number(Leaf(inner, "MaxObjSize")),
            };
        }

        private static long Number(string s)
        {
            return s == null ? -1 : long.Parse(s);
        }

        private static XElement Child(XElement e, string localName)
        {
            return e?.Elements().FirstOrDefault(x => x.Name.LocalName == localName);
        }

        private static string Leaf(XElement e, string localName)
        {
            return Child(e, localName)?.Value.Trim();
        }

        public static string Dump(SyncMessage m)
        {
            var s = new StringBuilder();
            SyncHeader h = m.Header;
            s.AppendLine("Hdr VerDTD=" + Q(h.VerDtd) + " VerProto=" + Q(h.VerProto) + " Session=" + Q(h.SessionId) + " Msg=" + Q(h.MsgId));
            s.AppendLine("  Target=" + Q(h.TargetUri) + "/" + Q(h.TargetName) + " Source=" + Q(h.SourceUri) + "/" + Q(h.SourceName) + " RespURI=" + Q(h.RespUri));
            s.AppendLine("  Cred=" + Dump(h.Cred) + " Meta=" + Dump(h.Meta));
            foreach (Command c in m.Commands)
            {
                Dump(s, c, "");
            }
            s.AppendLine("Final=" + m.Final);
            return s.ToString();
        }

        private static void Dump(StringBuilder s, Command c, string indent)
        {
            s.AppendLine(indent + c.Name + " CmdID=" + Q(c.CmdId) + " NoResp=" + c.NoResp + " Data=" + Q(c.Data) + " Correlator=" + Q(c.Correlator));
            s.AppendLine(indent + "  MsgRef=" + Q(c.MsgRef) + " CmdRef=" + Q(c.CmdRef) + " Cmd=" + Q(c.Cmd) + " TargetRefs=" + List(c.TargetRefs) + " SourceRefs=" + List(c.SourceRefs));
            s.AppendLine(indent + "  Meta=" + Dump(c.Meta) + " Cred=" + Dump(c.Cred) + " Chal=" + Dump(c.Chal));
            foreach (Item i in c.Items)
            {
                s.AppendLine(indent + "  Item T=" + Q(i.TargetUri) + "/" + Q(i.TargetName) + " S=" + Q(i.SourceUri) + "/" + Q(i.SourceName)
                    + " Meta=" + Dump(i.Meta) + " Data=" + Q(i.Data) + " MoreData=" + i.MoreData);
            }
            foreach (Command child in c.Children)
            {
                Dump(s, child, indent + "    ");
            }
        }

        private static string Dump(Meta m)
        {
            if (m == null)
            {
                return "null";
            }
            return "{Type=" + Q(m.Type) + " Format=" + Q(m.Format) + " Mark=" + Q(m.Mark) + " NextNonce=" + Q(m.NextNonce) + " Version=" + Q(m.Version)
                + " EMI=" + Q(m.Emi) + " Size=" + m.Size + " MaxMsgSize=" + m.MaxMsgSize + " MaxObjSize=" + m.MaxObjSize + "}";
        }

        private static string Dump(Cred c)
        {
            return c == null ? "null" : "{Type=" + Q(c.Type) + " Format=" + Q(c.Format) + " Data=" + Q(c.Data) + "}";
        }

        private static string List(ArrayList values)
        {
            return "[" + string.Join(",", values.Cast<string>().Select(Q)) + "]";
        }

        /// <summary>Quoted and escaped so that null, "" and control characters stay visible in a diff.</summary>
        private static string Q(string s)
        {
            if (s == null)
            {
                return "null";
            }
            var b = new StringBuilder("\"");
            foreach (char ch in s)
            {
                if (ch < 0x20 || ch == '"' || ch == '\\' || ch > 0x7E)
                {
                    b.Append("\\u").Append(((int)ch).ToString("X4"));
                }
                else
                {
                    b.Append(ch);
                }
            }
            return b.Append('"').ToString();
        }
    }
}

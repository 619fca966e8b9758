using System.Text;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.Tests.Protocol;
using Xunit;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>Models to encode, and the helpers that run the agent's codecs over them.</summary>
    internal static class WbxmlModels
    {
        public static SyncMessage ParseXml(byte[] xml)
        {
            var parser = new SyncMlParser(32, 64 * 1024);
            SyncMessage m = parser.Parse(xml, 0, xml.Length);
            Assert.True(m != null, "XML parser: " + parser.Error);
            return m;
        }

        public static SyncMessage ParseWbxml(byte[] wbxml)
        {
            var parser = new SyncMlParser(32, 64 * 1024, SyncMlEncoding.Wbxml);
            SyncMessage m = parser.Parse(wbxml, 0, wbxml.Length);
            Assert.True(m != null, "WBXML parser: " + parser.Error);
            Assert.Null(parser.Error);
            return m;
        }

        /// <summary>The message as one writer of that encoding writes it (all commands must fit).</summary>
        public static byte[] Write(SyncMessage m, SyncMlEncoding encoding, int capacity = 64 * 1024)
        {
            var writer = new SyncMlWriter(capacity, encoding);
            Assert.True(writer.Begin(m.Header));
            foreach (Command c in m.Commands)
            {
                Assert.True(writer.TryAppend(c), "did not fit: " + c.Name + " " + c.CmdId);
            }
            int length = writer.Finish(m.Final);
            return writer.Buffer.Take(length).ToArray();
        }

        /// <summary><see cref="SyncMlOracle.Dump"/> plus the opaque bytes of every item.</summary>
        public static string Dump(SyncMessage m)
        {
            var s = new StringBuilder(SyncMlOracle.Dump(m));
            AppendOpaque(s, m.Commands, "");
            return s.ToString();
        }

        private static void AppendOpaque(StringBuilder s, System.Collections.ArrayList commands, string path)
        {
            for (int i = 0; i < commands.Count; i++)
            {
                var c = (Command)commands[i];
                for (int j = 0; j < c.Items.Count; j++)
                {
                    byte[] opaque = ((Item)c.Items[j]).OpaqueData;
                    if (opaque != null)
                    {
                        s.AppendLine("Opaque " + path + i + "." + j + " = " + Convert.ToHexString(opaque));
                    }
                }
                AppendOpaque(s, c.Children, path + i + "/");
            }
        }

        public static Item Item(string target = null, string source = null, string data = null, Meta meta = null, bool moreData = false)
        {
            return new Item { TargetUri = target, SourceUri = source, Data = data, Meta = meta, MoreData = moreData };
        }

        public static Command Cmd(string name, string cmdId, params Item[] items)
        {
            var c = new Command(name) { CmdId = cmdId };
            foreach (Item i in items)
            {
                c.AddItem(i);
            }
            return c;
        }

        /// <summary>The golden Pkg#1 skeleton (digest §1.13) as a model.</summary>
        public static SyncMessage GoldenPkg1()
        {
            var m = new SyncMessage { Final = true };
            m.Header.SessionId = "1";
            m.Header.MsgId = "1";
            m.Header.TargetUri = "http://s";
            m.Header.SourceUri = "IMEI:1";
            m.Header.Meta = new Meta { MaxMsgSize = 8192 };
            Command alert = Cmd("Alert", "1");
            alert.Data = "1201";
            m.Commands.Add(alert);
            return m;
        }

        /// <summary>A client message using every field the writer knows: header with Cred and Meta, statuses with
        /// Chal and references, Results with b64 and chr data, a large-object chunk, a Generic Alert, Exec, an
        /// Atomic in a Sequence, NoResp, text that needs escaping in XML and non-ASCII text.</summary>
        public static SyncMessage ClientPackage3()
        {
            var m = new SyncMessage { Final = true };
            SyncHeader h = m.Header;
            h.SessionId = "4D2";
            h.MsgId = "2";
            h.TargetUri = "https://dm.example.com/oma?s=4Eq5AA==&x=1";
            h.SourceUri = "IMEI:493005100592800";
            h.SourceName = "Bruce2";
            h.Cred = new Cred { Type = "syncml:auth-md5", Format = "b64", Data = "Zz6EivR3yeaaENcRN6lpAQ==" };
            h.Meta = new Meta { MaxMsgSize = 16384, MaxObjSize = 1048576 };

            var hdrStatus = Cmd("Status", "1");
            hdrStatus.MsgRef = "1";
            hdrStatus.CmdRef = "0";
            hdrStatus.Cmd = "SyncHdr";
            hdrStatus.TargetRefs.Add("IMEI:493005100592800");
            hdrStatus.SourceRefs.Add("https://dm.example.com/oma");
            hdrStatus.Chal = new Meta { Type = "syncml:auth-md5", Format = "b64", NextNonce = "ZG9iZWhhdmUNCg==" };
            hdrStatus.Data = "212";

            var itemStatus = Cmd("Status", "2", Item(target: "./Vendor/X"));
            itemStatus.MsgRef = "1";
            itemStatus.CmdRef = "4";
            itemStatus.Cmd = "Replace";
            itemStatus.Data = "404";

            var results = Cmd("Results", "3",
                Item(source: "./DevInfo/Mod", data: "Model <X> & \"Y\" Ünïcødé € \U0001F600"),
                Item(source: "./DevDetail/URI", data: "", meta: new Meta { Format = "node" }),
                Item(source: "./DevDetail/FwV", data: "AAECAwQFBgcICQoLDA0ODw==", meta: new Meta { Format = "b64", Type = "application/octet-stream", Size = 16 }));
            results.MsgRef = "1";
            results.CmdRef = "3";
            results.Meta = new Meta { Format = "chr", Type = "text/plain" };
            results.TargetRefs.Add("./DevInfo/Mod");
            results.SourceRefs.Add("./DevInfo/Mod");

            var chunk = Cmd("Results", "4", Item(source: "./Vendor/Log", data: "TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQ=",
                meta: new Meta { Format = "b64", Size = 8000 }, moreData: true));
            chunk.MsgRef = "1";
            chunk.CmdRef = "5";

            var generic = Cmd("Alert", "5", Item(source: "./SCOMO/Download/P/Operations/DownloadInstall", target: "./SCOMO/Inventory/Deployed/C1",
                data: "<ResultCode>1200</ResultCode><Identifier>C1</Identifier>",
                meta: new Meta { Type = "urn:oma:at:scomo:1.0:OperationComplete", Format = "xml", Mark = "critical" }));
            generic.Data = "1226";
            generic.Correlator = "corr-42";

            var replace = Cmd("Replace", "6",
                Item(source: "./DevInfo/DevId", data: "IMEI:493005100592800", meta: new Meta { Format = "chr", Type = "text/plain" }),
                Item(source: "./Vendor/Blob", data: "SGVsbG8=", meta: new Meta { Format = "b64", Size = 1000, Version = "1.0", Emi = "x", MaxObjSize = 4096 }, moreData: true));
            replace.NoResp = true;

            var exec = Cmd("Exec", "7", Item(target: "./Reboot", data: "now"));
            exec.Correlator = "c-7";
            exec.Meta = new Meta { Format = "chr" };

            var atomic = Cmd("Atomic", "8");
            atomic.Children.Add(Cmd("Add", "9", Item(target: "./A", data: "1")));
            atomic.Children.Add(Cmd("Delete", "10", Item(target: "./B")));
            var sequence = Cmd("Sequence", "11");
            sequence.Children.Add(Cmd("Get", "12", Item(target: "./C")));
            sequence.Children.Add(atomic);
            sequence.Children.Add(Cmd("Copy", "13", Item(target: "./D", source: "./E")));

            var alert = Cmd("Alert", "14", Item(data: "MINDT=10&MAXDT=30"), Item(data: "Proceed?"));
            alert.Data = "1101";

            foreach (Command c in new[] { hdrStatus, itemStatus, results, chunk, generic, replace, exec, sequence, alert })
            {
                m.Commands.Add(c);
            }
            return m;
        }
    }
}

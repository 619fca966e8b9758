using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using Xunit;

namespace NanoOmaDm.Tests.Protocol
{
    public class SyncMlWriterTests
    {
        private static readonly XNamespace MetInf = "syncml:metinf";

        /// <summary>Content models of the SyncML 1.2 / MetInf DTDs (children as "Name " sequences), as DM uses them.</summary>
        private static readonly Dictionary<string, Regex> ContentModels = new Dictionary<string, Regex>
        {
            ["SyncML"] = new Regex("^SyncHdr SyncBody $"),
            ["SyncHdr"] = new Regex("^VerDTD VerProto SessionID MsgID Target Source (RespURI )?(NoResp )?(Cred )?(Meta )?$"),
            ["SyncBody"] = new Regex("^((Alert|Atomic|Copy|Delete|Exec|Get|Replace|Results|Sequence|Status|Add) )*(Final )?$"),
            ["Status"] = new Regex("^CmdID MsgRef CmdRef Cmd (TargetRef )*(SourceRef )*(Cred )?(Chal )?Data (Item )*$"),
            ["Results"] = new Regex("^CmdID (MsgRef )?CmdRef (Meta )?(TargetRef )?(SourceRef )?(Item )+$"),
            ["Alert"] = new Regex("^CmdID (NoResp )?(Cred )?(Data )?(Correlator )?(Item )*$"),
            ["Exec"] = new Regex("^CmdID (NoResp )?(Cred )?(Meta )?(Correlator )?Item $"),
            ["Add"] = new Regex("^CmdID (NoResp )?(Cred )?(Meta )?(Item )+$"),
            ["Copy"] = new Regex("^CmdID (NoResp )?(Cred )?(Meta )?(Item )+$"),
            ["Delete"] = new Regex("^CmdID (NoResp )?(Cred )?(Meta )?(Item )+$"),
            ["Get"] = new Regex("^CmdID (NoResp )?(Cred )?(Meta )?(Item )+$"),
            ["Replace"] = new Regex("^CmdID (NoResp )?(Cred )?(Meta )?(Item )+$"),
            ["Atomic"] = new Regex("^CmdID (NoResp )?(Meta )?((Add|Delete|Copy|Atomic|Replace|Sequence|Get|Exec|Alert) )+$"),
            ["Sequence"] = new Regex("^CmdID (NoResp )?(Meta )?((Add|Replace|Delete|Copy|Atomic|Get|Alert|Exec) )+$"),
            ["Item"] = new Regex("^(Target )?(Source )?(Meta )?(Data )?(MoreData )?$"),
            ["Target"] = new Regex("^LocURI (LocName )?$"),
            ["Source"] = new Regex("^LocURI (LocName )?$"),
            ["Cred"] = new Regex("^(Meta )?Data $"),
            ["Chal"] = new Regex("^Meta $"),
            ["Meta"] = new Regex("^(Format )?(Type )?(Mark )?(Size )?(Version )?(NextNonce )?(MaxMsgSize )?(MaxObjSize )?(EMI )*$"),
        };

        private static SyncHeader Header(string msgId = "2")
        {
            return new SyncHeader
            {
                SessionId = "1A2B",
                MsgId = msgId,
                TargetUri = "https://dm.example.com/oma",
                SourceUri = "IMEI:493005100592800",
                SourceName = "user",
                Cred = new Cred { Type = "syncml:auth-md5", Format = "b64", Data = "Zz6EivR3yeaaENcRN6lpAQ==" },
                Meta = new Meta { MaxMsgSize = 8192, MaxObjSize = 65536 },
            };
        }

        private static Item Item(string target = null, string source = null, string data = null, Meta meta = null, bool moreData = false)
        {
            return new Item { TargetUri = target, SourceUri = source, Data = data, Meta = meta, MoreData = moreData };
        }

        private static Command Cmd(string name, string cmdId, params Item[] items)
        {
            var c = new Command(name) { CmdId = cmdId };
            foreach (Item i in items)
            {
                c.AddItem(i);
            }
            return c;
        }

        /// <summary>A client Pkg#3 using every field the writer knows.</summary>
        private static List<Command> Package3Commands()
        {
            var hdrStatus = Cmd("Status", "1");
            hdrStatus.MsgRef = "1";
            hdrStatus.CmdRef = "0";
            hdrStatus.Cmd = "SyncHdr";
            hdrStatus.TargetRefs.Add("IMEI:493005100592800");
            hdrStatus.SourceRefs.Add("https://dm.example.com/oma");
            hdrStatus.Chal = new Meta { Type = "syncml:auth-md5", Format = "b64", NextNonce = "ZG9iZWhhdmUNCg==" };
            hdrStatus.Data = "200";

            var alertStatus = Cmd("Status", "2", Item(data: "2"));
            alertStatus.MsgRef = "1";
            alertStatus.CmdRef = "15";
            alertStatus.Cmd = "Alert";
            alertStatus.Data = "200";

            var results = Cmd("Results", "3", Item(source: "./DevInfo/Mod", data: "Model <X> & \"Y\"\r\n"), Item(source: "./DevDetail/URI", data: "", meta: new Meta { Format = "node" }));
            results.MsgRef = "1";
            results.CmdRef = "3";
            results.Meta = new Meta { Format = "chr", Type = "text/plain" };
            results.TargetRefs.Add("./DevInfo/Mod");
            results.SourceRefs.Add("./DevInfo/Mod");

            var generic = Cmd("Alert", "4", Item(source: "./SCOMO/Download/P/Operations/DownloadInstall", target: "./SCOMO/Inventory/Deployed/C1",
                data: "<ResultCode>1200</ResultCode><Identifier>C1</Identifier>",
                meta: new Meta { Type = "urn:oma:at:scomo:1.0:OperationComplete", Format = "xml", Mark = "critical" }));
            generic.Data = "1226";
            generic.Correlator = "corr-42";

            var replace = Cmd("Replace", "5",
                Item(source: "./DevInfo/DevId", data: "IMEI:493005100592800", meta: new Meta { Format = "chr", Type = "text/plain" }),
                Item(source: "./Vendor/Blob", data: "SGVsbG8=", meta: new Meta { Format = "b64", Size = 1000, Version = "1.0", Emi = "x" }, moreData: true));
            replace.NoResp = true;

            var exec = Cmd("Exec", "6", Item(target: "./Reboot"));
            exec.Correlator = "c-7";
            exec.Meta = new Meta { Format = "chr" };

            var atomic = Cmd("Atomic", "7");
            atomic.Children.Add(Cmd("Add", "8", Item(target: "./A", data: "1")));
            atomic.Children.Add(Cmd("Delete", "9", Item(target: "./B")));
            var sequence = Cmd("Sequence", "10");
            sequence.Children.Add(Cmd("Get", "11", Item(target: "./C")));
            sequence.Children.Add(atomic);
            sequence.Children.Add(Cmd("Copy", "12", Item(target: "./D", source: "./E")));

            return new List<Command> { hdrStatus, alertStatus, results, generic, replace, exec, sequence };
        }

        private static SyncMessage Model(SyncHeader header, IEnumerable<Command> commands, bool final)
        {
            var m = new SyncMessage { Header = header, Final = final };
            foreach (Command c in commands)
            {
                m.Commands.Add(c);
            }
            return m;
        }

        private static byte[] Write(SyncMlWriter writer, SyncHeader header, IEnumerable<Command> commands, bool final)
        {
            Assert.True(writer.Begin(header));
            foreach (Command c in commands)
            {
                Assert.True(writer.TryAppend(c));
            }
            int length = writer.Finish(final);
            Assert.Equal(writer.Length, length);
            return writer.Buffer.Take(length).ToArray();
        }

        private static void AssertContentModels(XDocument doc)
        {
            foreach (XElement e in doc.Descendants())
            {
                if (ContentModels.TryGetValue(e.Name.LocalName, out Regex model))
                {
                    string children = string.Concat(e.Elements().Select(x => x.Name.LocalName + " "));
                    Assert.True(model.IsMatch(children), e.Name.LocalName + " has children '" + children + "'");
                }
            }
        }

        [Fact]
        public void Written_message_is_read_back_identically_by_LINQ_to_XML_and_by_the_parser()
        {
            SyncHeader header = Header();
            List<Command> commands = Package3Commands();
            byte[] bytes = Write(new SyncMlWriter(8192), header, commands, true);
            string expected = SyncMlOracle.Dump(Model(header, commands, true));

            XDocument doc = SyncMlOracle.Load(bytes);
            Assert.Equal(expected, SyncMlOracle.Dump(SyncMlOracle.ToModel(doc)));
            var parser = new SyncMlParser(32, 8192);
            Assert.Equal(expected, SyncMlOracle.Dump(parser.Parse(bytes, 0, bytes.Length)));
        }

        [Fact]
        public void Element_order_follows_the_SyncML_DTD()
        {
            byte[] bytes = Write(new SyncMlWriter(8192), Header(), Package3Commands(), true);
            XDocument doc = SyncMlOracle.Load(bytes);
            AssertContentModels(doc);
            Assert.Equal(SyncMlOracle.SyncMl, doc.Root.Name.Namespace);
        }

        [Fact]
        public void MetInf_elements_declare_their_namespace_themselves()
        {
            byte[] bytes = Write(new SyncMlWriter(8192), Header(), Package3Commands(), true);
            string text = Encoding.UTF8.GetString(bytes);
            Assert.StartsWith("<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1A2B</SessionID>", text);
            Assert.Contains("<Meta><MaxMsgSize xmlns=\"syncml:metinf\">8192</MaxMsgSize><MaxObjSize xmlns=\"syncml:metinf\">65536</MaxObjSize></Meta>", text);
            Assert.EndsWith("<Final/></SyncBody></SyncML>", text);
            XDocument doc = SyncMlOracle.Load(bytes);
            foreach (XElement meta in doc.Descendants(SyncMlOracle.SyncMl + "Meta"))
            {
                foreach (XElement child in meta.Elements())
                {
                    Assert.Equal(MetInf, child.Name.Namespace);
                    Assert.Equal("syncml:metinf", child.Attribute("xmlns")?.Value);
                }
            }
        }

        [Fact]
        public void Empty_data_is_an_empty_element_and_null_data_is_left_out()
        {
            var results = Cmd("Results", "1", Item(source: "./a", data: ""), Item(source: "./b"));
            results.CmdRef = "2";
            var writer = new SyncMlWriter(1024);
            string text = Encoding.UTF8.GetString(Write(writer, Header(), new[] { results }, false));
            Assert.Contains("<Item><Source><LocURI>./a</LocURI></Source><Data/></Item><Item><Source><LocURI>./b</LocURI></Source></Item>", text);
            Assert.EndsWith("</Results></SyncBody></SyncML>", text);
            Assert.DoesNotContain("Final", text);
        }

        [Fact]
        public void Random_models_round_trip_through_LINQ_to_XML_and_the_parser()
        {
            var random = new Random(77);
            var writer = new SyncMlWriter(64 * 1024);
            var parser = new SyncMlParser(48, 64 * 1024);
            for (int n = 0; n < 300; n++)
            {
                SyncHeader header = RandomHeader(random);
                var commands = Enumerable.Range(0, 1 + random.Next(6)).Select(_ => RandomCommand(random, 0)).ToList();
                bool final = random.Next(2) == 0;
                byte[] bytes = Write(writer, header, commands, final);
                string expected = SyncMlOracle.Dump(Model(header, commands, final));
                XDocument doc = SyncMlOracle.Load(bytes);
                AssertContentModels(doc);
                Assert.Equal(expected, SyncMlOracle.Dump(SyncMlOracle.ToModel(doc)));
                Assert.Equal(expected, SyncMlOracle.Dump(parser.Parse(bytes, 0, bytes.Length)));
            }
        }

        /// <summary>Values as the parser gives them back: leaves other than Data are trimmed, so leaf values here
        /// carry no outer whitespace; Data may hold anything XML can carry.</summary>
        private static string Leaf(Random random) => XmlPullReaderTests.RandomText(random, 12).Trim() + "x";

        private static string Data(Random random) => random.Next(4) == 0 ? null : XmlPullReaderTests.RandomText(random, 40);

        private static Meta RandomMeta(Random random)
        {
            if (random.Next(3) == 0)
            {
                return null;
            }
            var meta = new Meta
            {
                Format = random.Next(2) == 0 ? "b64" : null,
                Type = random.Next(2) == 0 ? Leaf(random) : null,
                Mark = random.Next(4) == 0 ? "critical" : null,
                Size = random.Next(3) == 0 ? random.Next() : -1,
                Version = random.Next(5) == 0 ? "1.0" : null,
                NextNonce = random.Next(4) == 0 ? Leaf(random) : null,
                MaxMsgSize = random.Next(5) == 0 ? random.Next() : -1,
                MaxObjSize = random.Next(5) == 0 ? (long)random.Next() * 1000 : -1,
                Emi = random.Next(6) == 0 ? Leaf(random) : null,
            };
            // The writer leaves an empty Meta out, so it reads back as none.
            return meta.IsEmpty ? null : meta;
        }

        private static SyncHeader RandomHeader(Random random)
        {
            return new SyncHeader
            {
                SessionId = Leaf(random),
                MsgId = random.Next(1000).ToString(),
                TargetUri = Leaf(random),
                TargetName = random.Next(2) == 0 ? Leaf(random) : null,
                SourceUri = Leaf(random),
                SourceName = random.Next(2) == 0 ? Leaf(random) : null,
                RespUri = random.Next(3) == 0 ? Leaf(random) : null,
                Cred = random.Next(2) == 0 ? new Cred { Type = "syncml:auth-basic", Format = random.Next(2) == 0 ? "b64" : null, Data = Leaf(random) } : null,
                Meta = RandomMeta(random),
            };
        }

        private static Item RandomItem(Random random)
        {
            return new Item
            {
                TargetUri = random.Next(2) == 0 ? Leaf(random) : null,
                TargetName = null,
                SourceUri = random.Next(2) == 0 ? Leaf(random) : null,
                SourceName = null,
                Meta = RandomMeta(random),
                Data = Data(random),
                MoreData = random.Next(5) == 0,
            };
        }

        private static readonly string[] Containers = { "Atomic", "Sequence" };
        private static readonly string[] Plain = { "Add", "Copy", "Delete", "Get", "Replace" };

        private static Command RandomCommand(Random random, int depth)
        {
            int kind = random.Next(depth < 3 ? 6 : 5);
            Command c;
            switch (kind)
            {
                case 0:
                    c = new Command("Status") { MsgRef = "1", CmdRef = Leaf(random), Cmd = "Get", Data = "200" };
                    for (int i = random.Next(3); i > 0; i--)
                    {
                        c.TargetRefs.Add(Leaf(random));
                    }
                    for (int i = random.Next(3); i > 0; i--)
                    {
                        c.SourceRefs.Add(Leaf(random));
                    }
                    if (random.Next(3) == 0)
                    {
                        c.Chal = new Meta { Type = "syncml:auth-md5", Format = "b64", NextNonce = Leaf(random) };
                    }
                    AddItems(random, c, 0);
                    break;
                case 1:
                    c = new Command("Results") { MsgRef = random.Next(2) == 0 ? "1" : null, CmdRef = Leaf(random), Meta = RandomMeta(random) };
                    if (random.Next(2) == 0)
                    {
                        c.TargetRefs.Add(Leaf(random));
                    }
                    if (random.Next(2) == 0)
                    {
                        c.SourceRefs.Add(Leaf(random));
                    }
                    AddItems(random, c, 1);
                    break;
                case 2:
                    c = new Command("Alert") { NoResp = random.Next(4) == 0, Data = random.Next(4) == 0 ? null : "1226", Correlator = random.Next(3) == 0 ? Leaf(random) : null };
                    AddItems(random, c, 0);
                    break;
                case 3:
                    c = new Command("Exec") { NoResp = random.Next(4) == 0, Meta = RandomMeta(random), Correlator = random.Next(2) == 0 ? Leaf(random) : null };
                    c.AddItem(RandomItem(random));
                    break;
                case 4:
                    c = new Command(Plain[random.Next(Plain.Length)]) { NoResp = random.Next(4) == 0, Meta = RandomMeta(random) };
                    AddItems(random, c, 1);
                    break;
                default:
                    c = new Command(Containers[random.Next(2)]) { NoResp = random.Next(4) == 0, Meta = RandomMeta(random) };
                    for (int i = 1 + random.Next(3); i > 0; i--)
                    {
                        Command child = RandomCommand(random, depth + 1);
                        // Status and Results never nest; the DTD lets a Sequence hold an Atomic but not a Sequence.
                        if (child.Name == "Status" || child.Name == "Results" || (c.Name == "Sequence" && child.Name == "Sequence"))
                        {
                            child = new Command("Get") { CmdId = "9" };
                            child.AddItem(RandomItem(random));
                        }
                        c.Children.Add(child);
                    }
                    break;
            }
            c.CmdId = random.Next(100).ToString();
            return c;
        }

        private static void AddItems(Random random, Command c, int min)
        {
            for (int i = min + random.Next(3); i > 0; i--)
            {
                c.AddItem(RandomItem(random));
            }
        }

        [Fact]
        public void TryAppend_refuses_when_full_and_leaves_the_buffer_unchanged()
        {
            var random = new Random(3);
            for (int capacity = 600; capacity < 4000; capacity += 37)
            {
                var writer = new SyncMlWriter(capacity);
                Assert.True(writer.Begin(Header()));
                int refusals = 0;
                for (int n = 0; n < 60 && refusals < 3; n++)
                {
                    Command c = RandomCommand(random, 0);
                    int size = writer.Measure(c);
                    int remaining = writer.Remaining;
                    int length = writer.Length;
                    byte[] before = writer.Buffer.ToArray();
                    bool appended = writer.TryAppend(c);
                    Assert.Equal(size <= remaining, appended);
                    if (appended)
                    {
                        Assert.Equal(length + size, writer.Length);
                        Assert.Equal(remaining - size, writer.Remaining);
                    }
                    else
                    {
                        refusals++;
                        Assert.Equal(length, writer.Length);
                        Assert.Equal(remaining, writer.Remaining);
                        Assert.Equal(before, writer.Buffer);
                    }
                }
                bool final = capacity % 2 == 0;
                int total = writer.Finish(final);
                Assert.InRange(total, 1, capacity);
                XDocument doc = SyncMlOracle.Load(writer.Buffer.Take(total).ToArray());
                Assert.Equal(final, doc.Root.Element(SyncMlOracle.SyncMl + "SyncBody").Element(SyncMlOracle.SyncMl + "Final") != null);
                Assert.False(writer.TryAppend(Cmd("Get", "1", Item(target: "./x"))), "no appends after Finish");
            }
        }

        [Fact]
        public void A_message_filled_to_the_last_byte_still_closes_within_the_capacity()
        {
            var probe = new SyncMlWriter(100000);
            probe.Begin(Header());
            int headerLength = probe.Length;
            Command filler(int dataLength) => Cmd("Replace", "1", Item(target: "./x", data: new string('d', dataLength)));
            int overhead = probe.Measure(filler(1)) - 1;
            const int closing = 28; // "<Final/></SyncBody></SyncML>"
            int capacity = headerLength + overhead + 50 + closing;

            var writer = new SyncMlWriter(capacity);
            Assert.True(writer.Begin(Header()));
            Assert.Equal(overhead + 50, writer.Remaining);
            Assert.False(writer.TryAppend(filler(51)));
            Assert.True(writer.TryAppend(filler(50)));
            Assert.Equal(0, writer.Remaining);
            Assert.Equal(capacity, writer.Finish(true));
            Assert.EndsWith("</Replace><Final/></SyncBody></SyncML>", Encoding.UTF8.GetString(writer.Buffer));
        }

        [Fact]
        public void Header_that_does_not_fit_makes_Begin_fail_and_nothing_is_sent()
        {
            var writer = new SyncMlWriter(120);
            Assert.False(writer.Begin(Header()));
            Assert.Equal(0, writer.Remaining);
            Assert.False(writer.TryAppend(Cmd("Get", "1", Item(target: "./x"))));
            Assert.Equal(-1, writer.Finish(true));
            Assert.Equal(-1, new SyncMlWriter(10).Finish(false));
        }

        [Fact]
        public void The_buffer_is_reused_for_the_next_message()
        {
            var writer = new SyncMlWriter(4096);
            byte[] buffer = writer.Buffer;
            byte[] first = Write(writer, Header("1"), Package3Commands(), false);
            Command get = Cmd("Get", "1", Item(target: "./x"));
            byte[] second = Write(writer, Header("2"), new[] { get }, true);
            Assert.Same(buffer, writer.Buffer);
            Assert.True(second.Length < first.Length);
            SyncMessage m = new SyncMlParser(32, 4096).Parse(second, 0, second.Length);
            Assert.Equal("2", m.Header.MsgId);
            Assert.Single(m.Commands.Cast<Command>());
        }

        [Fact]
        public void Measure_of_a_chunk_plus_CharsThatFit_fills_the_remaining_space()
        {
            // How the session sizes a large-object chunk: measure the command without data, fit the data into the rest.
            string large = string.Concat(Enumerable.Repeat("ab<&>\U0001F600é\r\n", 500));
            var writer = new SyncMlWriter(2048);
            Assert.True(writer.Begin(Header()));
            Command chunk = Cmd("Replace", "3", Item(target: "./Big", data: "", moreData: true));
            int budget = writer.Remaining - writer.Measure(chunk) + "<Data/>".Length - "<Data></Data>".Length;
            int chars = NanoOmaDm.Agent.Protocol.Xml.XmlEscape.CharsThatFit(large, 0, large.Length, budget);
            chunk.FirstItem.Data = large.Substring(0, chars);
            Assert.True(writer.TryAppend(chunk));
            Assert.InRange(writer.Remaining, 0, 5);
            int length = writer.Finish(false);
            SyncMessage m = new SyncMlParser(32, 4096).Parse(writer.Buffer, 0, length);
            Assert.Equal(large.Substring(0, chars), ((Command)m.Commands[0]).FirstItem.Data);
        }
    }
}

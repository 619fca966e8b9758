using System.Text;
using System.Xml;
using System.Xml.Linq;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using Xunit;

namespace NanoOmaDm.Tests.Protocol
{
    public class SyncMlParserTests
    {
        private static readonly XNamespace MetInf = "syncml:metinf";
        private static readonly XNamespace SyncMl12 = "SYNCML:SYNCML1.2";

        private static SyncMessage Parse(byte[] bytes, SyncMlParser parser = null)
        {
            parser ??= new SyncMlParser(32, 64 * 1024);
            SyncMessage m = parser.Parse(bytes, 0, bytes.Length);
            Assert.True(m != null, parser.Error);
            Assert.Null(parser.Error);
            return m;
        }

        private static void AssertParsesLikeOracle(byte[] bytes)
        {
            SyncMessage expected = SyncMlOracle.ToModel(SyncMlOracle.Load(bytes));
            Assert.Equal(SyncMlOracle.Dump(expected), SyncMlOracle.Dump(Parse(bytes)));
        }

        [Fact]
        public void Server_package_2_parses_like_LINQ_to_XML_reads_it()
        {
            AssertParsesLikeOracle(SyncMlSamples.Utf8(SyncMlSamples.ServerPackage2));
        }

        [Fact]
        public void Server_package_2_has_the_values_written_in_it()
        {
            SyncMessage m = Parse(SyncMlSamples.Utf8(SyncMlSamples.ServerPackage2));
            SyncHeader h = m.Header;
            Assert.Equal("1.2", h.VerDtd);
            Assert.Equal("DM/1.2", h.VerProto);
            Assert.Equal("1A2B", h.SessionId);
            Assert.Equal("dmserver", h.SourceName);
            Assert.Equal("https://dm.example.com/oma?s=4Eq5AA==&x=1", h.RespUri);
            Assert.Equal("syncml:auth-md5", h.Cred.Type);
            Assert.Equal("b64", h.Cred.Format);
            Assert.Equal("Zz6EivR3yeaaENcRN6lpAQ==", h.Cred.Data);
            Assert.Equal(8192, h.Meta.MaxMsgSize);
            Assert.Equal(65536, h.Meta.MaxObjSize);
            Assert.True(m.Final);

            string[] names = m.Commands.Cast<Command>().Select(c => c.Name).ToArray();
            Assert.Equal(new[] { "Status", "Status", "Get", "Replace", "Add", "Exec", "Atomic", "Sequence", "Alert", "Results" }, names);

            Command hdrStatus = (Command)m.Commands[0];
            Assert.Equal("SyncHdr", hdrStatus.Cmd);
            Assert.Equal("0", hdrStatus.CmdRef);
            Assert.Equal("212", hdrStatus.Data);
            Assert.Equal("ZG9iZWhhdmUNCg==", hdrStatus.Chal.NextNonce);
            Assert.Equal("syncml:auth-md5", hdrStatus.Chal.Type);
            Assert.Equal(new[] { "https://dm.example.com/oma" }, hdrStatus.TargetRefs.Cast<string>());

            Command get = (Command)m.Commands[2];
            Assert.Equal(3, get.Items.Count);
            Assert.Equal("./DevDetail/URI?list=Struct", ((Item)get.Items[2]).TargetUri);

            Item replaced = ((Command)m.Commands[3]).FirstItem;
            Assert.Equal("https://dm.example.com/oma?a=1&b=<2>€€\U0001F600", replaced.Data);
            Assert.Equal("chr", replaced.Meta.Format);
            Assert.Equal("text/plain", replaced.Meta.Type);

            Command add = (Command)m.Commands[4];
            Assert.Equal("node", ((Item)add.Items[0]).Meta.Format);
            Assert.Null(((Item)add.Items[0]).Data);
            Assert.Equal("http://files.example.com/pkg?a=1&b=<2>", ((Item)add.Items[1]).Data);
            Item chunk = (Item)add.Items[2];
            Assert.Equal("SGVsbG8sIHdvcmxkIQ0KSGk=", chunk.Data);
            Assert.Equal(24, chunk.Meta.Size);
            Assert.True(chunk.MoreData);
            Assert.False(((Item)add.Items[1]).MoreData);

            Command exec = (Command)m.Commands[5];
            Assert.Equal("corr-42", exec.Correlator);
            Assert.Equal("", exec.FirstItem.Data);

            Command atomic = (Command)m.Commands[6];
            Assert.Equal(new[] { "Add", "Replace", "Delete" }, atomic.Children.Cast<Command>().Select(c => c.Name));
            Assert.Equal("9", ((Command)atomic.Children[1]).CmdId);

            Command alert = (Command)((Command)m.Commands[7]).Children[0];
            Assert.Equal("1101", alert.Data);
            Assert.Equal("MINDT=10&MAXDT=30&DR=1", alert.FirstItem.Data);

            Command choice = (Command)m.Commands[8];
            Assert.Equal(4, choice.Items.Count);
            Assert.Null(choice.FirstItem.Data);
            Assert.Equal("Beta", ((Item)choice.Items[3]).Data);

            Command results = (Command)m.Commands[9];
            Assert.Equal("3", results.CmdRef);
            Assert.Equal("chr", results.Meta.Format);
            Assert.Equal("./DevInfo/Mod", results.FirstItem.SourceUri);
            Assert.Equal("Model X", results.FirstItem.Data);
        }

        [Fact]
        public void Client_package_1_with_a_MetInf_prefix_on_the_root()
        {
            byte[] bytes = SyncMlSamples.Utf8(SyncMlSamples.ClientPackage1Prefixed);
            AssertParsesLikeOracle(bytes);
            SyncMessage m = Parse(bytes);
            Assert.Equal("syncml:auth-basic", m.Header.Cred.Type);
            Assert.Equal(8192, m.Header.Meta.MaxMsgSize);
            Assert.Equal("chr", ((Command)m.Commands[1]).FirstItem.Meta.Format);
        }

        public static IEnumerable<object[]> Variants()
        {
            return new[]
            {
                "as-is", "compact", "indented", "bom-and-declaration", "metinf-prefix-on-root", "metinf-prefix-on-meta",
                "metinf-in-syncml-namespace", "metinf-wrapper", "syncml-1.1", "lower-case-namespace", "no-namespace",
                "syncml-prefix", "cdata-data", "comments-and-pis", "char-references",
            }.Select(v => new object[] { v });
        }

        [Theory]
        [MemberData(nameof(Variants))]
        public void Variants_built_with_XDocument_parse_like_LINQ_to_XML_reads_them(string variant)
        {
            XDocument doc = SyncMlOracle.Load(SyncMlSamples.Utf8(SyncMlSamples.ServerPackage2));
            byte[] bytes = Serialize(Transform(doc, variant), variant);
            if (variant == "char-references")
            {
                bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Install", "&#x49;ns&#116;all"));
            }
            AssertParsesLikeOracle(bytes);
            // The transformations must not lose anything the original carried.
            Assert.Equal(SyncMlOracle.Dump(Parse(SyncMlSamples.Utf8(SyncMlSamples.ServerPackage2))), SyncMlOracle.Dump(Parse(bytes)));
        }

        private static XDocument Transform(XDocument doc, string variant)
        {
            List<XElement> metInf = doc.Descendants().Where(e => e.Name.Namespace == MetInf).ToList();
            switch (variant)
            {
                case "metinf-prefix-on-root":
                    StripNamespaceDeclarations(doc);
                    doc.Root.Add(new XAttribute(XNamespace.Xmlns + "mi", MetInf.NamespaceName));
                    break;
                case "metinf-prefix-on-meta":
                    StripNamespaceDeclarations(doc);
                    foreach (XElement meta in doc.Descendants(SyncMl12 + "Meta"))
                    {
                        meta.Add(new XAttribute(XNamespace.Xmlns + ("m" + meta.Ancestors().Count()), MetInf.NamespaceName));
                    }
                    break;
                case "metinf-in-syncml-namespace":
                    StripNamespaceDeclarations(doc);
                    metInf.ForEach(e => e.Name = SyncMl12 + e.Name.LocalName);
                    break;
                case "metinf-wrapper":
                    foreach (XElement meta in doc.Descendants(SyncMl12 + "Meta").ToList())
                    {
                        var wrapper = new XElement(MetInf + "MetInf", meta.Elements());
                        meta.RemoveNodes();
                        meta.Add(wrapper);
                    }
                    break;
                case "syncml-1.1":
                case "lower-case-namespace":
                case "no-namespace":
                    XNamespace target = variant == "syncml-1.1" ? "SYNCML:SYNCML1.1" : variant == "no-namespace" ? XNamespace.None : "syncml:syncml1.2";
                    StripNamespaceDeclarations(doc);
                    foreach (XElement e in doc.Descendants().ToList())
                    {
                        if (e.Name.Namespace == SyncMl12 || variant == "no-namespace")
                        {
                            e.Name = target + e.Name.LocalName;
                        }
                    }
                    break;
                case "syncml-prefix":
                    StripNamespaceDeclarations(doc);
                    doc.Root.Add(new XAttribute(XNamespace.Xmlns + "s", SyncMl12.NamespaceName));
                    break;
                case "cdata-data":
                    foreach (XElement data in doc.Descendants(SyncMl12 + "Data").Where(d => !d.HasElements && d.Value.Length > 0))
                    {
                        data.ReplaceNodes(new XCData(data.Value));
                    }
                    break;
                case "comments-and-pis":
                    foreach (XElement e in doc.Descendants().ToList())
                    {
                        e.AddFirst(new XComment(" before "));
                        e.Add(new XProcessingInstruction("app", "after"));
                    }
                    break;
            }
            return doc;
        }

        private static void StripNamespaceDeclarations(XDocument doc)
        {
            foreach (XElement e in doc.Descendants())
            {
                e.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            }
        }

        private static byte[] Serialize(XDocument doc, string variant)
        {
            var output = new MemoryStream();
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(variant == "bom-and-declaration"),
                OmitXmlDeclaration = variant != "bom-and-declaration",
                Indent = variant == "indented",
            };
            using (XmlWriter writer = XmlWriter.Create(output, settings))
            {
                (variant == "as-is" ? doc : new XDocument(doc.Root)).Save(writer);
            }
            return output.ToArray();
        }

        [Fact]
        public void Data_holding_elements_is_kept_as_its_source_markup()
        {
            const string tree = "<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD><Node><NodeName>a&amp;b</NodeName><Value>&lt;x&gt;</Value></Node><!--c--></MgmtTree>";
            string doc = "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Replace><CmdID>1</CmdID><Item><Meta><Format xmlns='syncml:metinf'>xml</Format></Meta><Data>" + tree + "</Data></Item></Replace></SyncBody></SyncML>";
            SyncMessage m = Parse(SyncMlSamples.Utf8(doc));
            string data = ((Command)m.Commands[0]).FirstItem.Data;
            Assert.Equal(tree, data);
            XElement original = XElement.Parse(tree);
            Assert.True(XNode.DeepEquals(original, XElement.Parse(data)));
        }

        [Fact]
        public void Commands_DM_does_not_use_keep_their_names_and_unknown_elements_are_skipped()
        {
            const string doc = @"<SyncML xmlns='SYNCML:SYNCML1.2'>
<Unknown><SyncBody/></Unknown>
<SyncHdr><VerDTD>1.2</VerDTD><Extension><MsgID>99</MsgID></Extension><MsgID>3</MsgID></SyncHdr>
<SyncBody>
  <Sync><CmdID>1</CmdID><Target><LocURI>./contacts</LocURI></Target><Add><CmdID>2</CmdID><Item><Data>x</Data></Item></Add></Sync>
  <Map><CmdID>3</CmdID><MapItem><Target><LocURI>1</LocURI></Target></MapItem></Map>
  <Put><CmdID>4</CmdID></Put>
  <Search><CmdID>5</CmdID></Search>
  <Frobnicate><CmdID>6</CmdID></Frobnicate>
  <Get xmlns:o='urn:other'><CmdID>7</CmdID><o:CmdID>bogus</o:CmdID><Lang>en</Lang>
    <Item><SourceParent><LocURI>p</LocURI></SourceParent><Target><LocURI>./a</LocURI><Other/></Target><o:Data>no</o:Data></Item>
  </Get>
  <o:Add xmlns:o='urn:other'><CmdID>8</CmdID></o:Add>
  <Final/>
</SyncBody>
</SyncML>";
            SyncMessage m = Parse(SyncMlSamples.Utf8(doc));
            Assert.Equal("3", m.Header.MsgId);
            Assert.Equal(new[] { "Sync", "Map", "Put", "Search", "Frobnicate", "Get" }, m.Commands.Cast<Command>().Select(c => c.Name));
            Command sync = (Command)m.Commands[0];
            Assert.Equal("Add", ((Command)sync.Children[0]).Name);
            Assert.Equal("x", ((Command)sync.Children[0]).FirstItem.Data);
            Command get = (Command)m.Commands[5];
            Assert.Equal("7", get.CmdId);
            Assert.Equal("./a", get.FirstItem.TargetUri);
            Assert.Null(get.FirstItem.Data);
            Assert.True(m.Final);
        }

        [Fact]
        public void Leaf_values_are_trimmed_but_Data_is_kept_as_transported()
        {
            const string doc = "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><VerDTD>\n 1.2 \n</VerDTD><Meta><MaxMsgSize xmlns='syncml:metinf'> 4096 </MaxMsgSize></Meta></SyncHdr>"
                + "<SyncBody><Replace><CmdID> 4 </CmdID><Item><Target><LocURI>\r\n  ./x\r\n</LocURI></Target><Data>  two  spaces \r\n</Data></Item></Replace></SyncBody></SyncML>";
            SyncMessage m = Parse(SyncMlSamples.Utf8(doc));
            Assert.Equal("1.2", m.Header.VerDtd);
            Assert.Equal(4096, m.Header.Meta.MaxMsgSize);
            Command replace = (Command)m.Commands[0];
            Assert.Equal("4", replace.CmdId);
            Assert.Equal("./x", replace.FirstItem.TargetUri);
            Assert.Equal("  two  spaces \n", replace.FirstItem.Data);
            Assert.False(m.Final);
        }

        [Fact]
        public void Absent_header_fields_stay_null()
        {
            SyncMessage m = Parse(SyncMlSamples.Utf8("<SyncML><SyncHdr/><SyncBody/></SyncML>"));
            Assert.Null(m.Header.VerDtd);
            Assert.Null(m.Header.VerProto);
            Assert.Null(m.Header.Meta);
            Assert.Null(m.Header.Cred);
            Assert.Empty(m.Commands);
        }

        [Theory]
        [InlineData("<SyncMl><SyncHdr/><SyncBody/></SyncMl>", "root element")]
        [InlineData("<SyncML xmlns='urn:other'><SyncHdr/><SyncBody/></SyncML>", "root element")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/></SyncML>", "missing")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncBody/><SyncHdr/></SyncML>", "SyncBody must come")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncHdr/><SyncBody/></SyncML>", "SyncHdr must come")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody/><SyncBody/></SyncML>", "SyncBody must come")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><Meta><MaxMsgSize xmlns='syncml:metinf'>8k</MaxMsgSize></Meta></SyncHdr><SyncBody/></SyncML>", "invalid number '8k' in MaxMsgSize")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Add><Item><Meta><Size xmlns='syncml:metinf'>-1</Size></Meta></Item></Add></SyncBody></SyncML>", "invalid number")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Add><Item><Data>&bogus;</Data></Item></Add></SyncBody></SyncML>", "undefined entity")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Add><Item></Add></Item></SyncBody></SyncML>", "does not match")]
        [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Add>", "not closed")]
        public void Structural_and_XML_errors_give_null_and_say_where(string doc, string reason)
        {
            var parser = new SyncMlParser(32, 1000);
            byte[] bytes = SyncMlSamples.Utf8(doc);
            Assert.Null(parser.Parse(bytes, 0, bytes.Length));
            Assert.Contains(reason, parser.Error);
            Assert.Contains("(byte ", parser.Error);
            Assert.Contains("/", parser.Error);
        }

        [Fact]
        public void Error_names_the_element_path()
        {
            var parser = new SyncMlParser(32, 1000);
            const string doc = "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Add><Item><Data>&bogus;</Data></Item></Add></SyncBody></SyncML>";
            byte[] bytes = SyncMlSamples.Utf8(doc);
            Assert.Null(parser.Parse(bytes, 0, bytes.Length));
            Assert.Contains("at /SyncML/SyncBody/Add/Item/Data (byte " + doc.IndexOf("&bogus") + ")", parser.Error);
        }

        [Fact]
        public void Data_length_limit_applies_to_text_and_to_markup()
        {
            var parser = new SyncMlParser(32, 100);
            string ok = "<SyncML><SyncHdr/><SyncBody><Add><Item><Data>" + new string('a', 100) + "</Data></Item></Add></SyncBody></SyncML>";
            string tooLong = ok.Replace(new string('a', 100), new string('a', 101));
            string markup = ok.Replace(new string('a', 100), "<x>" + new string('a', 90) + "</x><y/>");
            Assert.NotNull(parser.Parse(SyncMlSamples.Utf8(ok), 0, SyncMlSamples.Utf8(ok).Length));
            Assert.Null(parser.Parse(SyncMlSamples.Utf8(tooLong), 0, SyncMlSamples.Utf8(tooLong).Length));
            Assert.Contains("longer than 100", parser.Error);
            Assert.Null(parser.Parse(SyncMlSamples.Utf8(markup), 0, SyncMlSamples.Utf8(markup).Length));
            Assert.Contains("longer than 100", parser.Error);
        }

        [Fact]
        public void Parses_a_range_inside_a_larger_buffer_and_is_reusable()
        {
            var parser = new SyncMlParser(32, 64 * 1024);
            byte[] message = SyncMlSamples.Utf8(SyncMlSamples.ServerPackage2);
            byte[] framed = new byte[message.Length + 20];
            framed.AsSpan(0, 10).Fill((byte)'<');
            framed.AsSpan(message.Length + 10).Fill((byte)'&');
            message.CopyTo(framed, 10);
            string expected = SyncMlOracle.Dump(Parse(message));
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(expected, SyncMlOracle.Dump(parser.Parse(framed, 10, message.Length)));
                Assert.Null(parser.Parse(framed, 0, message.Length));
                Assert.NotNull(parser.Error);
                Assert.Equal(expected, SyncMlOracle.Dump(Parse(message, parser)));
            }
            Assert.Null(parser.Parse(null, 0, 10));
            Assert.Null(parser.Parse(framed, framed.Length - 2, 5));
        }
    }
}

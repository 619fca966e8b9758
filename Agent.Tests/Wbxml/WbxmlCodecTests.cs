using System.Text;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.Tests.Protocol;
using Xunit;
using B = NanoOmaDm.Tests.Wbxml.WbxmlBuilder;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>The agent's WBXML decoder and encoder on hand-made vectors: header forms, token kinds, opaque data,
    /// inline markup, the writer's size accounting, and the codec factory.</summary>
    public class WbxmlCodecTests
    {
        private static SyncMlParser Parser(int maxData = 64 * 1024)
        {
            return new SyncMlParser(32, maxData, SyncMlEncoding.Wbxml);
        }

        private static string Reject(byte[] wbxml, int maxData = 64 * 1024)
        {
            SyncMlParser parser = Parser(maxData);
            Assert.Null(parser.Parse(wbxml, 0, wbxml.Length));
            Assert.False(string.IsNullOrEmpty(parser.Error));
            return parser.Error;
        }

        /// <summary>A message whose body is one Replace with one Item holding the given Data content.</summary>
        private static byte[] ReplaceWithData(Action<B> data, B doc = null)
        {
            doc ??= B.Document();
            doc.Header().Tag(B.SyncBody).Tag(B.Replace).Leaf(B.CmdID, "1").Tag(B.Item).Tag(B.Data);
            data(doc);
            return doc.End().End().End().Close();
        }

        private static Item OnlyItem(SyncMessage m)
        {
            return ((Command)m.Commands[0]).FirstItem;
        }

        [Fact]
        public void Golden_vector_decodes_to_the_Pkg1_skeleton()
        {
            SyncMessage m = WbxmlModels.ParseWbxml(WbxmlSamples.GoldenPkg1);
            Assert.Equal("1.2", m.Header.VerDtd);
            Assert.Equal("DM/1.2", m.Header.VerProto);
            Assert.Equal("1", m.Header.SessionId);
            Assert.Equal("1", m.Header.MsgId);
            Assert.Equal("http://s", m.Header.TargetUri);
            Assert.Equal("IMEI:1", m.Header.SourceUri);
            Assert.Equal(8192, m.Header.Meta.MaxMsgSize);
            Command alert = Assert.IsType<Command>(Assert.Single(m.Commands.Cast<Command>()));
            Assert.Equal("Alert", alert.Name);
            Assert.Equal("1", alert.CmdId);
            Assert.Equal("1201", alert.Data);
            Assert.True(m.Final);
            Assert.Equal(SyncMlOracle.Dump(WbxmlModels.ParseXml(WbxmlSamples.Utf8(WbxmlSamples.GoldenPkg1Xml))), SyncMlOracle.Dump(m));
        }

        [Fact]
        public void Golden_vector_as_printed_in_the_digest_lacks_an_END_and_is_rejected()
        {
            // The digest shows "... 01 01 00 00 6B ..." after MaxMsgSize: SyncHdr is never closed.
            string complete = Convert.ToHexString(WbxmlSamples.GoldenPkg1);
            Assert.Contains("0101010000", complete);
            byte[] printed = Convert.FromHexString(complete.Replace("0101010000", "01010000", StringComparison.Ordinal));
            Assert.Contains("not closed", Reject(printed));
        }

        [Fact]
        public void Agent_encoding_of_the_golden_model_equals_the_golden_vector()
        {
            Assert.Equal(Convert.ToHexString(WbxmlSamples.GoldenPkg1), Convert.ToHexString(WbxmlModels.Write(WbxmlModels.GoldenPkg1(), SyncMlEncoding.Wbxml)));
        }

        [Fact]
        public void Every_header_form_gives_the_same_model()
        {
            string expected = SyncMlOracle.Dump(WbxmlModels.ParseWbxml(Pkg(B.Document())));
            byte[] fpi12 = B.Table(out _, "-//SYNCML//DTD SyncML 1.2//EN");
            byte[] fpi11 = B.Table(out _, "-//SYNCML//DTD SyncML 1.1//EN");
            var forms = new[]
            {
                B.Document(version: 0x01), B.Document(version: 0x02), B.Document(publicId: 0x0FD3), B.Document(publicId: 0x01),
                B.Document(version: 0x02, publicId: 0, table: fpi11), B.Document(publicId: 0, table: fpi12),
            };
            foreach (B form in forms)
            {
                Assert.Equal(expected, SyncMlOracle.Dump(WbxmlModels.ParseWbxml(Pkg(form))));
            }
        }

        private static byte[] Pkg(B doc)
        {
            return doc.Header().Tag(B.SyncBody).Tag(B.Alert).Leaf(B.CmdID, "1").Leaf(B.Data, "1201").End().Tag(B.Final).Close();
        }

        [Fact]
        public void AOSP_style_string_table_public_id_for_SyncML_11_with_VerDTD_12_is_accepted()
        {
            // 02 00 00 6A 1D "-//SYNCML//DTD SyncML 1.1//EN" ... as in AOSP dm12/testget.wbxml: the 29-byte table
            // is the public id without a terminating NUL
            byte[] table = WbxmlSamples.Ascii("-//SYNCML//DTD SyncML 1.1//EN");
            byte[] doc = Pkg(B.Document(version: 0x02, publicId: 0, table: table));
            Assert.Equal(WbxmlSamples.Hex("02 00 00 6A 1D"), doc.Take(5).ToArray());
            SyncMessage m = WbxmlModels.ParseWbxml(doc);
            Assert.Equal("1.2", m.Header.VerDtd);
        }

        [Theory]
        [InlineData(0x00, 0x1201, 0x6A, "version")]
        [InlineData(0x04, 0x1201, 0x6A, "version")]
        [InlineData(0x03, 0x1203, 0x6A, "public id 0x1203")]
        [InlineData(0x03, 0x1201, 0x04, "charset MIBenum 4")]
        [InlineData(0x03, 0x1201, 0x03, "only UTF-8")]
        public void Unsupported_versions_public_ids_and_charsets_are_refused_clearly(byte version, uint publicId, uint charset, string reason)
        {
            Assert.Contains(reason, Reject(Pkg(B.Document(version, publicId, charset))));
        }

        [Fact]
        public void Public_id_string_of_another_document_type_is_refused()
        {
            byte[] table = B.Table(out _, "-//SYNCML//DTD DevInf 1.2//EN");
            Assert.Contains("not SyncML", Reject(Pkg(B.Document(publicId: 0, table: table))));
        }

        [Fact]
        public void String_table_references_entities_and_inline_strings_make_one_value()
        {
            byte[] table = B.Table(out int[] at, "IMEI:", "Vendor/");
            byte[] doc = ReplaceWithData(d => d.Str("./").StrT((uint)at[1]).Entity(0x20AC).Entity(0x1F600).Switch(1).Str(" x"),
                B.Document(table: table));
            Item item = OnlyItem(WbxmlModels.ParseWbxml(doc));
            Assert.Equal("./Vendor/€\U0001F600 x", item.Data);
            Assert.Null(item.OpaqueData);
        }

        [Fact]
        public void Opaque_text_becomes_Data_and_opaque_binary_becomes_OpaqueData()
        {
            Item text = OnlyItem(WbxmlModels.ParseWbxml(ReplaceWithData(d => d.Opaque(Encoding.UTF8.GetBytes("chr via OPAQUE €")))));
            Assert.Equal("chr via OPAQUE €", text.Data);
            Assert.Null(text.OpaqueData);

            byte[] binary = { 0x00, 0xFF, 0x10, 0x80, 0xC3, 0x01 };
            Item bin = OnlyItem(WbxmlModels.ParseWbxml(ReplaceWithData(d => d.Opaque(binary))));
            Assert.Null(bin.Data);
            Assert.Equal(binary, bin.OpaqueData);

            Item empty = OnlyItem(WbxmlModels.ParseWbxml(ReplaceWithData(d => d.Opaque(new byte[0]))));
            Assert.Equal("", empty.Data);
            Assert.Null(empty.OpaqueData);
        }

        [Fact]
        public void Opaque_text_is_accepted_outside_items_but_binary_is_not()
        {
            byte[] ok = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.CmdID).Opaque(WbxmlSamples.Ascii("7")).End()
                .Tag(B.Data).Opaque(WbxmlSamples.Ascii("1201")).End().End().Close();
            Command alert = (Command)WbxmlModels.ParseWbxml(ok).Commands[0];
            Assert.Equal("7", alert.CmdId);
            Assert.Equal("1201", alert.Data);

            byte[] bad = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).Opaque(new byte[] { 0xFF, 0x01 }).End().End().Close();
            Assert.Contains("binary OPAQUE", Reject(bad));
        }

        [Fact]
        public void Opaque_next_to_strings_must_be_text()
        {
            Item item = OnlyItem(WbxmlModels.ParseWbxml(ReplaceWithData(d => d.Str("a").Opaque(WbxmlSamples.Ascii("b")).Str("c"))));
            Assert.Equal("abc", item.Data);
            Assert.Contains("not UTF-8 text", Reject(ReplaceWithData(d => d.Str("a").Opaque(new byte[] { 0xFF }))));
        }

        [Fact]
        public void Inline_markup_in_Data_becomes_XML_text_like_the_XML_parser_gives()
        {
            byte[] table = B.Table(out int[] at, "ResultCode", "Identifier", "Empty");
            byte[] doc = ReplaceWithData(d => d
                .Byte(0x44).Int((uint)at[0]).Str("1200").End()                 // LITERAL_C ResultCode
                .Byte(0x44).Int((uint)at[1]).Str("C1 & <2>").End()             // LITERAL_C Identifier
                .Byte(0x04).Int((uint)at[2])                                   // LITERAL Empty (no content)
                .Tag(B.Item).Leaf(B.LocURI, "x").End()                         // SyncML tags are plain markup here
                .Switch(1).Tag(B.Type).Str("t").End().Switch(0).Str("tail"),
                B.Document(table: table));
            Item item = OnlyItem(WbxmlModels.ParseWbxml(doc));
            string expected = "<ResultCode>1200</ResultCode><Identifier>C1 &amp; &lt;2&gt;</Identifier><Empty/><Item><LocURI>x</LocURI></Item>"
                + "<Type xmlns=\"syncml:metinf\">t</Type>tail";
            Assert.Equal(expected, item.Data);
            // the XML parser gives the same string for the same content written as XML
            byte[] xml = WbxmlSamples.Utf8("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr/><SyncBody><Replace><Item><Data>" + expected + "</Data></Item></Replace></SyncBody></SyncML>");
            Assert.Equal(expected, OnlyItem(new SyncMlParser(32, 1024).Parse(xml, 0, xml.Length)).Data);
        }

        [Fact]
        public void Inline_markup_longer_than_the_limit_or_with_binary_data_is_an_error()
        {
            byte[] table = B.Table(out int[] at, "x");
            string twenty = new string('a', 20);
            Assert.Contains("cannot be read as XML text", Reject(ReplaceWithData(d => d.Byte(0x44).Int(0).Str(twenty).End().Byte(0x44).Int(0).Str(twenty).End(), B.Document(table: table)), 32));
            Assert.Contains("cannot be read as XML text", Reject(ReplaceWithData(d => d.Byte(0x44).Int(0).Opaque(new byte[] { 0xFF }).End(), B.Document(table: table))));
        }

        [Fact]
        public void Literal_command_in_SyncBody_reaches_the_session_like_an_unknown_XML_element()
        {
            byte[] table = B.Table(out _, "Frobnicate");
            byte[] doc = B.Document(table: table).Header().Tag(B.SyncBody).Byte(0x44).Int(0).Leaf(B.CmdID, "4").End().Tag(B.Final).Close();
            SyncMessage m = WbxmlModels.ParseWbxml(doc);
            Assert.Equal("Frobnicate", ((Command)m.Commands[0]).Name);
            Assert.Equal("4", ((Command)m.Commands[0]).CmdId);
            Assert.True(m.Final);
        }

        [Theory]
        [InlineData("attributes", 0xC6)]          // Alert with content and attributes
        [InlineData("attributes", 0xC4)]          // LITERAL_AC
        [InlineData("processing instructions", 0x43)]
        [InlineData("extension token 0x40", 0x40)]
        [InlineData("extension token 0x80", 0x80)]
        [InlineData("extension token 0xC0", 0xC0)]
        [InlineData("unknown tag 0x30", 0x70)]    // token 0x30 is unassigned on page 0
        [InlineData("unknown tag 0x3D", 0x7D)]
        public void Tokens_SyncML_does_not_use_are_refused(string reason, byte token)
        {
            byte[] doc = B.Document().Header().Tag(B.SyncBody).Byte(token).Raw(0x00, 0x00, 0x01).Close();
            Assert.Contains(reason, Reject(doc));
        }

        [Fact]
        public void Code_pages_other_than_SyncML_and_MetInf_are_refused()
        {
            Assert.Contains("code page 2", Reject(B.Document().Header().Tag(B.SyncBody).Switch(2).Tag(0x45).End().Close()));
        }

        [Fact]
        public void MetInf_tags_are_only_MetInf_on_page_1()
        {
            // Token 0x07 on page 0 is Archive, not Format: the Meta then has no Format.
            byte[] doc = B.Document().Header().Tag(B.SyncBody).Tag(B.Replace).Tag(B.Meta).Tag(0x47).Str("b64").End()
                .Switch(1).Tag(B.Type).Str("text/plain").End().End().End().Close();
            Command c = (Command)WbxmlModels.ParseWbxml(doc).Commands[0];
            Assert.Null(c.Meta.Format);
            Assert.Equal("text/plain", c.Meta.Type);
        }

        [Fact]
        public void Writer_with_OpaqueData_sends_OPAQUE_and_the_XML_writer_sends_Data()
        {
            SyncMessage model = WbxmlModels.GoldenPkg1();
            byte[] binary = { 0x00, 0x01, 0xFE, 0xFF, 0x80 };
            model.Commands.Add(WbxmlModels.Cmd("Replace", "2", new Item { TargetUri = "./Bin", OpaqueData = binary, Data = "AAH+/4A=" }));
            byte[] wbxml = WbxmlModels.Write(model, SyncMlEncoding.Wbxml);
            Item back = OnlyItem(WbxmlModels.ParseWbxml(wbxml), 1);
            Assert.Equal(binary, back.OpaqueData);
            Assert.Null(back.Data);

            Item fromXml = OnlyItem(WbxmlModels.ParseXml(WbxmlModels.Write(model, SyncMlEncoding.Xml)), 1);
            Assert.Equal("AAH+/4A=", fromXml.Data);
            Assert.Null(fromXml.OpaqueData);
        }

        private static Item OnlyItem(SyncMessage m, int command)
        {
            return ((Command)m.Commands[command]).FirstItem;
        }

        [Fact]
        public void WBXML_round_trip_gives_the_model_the_XML_round_trip_gives()
        {
            SyncMessage model = WbxmlModels.ClientPackage3();
            string viaXml = WbxmlModels.Dump(WbxmlModels.ParseXml(WbxmlModels.Write(model, SyncMlEncoding.Xml)));
            byte[] wbxml = WbxmlModels.Write(model, SyncMlEncoding.Wbxml);
            Assert.Equal(viaXml, WbxmlModels.Dump(WbxmlModels.ParseWbxml(wbxml)));
            Assert.True(wbxml.Length < WbxmlModels.Write(model, SyncMlEncoding.Xml).Length / 2, "WBXML " + wbxml.Length + " bytes");
        }

        [Fact]
        public void Measure_is_exact_also_after_a_command_that_ends_on_the_MetInf_page()
        {
            SyncMessage model = WbxmlModels.ClientPackage3();
            // ends with Item/Meta/Format: the next command needs a switch back to page 0
            Command get = WbxmlModels.Cmd("Get", "20", new Item { TargetUri = "./X", Meta = new Meta { Type = "text/plain" } });
            var writer = new SyncMlWriter(64 * 1024, SyncMlEncoding.Wbxml);
            Assert.True(writer.Begin(model.Header));
            foreach (Command c in model.Commands.Cast<Command>().Concat(new[] { get, get, get }))
            {
                int before = writer.Length;
                int measured = writer.Measure(c);
                Assert.True(writer.TryAppend(c));
                Assert.Equal(measured, writer.Length - before);
            }
            Assert.Equal(writer.Remaining, writer.Capacity - 5 - writer.Length);
        }

        [Fact]
        public void Writer_fills_to_capacity_refuses_what_does_not_fit_and_always_closes()
        {
            Command big = WbxmlModels.Cmd("Replace", "2", WbxmlModels.Item(target: "./Vendor/Data", data: new string('x', 60), meta: new Meta { Format = "chr" }));
            for (int capacity = 60; capacity < 400; capacity += 7)
            {
                var writer = new SyncMlWriter(capacity, SyncMlEncoding.Wbxml);
                if (!writer.Begin(WbxmlModels.GoldenPkg1().Header))
                {
                    Assert.Equal(-1, writer.Finish(true));
                    continue;
                }
                int appended = 0;
                while (writer.Measure(big) <= writer.Remaining)
                {
                    int before = writer.Length;
                    Assert.True(writer.TryAppend(big));
                    Assert.Equal(writer.Measure(big), writer.Length - before);
                    appended++;
                }
                byte[] snapshot = writer.Buffer.ToArray();
                int length = writer.Length;
                Assert.False(writer.TryAppend(big));
                Assert.Equal(length, writer.Length);
                Assert.Equal(snapshot, writer.Buffer);
                int total = writer.Finish(true);
                Assert.InRange(total, 1, capacity);
                SyncMessage m = WbxmlModels.ParseWbxml(writer.Buffer.Take(total).ToArray());
                Assert.Equal(appended, m.Commands.Count);
                Assert.True(m.Final);
            }
        }

        [Fact]
        public void Command_names_without_a_token_cannot_be_written()
        {
            var writer = new SyncMlWriter(1024, SyncMlEncoding.Wbxml);
            Assert.True(writer.Begin(WbxmlModels.GoldenPkg1().Header));
            var odd = WbxmlModels.Cmd("Frobnicate", "3");
            Assert.Equal(int.MaxValue, writer.Measure(odd));
            Assert.False(writer.TryAppend(odd));
            Assert.True(writer.TryAppend((Command)WbxmlModels.GoldenPkg1().Commands[0]));
        }

        [Fact]
        public void Control_characters_and_NUL_cannot_break_inline_strings()
        {
            SyncMessage model = WbxmlModels.GoldenPkg1();
            model.Commands.Add(WbxmlModels.Cmd("Replace", "2", WbxmlModels.Item(target: "./X", data: "a\0b\u0001c")));
            Item back = OnlyItem(WbxmlModels.ParseWbxml(WbxmlModels.Write(model, SyncMlEncoding.Wbxml)), 1);
            // as in XML output, characters XML cannot carry become U+FFFD
            Assert.Equal("a\uFFFDb\uFFFDc", back.Data);
        }

        [Theory]
        [InlineData("application/vnd.syncml.dm+xml", true, SyncMlEncoding.Xml)]
        [InlineData("application/vnd.syncml.dm+wbxml", true, SyncMlEncoding.Wbxml)]
        [InlineData("Application/VND.SyncML.DM+WBXML; charset=UTF-8", true, SyncMlEncoding.Wbxml)]
        [InlineData(" application/vnd.syncml.dm+xml ;charset=utf-8", true, SyncMlEncoding.Xml)]
        [InlineData("application/vnd.syncml+wbxml", true, SyncMlEncoding.Wbxml)]
        [InlineData("application/vnd.syncml+xml", true, SyncMlEncoding.Xml)]
        [InlineData("text/xml", false, SyncMlEncoding.Xml)]
        [InlineData("application/vnd.syncml.notification", false, SyncMlEncoding.Xml)]
        [InlineData("", false, SyncMlEncoding.Xml)]
        [InlineData(null, false, SyncMlEncoding.Xml)]
        public void Content_type_picks_the_encoding(string contentType, bool known, SyncMlEncoding expected)
        {
            Assert.Equal(known, SyncMlCodec.TryGetEncoding(contentType, out SyncMlEncoding encoding));
            Assert.Equal(expected, encoding);
        }

        [Fact]
        public void Factory_creates_matching_parsers_and_writers()
        {
            Assert.Equal("application/vnd.syncml.dm+wbxml", SyncMlCodec.ContentType(SyncMlEncoding.Wbxml));
            Assert.Equal("application/vnd.syncml.dm+xml", SyncMlCodec.ContentType(SyncMlEncoding.Xml));
            foreach (SyncMlEncoding e in new[] { SyncMlEncoding.Xml, SyncMlEncoding.Wbxml })
            {
                SyncMlWriter writer = SyncMlCodec.CreateWriter(e, 4096);
                SyncMlParser parser = SyncMlCodec.CreateParser(e, 16, 4096);
                Assert.Equal(e, writer.Encoding);
                Assert.Equal(e, parser.Encoding);
                byte[] bytes = WbxmlModels.Write(WbxmlModels.GoldenPkg1(), e);
                Assert.Equal(e, SyncMlCodec.Sniff(bytes, 0, bytes.Length));
                Assert.NotNull(parser.Parse(bytes, 0, bytes.Length));
            }
            Assert.Equal(SyncMlEncoding.Xml, SyncMlCodec.Sniff(new byte[0], 0, 0));
            Assert.Equal(SyncMlEncoding.Xml, SyncMlCodec.Sniff(WbxmlSamples.Utf8("\uFEFF<SyncML/>"), 0, 4));
        }

        [Fact]
        public void Parser_of_one_encoding_rejects_the_other_cleanly()
        {
            byte[] xml = WbxmlSamples.Utf8(WbxmlSamples.GoldenPkg1Xml);
            Assert.StartsWith("malformed WBXML", Reject(xml));
            var xmlParser = new SyncMlParser(32, 1024);
            Assert.Null(xmlParser.Parse(WbxmlSamples.GoldenPkg1, 0, WbxmlSamples.GoldenPkg1.Length));
            Assert.StartsWith("malformed XML", xmlParser.Error);
        }
    }
}

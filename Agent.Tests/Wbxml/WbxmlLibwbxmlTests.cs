using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.Tests.Protocol;
using Xunit;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>The agent's WBXML codec checked both ways against libwbxml (Debian libwbxml2-utils): what libwbxml
    /// encodes, the agent decodes to the model its XML parser gives for the same document; what the agent
    /// encodes, libwbxml decodes to XML that LINQ to XML reads as the model that was written.</summary>
    public class WbxmlLibwbxmlTests
    {
        [Theory]
        [MemberData(nameof(WbxmlSamples.Names), MemberType = typeof(WbxmlSamples))]
        public void Libwbxml_encoding_decodes_to_the_model_of_the_XML(string name)
        {
            byte[] xml = WbxmlSamples.Utf8(WbxmlSamples.Xml[name]);
            string expected = WbxmlModels.Dump(WbxmlModels.ParseXml(xml));
            // default (WBXML 1.3, string table), no string table, and the older versions of the format
            foreach (string[] options in new[] { new string[0], new[] { "-n" }, new[] { "-v", "1.1" }, new[] { "-v", "1.2" } })
            {
                if (options.Contains("-n") && WbxmlSamples.WithInlineMarkup.Contains(name))
                {
                    continue; // inline markup becomes LITERAL tags, which need the string table
                }
                byte[] wbxml = LibWbxml.XmlToWbxml(xml, options);
                Assert.Equal(expected, WbxmlModels.Dump(WbxmlModels.ParseWbxml(wbxml)));
            }
        }

        [Fact]
        public void Libwbxml_encodes_the_golden_XML_as_the_golden_vector()
        {
            Assert.Equal(Convert.ToHexString(WbxmlSamples.GoldenPkg1),
                Convert.ToHexString(LibWbxml.XmlToWbxml(WbxmlSamples.Utf8(WbxmlSamples.GoldenPkg1Xml))));
        }

        [Fact]
        public void Agent_encoding_of_the_golden_model_equals_libwbxmls_encoding_byte_for_byte()
        {
            byte[] libwbxml = LibWbxml.XmlToWbxml(WbxmlSamples.Utf8(WbxmlSamples.GoldenPkg1Xml));
            Assert.Equal(Convert.ToHexString(libwbxml), Convert.ToHexString(WbxmlModels.Write(WbxmlModels.GoldenPkg1(), SyncMlEncoding.Wbxml)));
        }

        [Fact]
        public void Libwbxml_string_table_references_and_opaque_data_are_decoded()
        {
            // libwbxml moves repeated strings into the string table (STR_T) and sends whitespace-bearing Data as OPAQUE
            byte[] xml = WbxmlSamples.Utf8(@"<SyncML xmlns=""SYNCML:SYNCML1.2""><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>http://s</LocURI></Target><Source><LocURI>IMEI:1</LocURI></Source></SyncHdr><SyncBody><Replace><CmdID>1</CmdID><Item><Target><LocURI>./Vendor/Value</LocURI></Target><Data>  two  spaces  </Data></Item><Item><Target><LocURI>./Vendor/Value</LocURI></Target><Data>./Vendor/Value ./Vendor/Value</Data></Item></Replace><Final/></SyncBody></SyncML>");
            byte[] wbxml = LibWbxml.XmlToWbxml(xml);
            Assert.NotEqual(0, wbxml[4]); // a string table is present
            Assert.Contains((byte)0xC3, wbxml); // OPAQUE
            SyncMessage m = WbxmlModels.ParseWbxml(wbxml);
            Assert.Equal(WbxmlModels.Dump(WbxmlModels.ParseXml(xml)), WbxmlModels.Dump(m));
            Item first = ((Command)m.Commands[0]).FirstItem;
            Assert.Equal("  two  spaces  ", first.Data);
            Assert.Null(first.OpaqueData);
            Assert.Equal("./Vendor/Value", first.TargetUri);
        }

        [Fact]
        public void Agent_encoded_messages_decode_in_libwbxml_to_the_model_that_was_written()
        {
            foreach (SyncMessage model in new[] { WbxmlModels.GoldenPkg1(), WbxmlModels.ClientPackage3() })
            {
                byte[] wbxml = WbxmlModels.Write(model, SyncMlEncoding.Wbxml);
                byte[] xml = LibWbxml.WbxmlToXml(wbxml);
                SyncMessage seen = SyncMlOracle.ToModel(SyncMlOracle.Load(xml));
                Assert.Equal(SyncMlOracle.Dump(model), SyncMlOracle.Dump(seen));
                // and MetInf elements arrive in the MetInf namespace
                Assert.All(SyncMlOracle.Load(xml).Descendants().Where(e => e.Name.LocalName == "MaxMsgSize" || e.Name.LocalName == "Format"),
                    e => Assert.Equal(SyncMlOracle.MetInf, e.Name.Namespace));
            }
        }

        [Fact]
        public void Agent_encoded_XML_samples_survive_libwbxml_unchanged()
        {
            foreach (string name in WbxmlSamples.Xml.Keys)
            {
                SyncMessage model = WbxmlModels.ParseXml(WbxmlSamples.Utf8(WbxmlSamples.Xml[name]));
                byte[] xml = LibWbxml.WbxmlToXml(WbxmlModels.Write(model, SyncMlEncoding.Wbxml));
                // The XML parser on libwbxml's XML; Data with inline markup is compared as markup text.
                Assert.Equal(WbxmlModels.Dump(model), WbxmlModels.Dump(WbxmlModels.ParseXml(xml)));
            }
        }

        [Fact]
        public void Opaque_item_data_reaches_libwbxml_as_opaque_bytes()
        {
            SyncMessage model = WbxmlModels.GoldenPkg1();
            var replace = WbxmlModels.Cmd("Replace", "2", new Item { TargetUri = "./Vendor/Bin", Meta = new Meta { Format = "bin" }, OpaqueData = WbxmlSamples.Ascii("opaque <bytes> & more") });
            model.Commands.Add(replace);
            byte[] xml = LibWbxml.WbxmlToXml(WbxmlModels.Write(model, SyncMlEncoding.Wbxml));
            System.Xml.Linq.XDocument doc = SyncMlOracle.Load(xml);
            System.Xml.Linq.XElement data = doc.Descendants(SyncMlOracle.SyncMl + "Data").Last();
            Assert.Equal("opaque <bytes> & more", data.Value);
            Assert.IsType<System.Xml.Linq.XCData>(data.FirstNode); // libwbxml shows OPAQUE as CDATA
        }
    }
}

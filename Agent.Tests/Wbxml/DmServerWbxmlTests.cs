using System.Text;
using System.Xml.Linq;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.DmServer;
using NanoOmaDm.Tests.DmServer;
using NanoOmaDm.Tests.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>The DM server's own WBXML codec (tools/DmServer, independent of the agent) checked against libwbxml
    /// both ways, and whole server sessions over WBXML with libwbxml as the client's codec.</summary>
    public sealed class DmServerWbxmlTests
    {
        private static readonly XNamespace Ns = TestDmClient.Ns;
        private static readonly XNamespace Mi = TestDmClient.Mi;
        private readonly ITestOutputHelper output;

        public DmServerWbxmlTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        /// <summary>Element names (with namespace) and text, whitespace between elements left out: what WBXML keeps
        /// of an XML document.</summary>
        private static string Canonical(XElement e)
        {
            var s = new StringBuilder("<{" + e.Name.NamespaceName + "}" + e.Name.LocalName + ">");
            bool elements = e.Elements().Any();
            foreach (XNode n in e.Nodes())
            {
                if (n is XElement child)
                {
                    s.Append(Canonical(child));
                }
                else if (n is XText text && !(elements && string.IsNullOrWhiteSpace(text.Value)))
                {
                    s.Append('"').Append(text.Value).Append('"');
                }
            }
            return s.Append("</>").ToString();
        }

        private static string Canonical(byte[] xml)
        {
            return Canonical(SyncMlOracle.Load(xml).Root);
        }

        [Theory]
        [MemberData(nameof(WbxmlSamples.Names), MemberType = typeof(WbxmlSamples))]
        public void Server_decodes_libwbxmls_encoding_to_the_original_document(string name)
        {
            byte[] xml = WbxmlSamples.Utf8(WbxmlSamples.Xml[name]);
            foreach (string[] options in new[] { new string[0], new[] { "-v", "1.1" } })
            {
                XDocument decoded = SyncMlWbxml.Decode(LibWbxml.XmlToWbxml(xml, options));
                Assert.Equal(Canonical(xml), Canonical(decoded.Root));
            }
        }

        [Theory]
        [MemberData(nameof(WbxmlSamples.Names), MemberType = typeof(WbxmlSamples))]
        public void Server_encoding_decodes_in_libwbxml_to_the_original_document(string name)
        {
            byte[] xml = WbxmlSamples.Utf8(WbxmlSamples.Xml[name]);
            byte[] wbxml = SyncMlWbxml.Encode(SyncMl.Parse(xml));
            Assert.Equal(Canonical(xml), Canonical(LibWbxml.WbxmlToXml(wbxml)));
        }

        [Fact]
        public void Server_encoding_of_the_golden_XML_is_the_golden_vector()
        {
            Assert.Equal(Convert.ToHexString(WbxmlSamples.GoldenPkg1),
                Convert.ToHexString(SyncMlWbxml.Encode(SyncMl.Parse(WbxmlSamples.Utf8(WbxmlSamples.GoldenPkg1Xml)))));
        }

        [Fact]
        public void Agent_and_server_read_each_others_WBXML_as_the_same_message()
        {
            // two independent implementations: the agent's writer → the server's decoder, and back
            SyncMessage model = WbxmlModels.ClientPackage3();
            XDocument atServer = SyncMlWbxml.Decode(WbxmlModels.Write(model, SyncMlEncoding.Wbxml));
            Assert.Equal(SyncMlOracle.Dump(model), SyncMlOracle.Dump(SyncMlOracle.ToModel(atServer)));

            byte[] serverWbxml = SyncMlWbxml.Encode(atServer);
            Assert.Equal(WbxmlModels.Dump(model), WbxmlModels.Dump(WbxmlModels.ParseWbxml(serverWbxml)));
        }

        [Fact]
        public void Server_turns_binary_opaque_data_into_base64_and_opaque_text_into_text()
        {
            SyncMessage model = WbxmlModels.GoldenPkg1();
            byte[] binary = { 0x00, 0xFF, 0x7F, 0x80 };
            model.Commands.Add(WbxmlModels.Cmd("Results", "2", new Item { SourceUri = "./Bin", OpaqueData = binary }, new Item { SourceUri = "./Txt", OpaqueData = Encoding.UTF8.GetBytes("text €") }));
            XDocument doc = SyncMlWbxml.Decode(WbxmlModels.Write(model, SyncMlEncoding.Wbxml));
            string[] data = doc.Descendants(Ns + "Item").Select(i => (string)i.Element(Ns + "Data")).ToArray();
            Assert.Equal(new[] { Convert.ToBase64String(binary), "text €" }, data);
        }

        [Fact]
        public void Server_decoder_reports_broken_WBXML_only_as_FormatException()
        {
            var random = new Random(4711);
            byte[][] seeds = { WbxmlSamples.GoldenPkg1, LibWbxml.XmlToWbxml(WbxmlSamples.Utf8(WbxmlSamples.ClientPackage3)) };
            var agent = new SyncMlParser(32, 64 * 1024, SyncMlEncoding.Wbxml);
            foreach (byte[] seed in seeds)
            {
                for (int length = 0; length < seed.Length; length++)
                {
                    Assert.Throws<FormatException>(() => SyncMlWbxml.Decode(seed.Take(length).ToArray()));
                }
            }
            for (int n = 0; n < 4000; n++)
            {
                byte[] doc = (byte[])seeds[n % seeds.Length].Clone();
                for (int e = 0; e < 1 + random.Next(3); e++)
                {
                    doc[random.Next(doc.Length)] = (byte)random.Next(256);
                }
                bool agentAccepts = agent.Parse(doc, 0, doc.Length) != null;
                try
                {
                    SyncMlWbxml.Decode(doc);
                }
                catch (FormatException)
                {
                    // what the agent accepts is well-formed WBXML, so the server must read it too
                    Assert.False(agentAccepts, "the agent accepts what the server cannot decode: " + Convert.ToHexString(doc));
                }
            }
        }

        private const string TwoPackages = """
            { "name": "two-packages", "packages": [
              { "commands": [
                { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200, "data": "TestClient" } },
                { "cmd": "Replace", "target": "./Vendor/Note", "data": "hello  world", "format": "chr", "type": "text/plain", "expect": { "status": 200 } } ] },
              { "commands": [
                { "cmd": "Get", "target": "./Vendor/Note", "expect": { "status": 200, "data": "hello  world" } },
                { "cmd": "Exec", "target": "./Vendor/Op", "data": "go", "correlator": "c-1", "expect": { "status": [200, 202] } } ] } ] }
            """;

        private static TestDmClient WbxmlClient(DmServerHost host)
        {
            var c = new TestDmClient(host.Url)
            {
                ToWbxml = xml => LibWbxml.XmlToWbxml(xml),
                FromWbxml = LibWbxml.WbxmlToXml,
            };
            c.Tree["./DevInfo/Mod"] = ("TestClient", "chr");
            c.Tree["./Vendor/Note"] = ("old", "chr");
            return c;
        }

        [Fact]
        public async Task Md5_session_over_WBXML_is_answered_in_WBXML()
        {
            using var host = DmTestHosts.Start(output, TwoPackages, o =>
            {
                o.RequiredAuth = AuthScheme.Md5;
                o.UserName = "Bruce2";
                o.Password = "OhBehave";
                o.LogMessages = true;
            });
            using var client = WbxmlClient(host);
            client.Auth = AuthScheme.Md5;
            client.User = "Bruce2";
            client.Password = "OhBehave";

            await client.RunAsync();
            var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
            Assert.True(report.Passed, report.ToString());
            Assert.True(client.Done);
            Assert.All(client.Exchanges, e => Assert.Equal(SyncMlWbxml.MediaType, e.ResponseContentType));
            Assert.All(client.Exchanges, e => Assert.Equal(0x03, e.Response[0]));
            Assert.Equal("407", (string)client.Exchanges[0].HeaderStatus.Element(Ns + "Data"));
            Assert.Equal("212", (string)client.Exchanges[1].HeaderStatus.Element(Ns + "Data"));
            Assert.Equal("syncml:auth-md5", (string)client.Exchanges[0].HeaderStatus.Descendants(Mi + "Type").Single());
            Assert.Equal("hello  world", report.Find("Get", "./Vendor/Note").ActualData);

            // the agent reads every server message
            foreach (Exchange e in client.Exchanges)
            {
                SyncMessage m = WbxmlModels.ParseWbxml(e.Response);
                Assert.Equal(SyncMlOracle.Dump(SyncMlOracle.ToModel(e.Doc)), SyncMlOracle.Dump(m));
            }
        }

        [Fact]
        public async Task Hmac_over_WBXML_signs_the_WBXML_bytes_both_ways()
        {
            using var host = DmTestHosts.Start(output, TwoPackages, o =>
            {
                o.RequiredAuth = AuthScheme.Hmac;
                o.Users["Bruce2"] = "OhBehave";
                o.AuthenticateToClient = true;
                o.ServerId = "srv-1";
                o.ServerPassword = "srv-pass";
            });
            using var client = WbxmlClient(host);
            client.Auth = AuthScheme.Hmac;
            client.User = "Bruce2";
            client.Password = "OhBehave";
            client.ServerId = "srv-1";
            client.ServerPassword = "srv-pass";
            client.RotateServerNonce = true;

            await client.RunAsync();
            var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
            Assert.True(report.Passed, report.ToString());
            Assert.All(client.Exchanges.Skip(1), e => Assert.NotNull(e.RequestHmac));
            Assert.All(client.Exchanges, e => Assert.Equal(0x03, e.Request[0]));
            Assert.Equal(client.Exchanges.Count - 1, client.ServerCredChecks.Count);
            Assert.All(client.ServerCredChecks, Assert.True);
        }

        [Fact]
        public async Task Large_object_to_a_WBXML_client_is_chunked_to_its_MaxMsgSize()
        {
            const string scenario = """
                { "name": "lrgobj", "packages": [ { "commands": [
                  { "cmd": "Add", "target": "./Vendor/Demo/Big", "format": "b64", "type": "application/octet-stream", "dataSize": 12000, "expect": { "status": 200 } },
                  { "cmd": "Get", "target": "./Vendor/Demo/Big", "expect": { "status": 200, "dataSize": 12000 } } ] } ] }
                """;
            // This client reads WBXML through XML, so the server sends the binary data as base64 text here.
            using var host = DmTestHosts.Start(output, scenario, o => o.WbxmlBinaryAsOpaque = false);
            using var client = WbxmlClient(host);
            client.MaxMsgSize = 2048;

            await client.RunAsync();
            var report = await host.WaitForSessionAsync(DmTestHosts.Wait);
            Assert.True(report.Passed, report.ToString());
            Assert.Equal(Convert.ToBase64String(DataPattern.Bytes(12000, 1)), client.Tree["./Vendor/Demo/Big"].Data);
            Assert.All(client.Exchanges, e => Assert.True(e.Response.Length <= 2048, "message of " + e.Response.Length + " bytes"));
            int chunks = client.Exchanges.Sum(e => e.Commands.Count(c => c.Name.LocalName == "Add"));
            // WBXML carries the 16000 b64 characters in fewer, fuller messages than XML would need
            Assert.InRange(chunks, 8, 10);
        }

        [Fact]
        public async Task Unusable_WBXML_is_answered_400_and_the_DS_media_type_415()
        {
            using var host = DmTestHosts.Start(output, null);
            using var client = WbxmlClient(host);
            var ex = await client.PostRawAsync(WbxmlSamples.Hex("03 A4 01 6A 00 6D 6C"), SyncMlWbxml.MediaType);
            Assert.Equal(400, ex.HttpStatus);
            Assert.Contains("malformed WBXML", ex.ResponseText);
            ex = await client.PostRawAsync(WbxmlSamples.GoldenPkg1, "application/vnd.syncml+wbxml");
            Assert.Equal(415, ex.HttpStatus);
            Assert.Contains(SyncMlWbxml.MediaType, ex.ResponseText);
            ex = await client.PostRawAsync(WbxmlSamples.GoldenPkg1, SyncMlWbxml.MediaType);
            Assert.Equal(200, ex.HttpStatus);
            Assert.Equal(SyncMlWbxml.MediaType, ex.ResponseContentType);
        }
    }
}

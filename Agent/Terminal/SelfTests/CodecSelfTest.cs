using System.Text;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;

namespace NanoOmaDm.Agent.Terminal.SelfTests
{
    /// <summary>The SyncML XML codec: a fixed server message (entities, a character reference, metinf namespace) must
    /// parse to known values, and a message written by the writer must parse back to what was written.</summary>
    public sealed class CodecSelfTest : ISelfTest
    {
        private const string ServerMessage =
            "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>"
            + "<SessionID>1A</SessionID><MsgID>2</MsgID><Target><LocURI>IMEI:1</LocURI></Target>"
            + "<Source><LocURI>http://s/dm</LocURI></Source></SyncHdr><SyncBody><Replace><CmdID>3</CmdID><Item>"
            + "<Target><LocURI>./A/B</LocURI></Target><Meta><Format xmlns=\"syncml:metinf\">int</Format></Meta>"
            + "<Data>a&amp;b&lt;&#x20AC;</Data></Item></Replace><Final/></SyncBody></SyncML>";

        // "a&b<" and the euro sign written as a character reference above.
        private const string ServerData = "a&b<\u20AC";
        private const string ClientData = "<x a=\"1\">&amp;</x> \u00E9\u20AC";

        public string Name
        {
            get { return "codec"; }
        }

        public bool Run()
        {
            return ParsesKnownMessage() && RoundTrips();
        }

        private static bool ParsesKnownMessage()
        {
            byte[] bytes = Encoding.UTF8.GetBytes(ServerMessage);
            SyncMessage m = new SyncMlParser(16, 1024).Parse(bytes, 0, bytes.Length);
            if (m == null || !m.Final || m.Header.SessionId != "1A" || m.Header.MsgId != "2"
                || m.Header.TargetUri != "IMEI:1" || m.Header.SourceUri != "http://s/dm" || m.Commands.Count != 1)
            {
                return false;
            }
            Command replace = (Command)m.Commands[0];
            Item item = replace.FirstItem;
            return replace.Name == CommandName.Replace && replace.CmdId == "3" && item != null && item.TargetUri == "./A/B"
                && item.Meta != null && item.Meta.Format == "int" && item.Data == ServerData;
        }

        private static bool RoundTrips()
        {
            SyncHeader header = new SyncHeader();
            header.SessionId = "7";
            header.MsgId = "1";
            header.TargetUri = "http://s/dm";
            header.SourceUri = "IMEI:1";
            Command results = new Command(CommandName.Results);
            results.CmdId = "2";
            results.MsgRef = "1";
            results.CmdRef = "4";
            Item item = new Item();
            item.SourceUri = "./Vendor/X";
            item.Data = ClientData;
            results.AddItem(item);

            SyncMlWriter writer = new SyncMlWriter(1024);
            if (!writer.Begin(header) || !writer.TryAppend(results))
            {
                return false;
            }
            int length = writer.Finish(true);
            SyncMessage m = length > 0 ? new SyncMlParser(16, 1024).Parse(writer.Buffer, 0, length) : null;
            if (m == null || !m.Final || m.Header.SessionId != "7" || m.Header.SourceUri != "IMEI:1" || m.Commands.Count != 1)
            {
                return false;
            }
            Command back = (Command)m.Commands[0];
            return back.Name == CommandName.Results && back.CmdRef == "4" && back.FirstItem != null
                && back.FirstItem.SourceUri == "./Vendor/X" && back.FirstItem.Data == ClientData;
        }
    }
}

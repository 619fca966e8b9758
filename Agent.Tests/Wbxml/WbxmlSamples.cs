using System.Text;
using NanoOmaDm.Tests.Protocol;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>XML messages in the shape DM 1.2 clients and servers exchange, for the WBXML cross-checks, and the
    /// golden vector of the protocol digest.</summary>
    internal static class WbxmlSamples
    {
        /// <summary>The digest's (§1.13) libwbxml encoding of a minimal Pkg#1 (Alert 1201, MaxMsgSize 8192). As
        /// printed, the digest lacks the END that closes SyncHdr (it shows "01 01 00 00 6B" where libwbxml writes
        /// "01 01 01 00 00 6B": END MaxMsgSize, END Meta, END SyncHdr, then the switch back to page 0); this is the
        /// complete form, which <see cref="WbxmlLibwbxmlTests"/> checks against libwbxml itself.</summary>
        public static readonly byte[] GoldenPkg1 = Concat(
            Hex("03 A4 01 6A 00 6D 6C 71 03"), Ascii("1.2"), Hex("00 01 72 03"), Ascii("DM/1.2"), Hex("00 01 65 03"), Ascii("1"),
            Hex("00 01 5B 03"), Ascii("1"), Hex("00 01 6E 57 03"), Ascii("http://s"), Hex("00 01 01 67 57 03"), Ascii("IMEI:1"),
            Hex("00 01 01 5A 00 01 4C 03"), Ascii("8192"), Hex("00 01 01 01 00 00 6B 46 4B 03"), Ascii("1"), Hex("00 01 4F 03"),
            Ascii("1201"), Hex("00 01 01 12 01 01"));

        /// <summary>The XML the golden vector encodes.</summary>
        public const string GoldenPkg1Xml = "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>"
            + "<SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>http://s</LocURI></Target><Source><LocURI>IMEI:1</LocURI></Source>"
            + "<Meta><MaxMsgSize xmlns=\"syncml:metinf\">8192</MaxMsgSize></Meta></SyncHdr><SyncBody><Alert><CmdID>1</CmdID><Data>1201</Data></Alert>"
            + "<Final/></SyncBody></SyncML>";

        /// <summary>Client Pkg#1: basic credentials, MaxMsgSize/MaxObjSize, Alert 1201 and the DevInfo Replace.</summary>
        public const string ClientPackage1 = @"<?xml version=""1.0"" encoding=""UTF-8""?>
<SyncML xmlns=""SYNCML:SYNCML1.2"">
  <SyncHdr>
    <VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>4D2</SessionID><MsgID>1</MsgID>
    <Target><LocURI>https://dm.example.com/oma</LocURI></Target>
    <Source><LocURI>IMEI:493005100592800</LocURI><LocName>Bruce2</LocName></Source>
    <Cred>
      <Meta><Format xmlns=""syncml:metinf"">b64</Format><Type xmlns=""syncml:metinf"">syncml:auth-basic</Type></Meta>
      <Data>QnJ1Y2UyOk9oQmVoYXZl</Data>
    </Cred>
    <Meta><MaxMsgSize xmlns=""syncml:metinf"">16384</MaxMsgSize><MaxObjSize xmlns=""syncml:metinf"">1048576</MaxObjSize></Meta>
  </SyncHdr>
  <SyncBody>
    <Alert><CmdID>1</CmdID><Data>1201</Data></Alert>
    <Replace>
      <CmdID>2</CmdID>
      <Item><Source><LocURI>./DevInfo/DevId</LocURI></Source><Meta><Format xmlns=""syncml:metinf"">chr</Format><Type xmlns=""syncml:metinf"">text/plain</Type></Meta><Data>IMEI:493005100592800</Data></Item>
      <Item><Source><LocURI>./DevInfo/Man</LocURI></Source><Data>nanoFramework</Data></Item>
      <Item><Source><LocURI>./DevInfo/Mod</LocURI></Source><Data>ESP32 Ünïcødé €</Data></Item>
      <Item><Source><LocURI>./DevInfo/DmV</LocURI></Source><Data>1.2</Data></Item>
      <Item><Source><LocURI>./DevInfo/Lang</LocURI></Source><Data>en-US</Data></Item>
    </Replace>
    <Final/>
  </SyncBody>
</SyncML>";

        /// <summary>Client Pkg#3: statuses (one with a Chal for the server), Results with b64 data, a large-object
        /// chunk, and a Generic Alert whose Data carries inline XML.</summary>
        public const string ClientPackage3 = @"<SyncML xmlns=""SYNCML:SYNCML1.2"">
  <SyncHdr>
    <VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>4D2</SessionID><MsgID>2</MsgID>
    <Target><LocURI>https://dm.example.com/oma?s=4Eq5AA==</LocURI></Target>
    <Source><LocURI>IMEI:493005100592800</LocURI></Source>
  </SyncHdr>
  <SyncBody>
    <Status>
      <CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd>
      <TargetRef>IMEI:493005100592800</TargetRef><SourceRef>https://dm.example.com/oma</SourceRef>
      <Chal><Meta><Type xmlns=""syncml:metinf"">syncml:auth-md5</Type><Format xmlns=""syncml:metinf"">b64</Format><NextNonce xmlns=""syncml:metinf"">MTIzNDU2Nzg5MA==</NextNonce></Meta></Chal>
      <Data>401</Data>
    </Status>
    <Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>3</CmdRef><Cmd>Get</Cmd><TargetRef>./DevDetail/FwV</TargetRef><Data>200</Data></Status>
    <Status><CmdID>3</CmdID><MsgRef>1</MsgRef><CmdRef>4</CmdRef><Cmd>Replace</Cmd><Item><Target><LocURI>./Vendor/X</LocURI></Target></Item><Data>404</Data></Status>
    <Results>
      <CmdID>4</CmdID><MsgRef>1</MsgRef><CmdRef>3</CmdRef>
      <Meta><Format xmlns=""syncml:metinf"">b64</Format><Type xmlns=""syncml:metinf"">application/octet-stream</Type></Meta>
      <TargetRef>./DevDetail/FwV</TargetRef>
      <Item><Source><LocURI>./DevDetail/FwV</LocURI></Source><Data>AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=</Data></Item>
    </Results>
    <Results>
      <CmdID>5</CmdID><MsgRef>1</MsgRef><CmdRef>5</CmdRef>
      <Item>
        <Source><LocURI>./Vendor/Log</LocURI></Source>
        <Meta><Format xmlns=""syncml:metinf"">b64</Format><Size xmlns=""syncml:metinf"">8000</Size></Meta>
        <Data>TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQ=</Data>
        <MoreData/>
      </Item>
    </Results>
    <Alert>
      <CmdID>6</CmdID><Data>1226</Data><Correlator>corr-42</Correlator>
      <Item>
        <Source><LocURI>./SCOMO/Download/Pkg1/Operations/DownloadInstall</LocURI></Source>
        <Target><LocURI>./SCOMO/Inventory/Deployed/C1</LocURI></Target>
        <Meta><Type xmlns=""syncml:metinf"">urn:oma:at:scomo:1.0:OperationComplete</Type><Format xmlns=""syncml:metinf"">xml</Format><Mark xmlns=""syncml:metinf"">critical</Mark></Meta>
        <Data><ResultCode>1200</ResultCode><Identifier>C1</Identifier><Note>x &amp; y &lt;z&gt;</Note><Empty/></Data>
      </Item>
    </Alert>
    <Final/>
  </SyncBody>
</SyncML>";

        /// <summary>Server Pkg#4: statuses for the client's Results and an Exec with a correlator, then
        /// Alert 1223 (session abort) in a Sequence, MetInf values EMI, Version and Mark.</summary>
        public const string ServerPackage4 = @"<SyncML xmlns=""SYNCML:SYNCML1.2"">
  <SyncHdr>
    <VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>4D2</SessionID><MsgID>3</MsgID>
    <Target><LocURI>IMEI:493005100592800</LocURI></Target>
    <Source><LocURI>https://dm.example.com/oma</LocURI></Source>
    <Meta><MaxMsgSize xmlns=""syncml:metinf"">8192</MaxMsgSize></Meta>
  </SyncHdr>
  <SyncBody>
    <Status><CmdID>1</CmdID><MsgRef>2</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><TargetRef>https://dm.example.com/oma</TargetRef><SourceRef>IMEI:493005100592800</SourceRef><Data>200</Data></Status>
    <Status><CmdID>2</CmdID><MsgRef>2</MsgRef><CmdRef>6</CmdRef><Cmd>Alert</Cmd><Data>200</Data></Status>
    <Exec>
      <CmdID>3</CmdID>
      <Meta><Format xmlns=""syncml:metinf"">chr</Format><Version xmlns=""syncml:metinf"">1.0</Version><EMI xmlns=""syncml:metinf"">vendor-ext</EMI></Meta>
      <Correlator>abc-1</Correlator>
      <Item><Target><LocURI>./FUMO/Update/Operations/Update</LocURI><LocName>fw</LocName></Target><Data>go</Data></Item>
    </Exec>
    <Sequence>
      <CmdID>4</CmdID>
      <NoResp/>
      <Replace><CmdID>5</CmdID><Meta><Mark xmlns=""syncml:metinf"">high</Mark></Meta><Item><Target><LocURI>./Vendor/Flag</LocURI></Target><Meta><Format xmlns=""syncml:metinf"">bool</Format></Meta><Data>true</Data></Item></Replace>
      <Alert><CmdID>6</CmdID><Data>1100</Data><Item><Data>Update done &lt;ok&gt;</Data></Item></Alert>
    </Sequence>
    <Alert><CmdID>7</CmdID><Data>1223</Data></Alert>
    <Final/>
  </SyncBody>
</SyncML>";

        /// <summary>SyncML 1.1 namespace (and public id) with VerDTD 1.2, as in the AOSP test messages.</summary>
        public const string SyncMl11Namespace = @"<SyncML xmlns=""SYNCML:SYNCML1.1""><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>22100</SessionID><MsgID>1</MsgID><Target><LocURI>SampleClient</LocURI></Target><Source><LocURI>mot.manage</LocURI></Source></SyncHdr><SyncBody><Get><CmdID>2</CmdID><Item><Target><LocURI>./DevInfo/DevId</LocURI></Target></Item></Get><Final/></SyncBody></SyncML>";

        /// <summary>Everything a session of ours may meet, by name.</summary>
        public static readonly Dictionary<string, string> Xml = new Dictionary<string, string>
        {
            ["GoldenPkg1"] = GoldenPkg1Xml,
            ["ClientPackage1"] = ClientPackage1,
            ["ServerPackage2"] = SyncMlSamples.ServerPackage2,
            ["ClientPackage1Prefixed"] = SyncMlSamples.ClientPackage1Prefixed,
            ["ClientPackage3"] = ClientPackage3,
            ["ServerPackage4"] = ServerPackage4,
            ["SyncMl11Namespace"] = SyncMl11Namespace,
        };

        /// <summary>Samples with elements inside Data.</summary>
        public static readonly string[] WithInlineMarkup = { "ClientPackage3" };

        public static IEnumerable<object[]> Names()
        {
            return Xml.Keys.Select(k => new object[] { k });
        }

        public static byte[] Utf8(string s)
        {
            return Encoding.UTF8.GetBytes(s);
        }

        public static byte[] Hex(string hex)
        {
            return hex.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => Convert.ToByte(h, 16)).ToArray();
        }

        public static byte[] Ascii(string s)
        {
            return Encoding.ASCII.GetBytes(s);
        }

        public static byte[] Concat(params byte[][] parts)
        {
            return parts.SelectMany(p => p).ToArray();
        }
    }
}

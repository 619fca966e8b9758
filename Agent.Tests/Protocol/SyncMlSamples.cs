using System.Text;

namespace NanoOmaDm.Tests.Protocol
{
    /// <summary>Hand-written messages in the shape real DM 1.2 servers send.</summary>
    internal static class SyncMlSamples
    {
        /// <summary>A server Pkg#2: header with RespURI, Cred and Meta, SyncHdr status with an MD5 challenge,
        /// Get/Replace/Add/Exec, an Atomic and a Sequence, UI alerts 1101 and 1103 with several items, Results.</summary>
        public const string ServerPackage2 = @"<?xml version=""1.0"" encoding=""UTF-8""?>
<!DOCTYPE SyncML PUBLIC ""-//SYNCML//DTD SyncML 1.2//EN"" ""http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_RepPro_DTD-V1_2.dtd"">
<SyncML xmlns=""SYNCML:SYNCML1.2"">
  <SyncHdr>
    <VerDTD>1.2</VerDTD>
    <VerProto>DM/1.2</VerProto>
    <SessionID>1A2B</SessionID>
    <MsgID>1</MsgID>
    <Target><LocURI>IMEI:493005100592800</LocURI></Target>
    <Source><LocURI>https://dm.example.com/oma</LocURI><LocName>dmserver</LocName></Source>
    <RespURI>https://dm.example.com/oma?s=4Eq5AA==&amp;x=1</RespURI>
    <Cred>
      <Meta><Type xmlns=""syncml:metinf"">syncml:auth-md5</Type><Format xmlns=""syncml:metinf"">b64</Format></Meta>
      <Data>Zz6EivR3yeaaENcRN6lpAQ==</Data>
    </Cred>
    <Meta>
      <MaxMsgSize xmlns=""syncml:metinf"">8192</MaxMsgSize>
      <MaxObjSize xmlns=""syncml:metinf"">65536</MaxObjSize>
    </Meta>
  </SyncHdr>
  <SyncBody>
    <Status>
      <CmdID>1</CmdID>
      <MsgRef>1</MsgRef>
      <CmdRef>0</CmdRef>
      <Cmd>SyncHdr</Cmd>
      <TargetRef>https://dm.example.com/oma</TargetRef>
      <SourceRef>IMEI:493005100592800</SourceRef>
      <Chal>
        <Meta>
          <Type xmlns=""syncml:metinf"">syncml:auth-md5</Type>
          <Format xmlns=""syncml:metinf"">b64</Format>
          <NextNonce xmlns=""syncml:metinf"">ZG9iZWhhdmUNCg==</NextNonce>
        </Meta>
      </Chal>
      <Data>212</Data>
    </Status>
    <Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>1</CmdRef><Cmd>Alert</Cmd><Data>200</Data></Status>
    <Get>
      <CmdID>3</CmdID>
      <Item><Target><LocURI>./DevInfo/Mod</LocURI></Target></Item>
      <Item><Target><LocURI>./DevDetail/FwV</LocURI></Target></Item>
      <Item><Target><LocURI>./DevDetail/URI?list=Struct</LocURI></Target></Item>
    </Get>
    <Replace>
      <CmdID>4</CmdID>
      <Item>
        <Target><LocURI>./DMAcc/srv/AppAddr/1/Addr</LocURI></Target>
        <Meta><Format xmlns=""syncml:metinf"">chr</Format><Type xmlns=""syncml:metinf"">text/plain</Type></Meta>
        <Data>https://dm.example.com/oma?a=1&amp;b=&lt;2&gt;&#x20AC;&#8364;&#x1F600;</Data>
      </Item>
    </Replace>
    <Add>
      <CmdID>5</CmdID>
      <Item>
        <Target><LocURI>./SCOMO/Download/Pkg1</LocURI></Target>
        <Meta><Format xmlns=""syncml:metinf"">node</Format></Meta>
      </Item>
      <Item>
        <Target><LocURI>./SCOMO/Download/Pkg1/PkgURL</LocURI></Target>
        <Data><![CDATA[http://files.example.com/pkg?a=1&b=<2>]]></Data>
      </Item>
      <Item>
        <Target><LocURI>./SCOMO/Download/Pkg1/Data</LocURI></Target>
        <Meta><Format xmlns=""syncml:metinf"">b64</Format><Type xmlns=""syncml:metinf"">application/octet-stream</Type><Size xmlns=""syncml:metinf"">24</Size></Meta>
        <Data>SGVsbG8sIHdvcmxkIQ0KSGk=</Data>
        <MoreData/>
      </Item>
    </Add>
    <Exec>
      <CmdID>6</CmdID>
      <Correlator>corr-42</Correlator>
      <Item><Target><LocURI>./SCOMO/Download/Pkg1/Operations/DownloadInstall</LocURI></Target><Data/></Item>
    </Exec>
    <Atomic>
      <CmdID>7</CmdID>
      <Add><CmdID>8</CmdID><Item><Target><LocURI>./Vendor/A</LocURI></Target><Data>1</Data></Item></Add>
      <Replace><CmdID>9</CmdID><Item><Target><LocURI>./Vendor/B</LocURI></Target><Data>two</Data></Item></Replace>
      <Delete><CmdID>10</CmdID><Item><Target><LocURI>./Vendor/C</LocURI></Target></Item></Delete>
    </Atomic>
    <Sequence>
      <CmdID>11</CmdID>
      <Alert>
        <CmdID>12</CmdID>
        <Data>1101</Data>
        <Item><Data>MINDT=10&amp;MAXDT=30&amp;DR=1</Data></Item>
        <Item><Data>Install the update now?</Data></Item>
      </Alert>
      <Exec><CmdID>13</CmdID><Item><Target><LocURI>./SCOMO/Inventory/Deployed/C1/Operations/Activate</LocURI></Target></Item></Exec>
      <Get><CmdID>14</CmdID><Item><Target><LocURI>./SCOMO/Inventory/Deployed/C1/State</LocURI></Target></Item></Get>
    </Sequence>
    <Alert>
      <CmdID>15</CmdID>
      <Data>1103</Data>
      <Item></Item>
      <Item><Data>Pick a channel</Data></Item>
      <Item><Data>Stable</Data></Item>
      <Item><Data>Beta</Data></Item>
    </Alert>
    <Results>
      <CmdID>16</CmdID>
      <MsgRef>1</MsgRef>
      <CmdRef>3</CmdRef>
      <Meta><Format xmlns=""syncml:metinf"">chr</Format></Meta>
      <TargetRef>./DevInfo/Mod</TargetRef>
      <SourceRef>./DevInfo/Mod</SourceRef>
      <Item><Source><LocURI>./DevInfo/Mod</LocURI></Source><Data>Model X</Data></Item>
    </Results>
    <Final/>
  </SyncBody>
</SyncML>";

        /// <summary>A client Pkg#1 as written by hand by typical clients, MetInf through a prefix declared on the root.</summary>
        public const string ClientPackage1Prefixed = @"<SyncML xmlns='SYNCML:SYNCML1.2' xmlns:m='syncml:metinf'><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>7</SessionID><MsgID>1</MsgID><Target><LocURI>http://s</LocURI></Target><Source><LocURI>IMEI:1</LocURI><LocName>user</LocName></Source><Cred><Meta><m:Format>b64</m:Format><m:Type>syncml:auth-basic</m:Type></Meta><Data>QnJ1Y2UyOk9oQmVoYXZl</Data></Cred><Meta><m:MaxMsgSize>8192</m:MaxMsgSize></Meta></SyncHdr><SyncBody><Alert><CmdID>1</CmdID><Data>1201</Data></Alert><Replace><CmdID>2</CmdID><Item><Source><LocURI>./DevInfo/DevId</LocURI></Source><Meta><m:Format>chr</m:Format><m:Type>text/plain</m:Type></Meta><Data>IMEI:1</Data></Item><Item><Source><LocURI>./DevInfo/Lang</LocURI></Source><Data>en-US</Data></Item></Replace><Final/></SyncBody></SyncML>";

        public static byte[] Utf8(string s)
        {
            return Encoding.UTF8.GetBytes(s);
        }
    }
}

using NanoOmaDm.Agent.Tree;
using NanoOmaDm.DmServer;
using ServerAuth = NanoOmaDm.DmServer.AuthScheme;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Integration;

/// <summary>Whole sessions in WBXML (application/vnd.syncml.dm+wbxml): the agent encodes, the DmServer answers in the
/// encoding it received with its own, independent codec.</summary>
public class WbxmlSessionTests
{
    private readonly ITestOutputHelper _output;

    public WbxmlSessionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData(ServerAuth.Md5)]
    [InlineData(ServerAuth.Hmac)]
    public void WbxmlSession_RunsCommandsAuthAndLargeObjectsBothWays(ServerAuth auth)
    {
        const string scenario = """
        { "name": "wbxml", "packages": [
          { "commands": [
            { "cmd": "Get", "target": "./DevInfo/Mod", "expect": { "status": 200, "data": "Emulator" } },
            { "cmd": "Replace", "target": "./Vendor/IT/Greeting", "data": "hello <wbxml> & more", "expect": { "status": 200 } },
            { "cmd": "Add", "target": "./Vendor/IT/Blob", "dataSize": 12000, "dataSeed": 5, "expect": { "status": 200 } } ] },
          { "commands": [
            { "cmd": "Get", "target": "./Vendor/IT/Greeting", "expect": { "status": 200, "data": "hello <wbxml> & more" } },
            { "cmd": "Get", "target": "./Vendor/IT/Blob", "expect": { "status": 200, "dataSize": 12000, "dataSeed": 5 } } ] } ] }
        """;
        using var rig = new DmRig(_output);
        rig.Config.UseWbxml = true;
        rig.Config.MaxMsgSize = 4096;
        rig.ServerOptions.MaxMsgSize = 4096;
        rig.ServerOptions.RequiredAuth = auth;
        rig.Account.AuthPref = auth == ServerAuth.Hmac ? "HMAC" : "DIGEST";
        rig.Start(scenario);
        SessionOutcome run = rig.RunSession();

        run.AssertPassed();
        // WBXML 1.3, public id 0x1201 (SyncML 1.2), UTF-8: not XML text.
        Assert.All(run.Sent, m => Assert.False(m.Text.StartsWith("<"), "the agent sent XML in a WBXML session"));
        Assert.All(run.Wire.Where(m => !m.Outgoing), m => Assert.False(m.Text.StartsWith("<"), "the server answered XML"));
        DmTree tree = rig.Agent.Tree;
        Assert.Equal("hello <wbxml> & more", tree.GetString("./Vendor/IT/Greeting"));
        Assert.Equal(DataPattern.Bytes(12000, 5), tree.Find("./Vendor/IT/Blob").Value);
    }
}

namespace NanoOmaDm.Tests.DmServer;

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.DmServer;
using Xunit;

/// <summary>Credential vectors, Pkg#0 layout, scenario parsing.</summary>
public sealed class DmServerUnitTests
{
    [Fact]
    public void Basic_Vector()
    {
        Assert.Equal("QnJ1Y2UyOk9oQmVoYXZl", DmAuth.BasicCredential("Bruce2", "OhBehave"));
    }

    [Fact]
    public void Md5_Vector()
    {
        Assert.Equal("Zz6EivR3yeaaENcRN6lpAQ==", DmAuth.Md5Digest("Bruce2", "OhBehave", Encoding.ASCII.GetBytes("Nonce")));
    }

    [Fact]
    public void Hmac_MatchesTheFormula()
    {
        var body = Encoding.UTF8.GetBytes("<SyncML/>");
        var nonce = new byte[] { 1, 2, 3, 4 };
        string B64Md5(byte[] b) => Convert.ToBase64String(MD5.HashData(b));
        var expected = B64Md5(Concat(Encoding.ASCII.GetBytes(B64Md5(Encoding.ASCII.GetBytes("u:p")) + ":"), nonce, Encoding.ASCII.GetBytes(":" + B64Md5(body))));
        Assert.Equal(expected, DmAuth.ComputeHmacMac("u", "p", nonce, body));

        Assert.True(DmAuth.TryParseHmacHeader(DmAuth.FormatHmacHeader("u", expected), out var alg, out var user, out var mac));
        Assert.Equal(("MD5", "u", expected), (alg, user, mac));
        Assert.True(DmAuth.TryParseHmacHeader("username=u,mac=abc==", out alg, out user, out mac));
        Assert.Equal(("MD5", "u", "abc=="), (alg, user, mac));
        Assert.False(DmAuth.TryParseHmacHeader("algorithm=MD5", out _, out _, out _));
    }

    [Fact]
    public void Pkg0_ReceivedOverUdp_CheckedBitByBit()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint).Port;
        using var host = DmServerHost.Start(new DmServerOptions { ServerId = "srv-1", ServerPassword = "srv-pass" });
        var nonce = Encoding.ASCII.GetBytes("the-nonce");
        var vendor = new byte[] { 0xCA, 0xFE };
        var sent = host.SendNotification("127.0.0.1", port, new NotificationRequest { SessionId = 0xBEEF, UiMode = 2, Nonce = nonce, VendorData = vendor });

        IPEndPoint from = null;
        udp.Client.ReceiveTimeout = 5000;
        var d = udp.Receive(ref from);
        Assert.Equal(sent.Bytes, d);
        Assert.Equal(16 + 8 + 5 + 2, d.Length);

        // header: version(10) ui-mode(2) initiator(1) future(27) session-id(16) id-length(8), big-endian
        var bits = string.Concat(d.Skip(16).Take(8).Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
        Assert.Equal("0000001100", bits.Substring(0, 10)); // 12
        Assert.Equal("10", bits.Substring(10, 2));         // informative
        Assert.Equal("1", bits.Substring(12, 1));          // server initiated
        Assert.Equal(new string('0', 27), bits.Substring(13, 27));
        Assert.Equal("1011111011101111", bits.Substring(40, 16)); // 0xBEEF
        Assert.Equal("00000101", bits.Substring(56, 8));   // 5
        Assert.Equal("srv-1", Encoding.ASCII.GetString(d, 24, 5));
        Assert.Equal(vendor, d.Skip(29).ToArray());

        // digest = MD5(B64(MD5("srv-1:srv-pass")) + ":" + nonce + ":" + B64(MD5(trigger)))
        string B64Md5(byte[] b) => Convert.ToBase64String(MD5.HashData(b));
        var trigger = d.Skip(16).ToArray();
        var expected = MD5.HashData(Concat(Encoding.ASCII.GetBytes(B64Md5(Encoding.ASCII.GetBytes("srv-1:srv-pass")) + ":"), nonce, Encoding.ASCII.GetBytes(":" + B64Md5(trigger))));
        Assert.Equal(expected, d.Take(16).ToArray());
        Assert.True(Notification.VerifyDigest(d, "srv-1", "srv-pass", nonce));

        var parsed = Notification.Parse(d);
        Assert.Equal((12, 2, true, 0, 0xBEEF, "srv-1", "BEEF"), (parsed.Version, parsed.UiMode, parsed.ServerInitiated, parsed.FutureUse, parsed.SessionId, parsed.ServerId, parsed.SessionIdHex));
    }

    [Fact]
    public void Pkg0_TestOptions()
    {
        using var host = DmServerHost.Start(new DmServerOptions { ServerId = "srv", ServerPassword = "pw" });
        var zero = new byte[16];

        // defaults: random session id, ui-mode 0, the initial server nonce (16 zero bytes)
        var m = host.BuildNotification(new NotificationRequest());
        Assert.InRange(m.SessionId, 1, 0xFFFF);
        Assert.Equal(0, m.UiMode);
        Assert.True(Notification.VerifyDigest(m.Bytes, "srv", "pw", zero));

        Assert.False(Notification.VerifyDigest(host.BuildNotification(new NotificationRequest { UseWrongPassword = true }).Bytes, "srv", "pw", zero));
        var forged = host.BuildNotification(new NotificationRequest { ForgeDigest = true, SessionId = 7, UiMode = 3, Version = 11, ServerInitiated = false });
        Assert.False(Notification.VerifyDigest(forged.Bytes, "srv", "pw", zero));
        Assert.Equal((7, 3, 11, false), (forged.SessionId, forged.UiMode, forged.Version, forged.ServerInitiated));

        // the device's stored server nonce is the default
        host.GetDeviceNonces("IMEI:1").ServerNonce = new byte[] { 9, 9 };
        var withDevice = host.BuildNotification(new NotificationRequest { DeviceId = "IMEI:1" });
        Assert.True(Notification.VerifyDigest(withDevice.Bytes, "srv", "pw", new byte[] { 9, 9 }));
    }

    [Fact]
    public void Scenario_StatusNumberOrList_ChildrenAndDefaults()
    {
        var s = Scenario.Parse("""
            { "name": "x", "packages": [ { "commands": [
              { "cmd": "get", "target": "./A", "expect": { "status": [200, 404] } },
              { "cmd": "Atomic", "commands": [ { "cmd": "Add", "target": "./B", "data": "1" }, { "cmd": "Delete", "target": "./C" } ],
                "expect": { "status": 507, "children": [216, [404, 500]] } },
              { "cmd": "Replace", "target": "./D", "dataSize": 10, "dataSeed": 5 },
              { "cmd": "Alert", "data": 1100, "items": ["MINDT=1", "hi"] } ] } ] }
            """);
        var cmds = s.Packages.Single().Commands;
        Assert.Equal("Get", cmds[0].Cmd);
        Assert.Equal(new[] { 200, 404 }, cmds[0].Expect.Status);
        Assert.Equal(new[] { 507 }, cmds[1].Expect.Status);
        Assert.Equal(2, cmds[1].Expect.Children.Count);
        Assert.Equal(new[] { 404, 500 }, cmds[1].Expect.Children[1]);
        Assert.Equal("b64", cmds[2].EffectiveFormat());
        Assert.Equal(Convert.ToBase64String(DataPattern.Bytes(10, 5)), cmds[2].TransportData());
        Assert.Equal("1100", cmds[3].Data);
        Assert.Equal(DataPattern.Bytes(100, 1), DataPattern.Bytes(100, 1));
        Assert.NotEqual(DataPattern.Bytes(100, 1), DataPattern.Bytes(100, 2));
        Assert.Matches("^[A-Za-z0-9]{50}$", DataPattern.Chars(50, 1));
    }

    [Theory]
    [InlineData("""{ "packages": [ { "commands": [ { "cmd": "Frob", "target": "./A" } ] } ] }""", "unknown command")]
    [InlineData("""{ "packages": [ { "commands": [ { "cmd": "Get" } ] } ] }""", "needs a target")]
    [InlineData("""{ "packages": [ { "commands": [ { "cmd": "Get", "target": "./A", "expected": {} } ] } ] }""", "unknown property 'expected'")]
    [InlineData("""{ "packages": [ { } ] }""", "needs commands")]
    [InlineData("""{ "packages": [ { "commands": [ { "cmd": "Alert" } ] } ] }""", "Alert needs data")]
    [InlineData("""{ "packages": [ { "commands": [ { "cmd": "Get", "target": "./A", "expect": { "status": "x" } } ] } ] }""", "status code")]
    [InlineData("""{ "packages": [ """, "invalid JSON")]
    public void Scenario_Errors_NameThePlace(string json, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Scenario.Parse(json));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void DemoScenario_BuiltIn_CoversTheDemoCommands()
    {
        Assert.Contains("demo", DmServerHost.BuiltInScenarioNames());
        var demo = DmServerHost.LoadBuiltInScenario("demo");
        var all = demo.Packages.SelectMany(p => p.Commands).SelectMany(Flatten).ToList();
        foreach (var cmd in new[] { "Get", "Replace", "Add", "Delete", "Exec", "Atomic", "Copy", "Alert", "Sequence" })
        {
            Assert.Contains(all, c => c.Cmd == cmd);
        }

        Assert.Contains(all, c => c.Cmd == "Exec" && c.Target == "./Vendor/Demo/Operations/Hello");
        Assert.Contains(all, c => c.Cmd == "Alert" && c.Data == "1100");
        Assert.Contains(all, c => c.Cmd == "Get" && c.Target.EndsWith("?list=Struct", StringComparison.Ordinal));
        Assert.Contains(all, c => c.Cmd == "Atomic" && c.Expect?.Status.SequenceEqual(new[] { 200 }) == true);
        Assert.Contains(all, c => c.Cmd == "Atomic" && c.Expect?.Status.SequenceEqual(new[] { 507 }) == true && c.Expect.Children.Any(ch => ch.SequenceEqual(new[] { 216 })));
        Assert.NotEmpty(demo.ExpectGenericAlerts);

        // also shipped next to the binaries
        var file = Path.Combine(AppContext.BaseDirectory, "Scenarios", "demo.json");
        Assert.True(File.Exists(file), file);
        Assert.Equal(demo.Packages.Count, DmServerHost.LoadScenarioFile(file).Packages.Count);
        Assert.Equal(demo.Name, DmServerHost.LoadScenarioFile("demo").Name);
    }

    private static IEnumerable<ScenarioCommand> Flatten(ScenarioCommand c)
    {
        yield return c;
        foreach (var x in c.Commands.SelectMany(Flatten))
        {
            yield return x;
        }
    }

    private static byte[] Concat(params byte[][] parts)
    {
        return parts.SelectMany(p => p).ToArray();
    }
}

using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Emulator.PowerLoss;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    /// <summary>Storage full seen by a DM server: real commands in a real session get 420 and change nothing.</summary>
    public class DeviceFullSessionTests
    {
        private const string Scenario = """
        {
          "name": "device-full",
          "packages": [ { "commands": [
            { "cmd": "Replace", "target": "./S/Note", "format": "b64", "dataSize": 9000, "expect": { "status": 420 } },
            { "cmd": "Add", "target": "./S/Big", "format": "b64", "dataSize": 9000, "expect": { "status": 420 } },
            { "cmd": "Atomic", "commands": [
                { "cmd": "Add", "target": "./S/A1", "data": "fits", "format": "chr" },
                { "cmd": "Add", "target": "./S/A2", "format": "b64", "dataSize": 9000 } ],
              "expect": { "status": 420, "children": [ 216, 216 ] } },
            { "cmd": "Get", "target": "./S/Note", "expect": { "status": 200, "data": "before" } },
            { "cmd": "Get", "target": "./S/Big", "expect": { "status": 404 } },
            { "cmd": "Add", "target": "./S/Small", "data": "fits", "format": "chr", "expect": { "status": 200 } }
          ] } ]
        }
        """;

        [Fact]
        public void CommandsThatDoNotFitAreAnswered420AndTheStoreStaysConsistent()
        {
            var flash = new MemoryStorage();
            var options = new StoreOptions { Budget = 12 * 1024, CompactionThreshold = 2048 };
            using var host = DmServerHost.Start(new DmServerOptions
            {
                Port = 0,
                ServerId = "full-server",
                UserName = "dev",
                Password = "secret",
                RequiredAuth = NanoOmaDm.DmServer.AuthScheme.Basic,
                Scenario = DmServerHost.LoadScenario(Scenario),
            });
            using var shutdown = new CancellationTokenSource();
            using var http = new HttpClientTransport(shutdown.Token);
            using var state = new PersistentAgentState(flash, options, null);
            var agent = new DmAgent(new AgentPlatform
            {
                Http = http,
                Clock = new SystemClock(),
                Identity = new EmulatorIdentity("IMEI:357000000000420"),
                Random = new CryptoRandom(),
                Log = new ConsoleLogSink(false),
            }, new AgentConfig { HttpTimeoutMs = 15000 }, state);
            agent.Register(new Playground());
            agent.ProvisionAccount(new AccountSettings
            {
                ServerId = "full-server",
                ServerUri = host.Url,
                ClientName = "dev",
                ClientSecret = "secret",
                AuthPref = DmAccMo.Basic,
            });
            string before = StateDump.Tree(agent.Tree);

            SessionResult result = agent.StartSession("full-server");
            SessionReport report = host.WaitForSession(TimeSpan.FromSeconds(20));
            Assert.True(result.Success, result.Reason);
            Assert.True(report.Passed, report.ToString());

            // Only ./S/Small was added; the refused commands left no trace in RAM or in storage.
            agent.Tree.Remove("./S/Small");
            Assert.Equal(before, StateDump.Tree(agent.Tree));
            Assert.True(state.InSync);
            string inRam = StateDump.Tree(agent.Tree) + StateDump.AlertsAndRecords(state);
            using StoreKit reopened = StoreKit.Open(Flash.Copy(flash), options);
            Assert.False(reopened.Report.Corrupt);
            Assert.Equal(inRam, reopened.Dump());
        }

        private sealed class Playground : IManagementObject
        {
            public void Register(DmTree tree)
            {
                tree.EnsureInterior("./S", null, true);
                tree.SetAcl("./S", "Add=*&Delete=*&Get=*&Replace=*");
                if (tree.Find("./S/Note") == null)
                {
                    tree.SetLeaf("./S/Note", DmFormat.Chr, null, StoreKit.Bytes("before"), false);
                }
            }
        }
    }
}

using System.Text.RegularExpressions;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Emulator.PowerLoss;
using NanoOmaDm.Tests.Emulator;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    /// <summary>An emulator restarted with the same --state is the same device.</summary>
    public class EmulatorStateTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "nanoOmaDm-store-test-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void TwoAgentsOnTheSameStateDirectoryAreTheSameDevice()
        {
            string expected;
            using (var state = new PersistentAgentState(new DirectoryStorage(_dir), new StoreOptions(), null))
            {
                DmAgent agent = NewAgent(state);
                DmAccount account = agent.ProvisionAccount(new AccountSettings
                {
                    ServerId = "srv",
                    ServerUri = "http://127.0.0.1:1/dm",
                    ClientName = "client",
                    ClientSecret = "client-pw",
                    ServerSecret = "server-pw",
                    AuthPref = DmAccMo.Hmac,
                });
                account.ClientNonce = new byte[] { 0xA1, 0xB2 };
                agent.Tree.SetLeaf("./Vendor/Kept", DmFormat.Chr, null, StoreKit.Bytes("kept"), false);
                agent.Alerts.Enqueue(new GenericAlert { ServerId = "srv", Correlator = "c", Type = "urn:pending", Data = "d" });
                state.PutRecord("scomo/x", StoreKit.Bytes("state"));
                expected = StateDump.Tree(agent.Tree) + StateDump.AlertsAndRecords(state);
            }

            Assert.Equal(new[] { "dmstate.a", "dmstate.b", "dmstate.log" }, Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n));
            using var again = new PersistentAgentState(new DirectoryStorage(_dir), new StoreOptions(), null);
            DmAgent restarted = NewAgent(again);
            Assert.False(again.Report.Fresh);
            Assert.Equal(expected, StateDump.Tree(restarted.Tree) + StateDump.AlertsAndRecords(again));
            DmAccount restored = DmAccount.Find(restarted.Tree, "srv");
            Assert.Equal("client-pw", restored.ClientSecret);
            Assert.Equal(new byte[] { 0xA1, 0xB2 }, restored.ClientNonce);
            Assert.Equal("urn:pending", restarted.Alerts.PendingFor("srv").Single().Type);
        }

        [Fact]
        public void TheEmulatorDemoRestartsOnItsState()
        {
            EmulatorProcess.Run first = EmulatorProcess.Execute(TimeSpan.FromSeconds(90), null, "--state", _dir);
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Contains("State: new device state in " + _dir, first.Output);

            EmulatorProcess.Run second = EmulatorProcess.Execute(TimeSpan.FromSeconds(90), null, "--state", _dir);
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Matches(new Regex(@"State: restored \(commit \d+\) in " + Regex.Escape(_dir)), second.Output);
            Assert.Equal(DeviceLine(first.Output), DeviceLine(second.Output));
            Assert.Contains("DEMO PASSED", second.Output);
        }

        [Fact]
        public void WithoutStateTheStoreIsTemporary()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(TimeSpan.FromSeconds(90), null);
            Assert.True(run.ExitCode == 0, run.ToString());
            Match where = Regex.Match(run.Output, @"State: new device state in (\S+) \(no --state: deleted on exit\)");
            Assert.True(where.Success, run.Output);
            Assert.False(Directory.Exists(where.Groups[1].Value));
        }

        private static string DeviceLine(string output)
        {
            return Regex.Match(output, @"Device (\S+)").Groups[1].Value;
        }

        private static DmAgent NewAgent(PersistentAgentState state)
        {
            return new DmAgent(new AgentPlatform
            {
                Clock = new SystemClock(),
                Identity = new EmulatorIdentity("IMEI:357000000000099"),
                Random = new CryptoRandom(),
                Log = new ConsoleLogSink(false),
            }, new AgentConfig(), state);
        }

        public void Dispose()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }
    }
}

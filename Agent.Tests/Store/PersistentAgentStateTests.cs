using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Emulator.PowerLoss;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    /// <summary>What the agent's state keeps across a reboot, and the commit granularity.</summary>
    public class PersistentAgentStateTests
    {
        private const string Srv = StoreKit.Server;

        [Fact]
        public void EveryNodePropertySurvivesAReboot()
        {
            var flash = new MemoryStorage();
            StoreKit kit = StoreKit.Open(flash);
            kit.Playground();
            DmTree t = kit.Tree;
            t.EnsureInterior("./S/Typed", "urn:example:mo:1.0", false);
            t.SetLeaf("./S/Typed/Int", DmFormat.Int, null, StoreKit.Bytes("42"), true);
            t.SetLeaf("./S/Typed/Bin", DmFormat.Bin, "application/x-custom", StoreKit.Random(3000, 1), false);
            t.SetLeaf("./S/Typed/Empty", DmFormat.Chr, null, null, false);
            t.SetLeaf("./S/Typed/Secret", DmFormat.Chr, null, StoreKit.Bytes("hunter2"), false);
            t.MarkSecret("./S/Typed/Secret");
            t.SetAcl("./S/Typed/Secret", "Replace=" + Srv);
            t.SetLeaf("./S/Ünïcödé/名前", DmFormat.Chr, null, StoreKit.Bytes("värde ✓"), false);
            kit.Clock.Tick();
            Assert.Equal(200, kit.Command(x => x.Add(Srv, "./S/A/B/C", DmFormat.Xml, "text/xml", StoreKit.Bytes("<a/>"))));
            Assert.Equal(200, kit.Command(x => x.Replace(Srv, "./S/A?prop=Title", null, null, StoreKit.Bytes("a title"))));
            Assert.Equal(200, kit.Command(x => x.Replace(Srv, "./S/A/B?prop=ACL", null, null, StoreKit.Bytes("Add=*&Get=*&Replace=" + Srv))));
            kit.Clock.Tick();
            Assert.Equal(200, kit.Command(x => x.Copy(Srv, "./S/A/B/D", "./S/A/B/C")));
            Assert.Equal(200, kit.Command(x => x.Replace(Srv, "./S/A/B/C", DmFormat.Float, null, StoreKit.Bytes("1.5"))));
            t.SetAcl(".", "Add=*&Get=*&Replace=" + Srv);
            Assert.Equal(200, kit.Command(x => x.Replace(Srv, ".?prop=ACL", null, null, StoreKit.Bytes("Add=*&Get=*&Replace=" + Srv + "&Exec=*"))));
            Assert.Equal(200, kit.Command(x => x.Delete(Srv, "./S/Typed/Empty")));
            string expected = kit.Dump();
            Assert.Contains("/Secret L-S ", expected);
            Assert.Contains("/Int LP- ", expected);

            kit = kit.Reopen();
            Flash.AssertSameState(expected, kit.Dump(), "after reboot");
            Assert.True(kit.Tree.Find("./S/Typed/Secret").IsSecret);
            kit.Dispose();
        }

        [Fact]
        public void RenamesInsideABlockAreReplayedWithTheOrderOfChildren()
        {
            var flash = new MemoryStorage();
            StoreKit kit = StoreKit.Open(flash);
            kit.Playground();
            Assert.True(kit.Atomic(false,
                x => x.Add(Srv, "./S/p", DmFormat.Node, null, null),
                x => x.Add(Srv, "./S/p/c1", DmFormat.Chr, null, StoreKit.Bytes("1")),
                x => x.Add(Srv, "./S/p/c2", DmFormat.Chr, null, StoreKit.Bytes("2")),
                x => x.Add(Srv, "./S/q0", DmFormat.Chr, null, StoreKit.Bytes("sibling")),
                x => x.Replace(Srv, "./S/p?prop=Name", null, null, StoreKit.Bytes("q")),
                x => x.Add(Srv, "./S/q/c3", DmFormat.Chr, null, StoreKit.Bytes("3")),
                x => x.Replace(Srv, "./S/q/c1?prop=Name", null, null, StoreKit.Bytes("c0")),
                x => x.Replace(Srv, "./S/q/c0", DmFormat.Chr, null, StoreKit.Bytes("renamed then replaced"))));

            // Swap two names through a temporary one, then rename the parent back: paths must be resolved in time order.
            Assert.True(kit.Atomic(false,
                x => x.Replace(Srv, "./S/q/c0?prop=Name", null, null, StoreKit.Bytes("tmp")),
                x => x.Replace(Srv, "./S/q/c2?prop=Name", null, null, StoreKit.Bytes("c0")),
                x => x.Replace(Srv, "./S/q/tmp?prop=Name", null, null, StoreKit.Bytes("c2")),
                x => x.Replace(Srv, "./S/q?prop=Name", null, null, StoreKit.Bytes("p")),
                x => x.Add(Srv, "./S/q", DmFormat.Chr, null, StoreKit.Bytes("new q")),
                x => x.Delete(Srv, "./S/p/c3")));
            string expected = kit.Dump();
            Assert.Contains("./S/p/c0 L", expected);

            kit = kit.Reopen();
            Flash.AssertSameState(expected, kit.Dump(), "after reboot");
            kit.Dispose();
        }

        [Fact]
        public void ARolledBackBlockAndACommandWithoutChangesWriteNothing()
        {
            using StoreKit kit = StoreKit.Open(new MemoryStorage());
            kit.Playground();
            uint sequence = kit.State.Store.Sequence;
            long journal = kit.State.Store.JournalLength;
            Assert.False(kit.Atomic(true,
                x => x.Add(Srv, "./S/gone", DmFormat.Chr, null, StoreKit.Bytes("x")),
                x => x.Replace(Srv, "./S?prop=Title", null, null, StoreKit.Bytes("t"))));
            Assert.False(kit.Atomic(false,
                x => x.Add(Srv, "./S/gone", DmFormat.Chr, null, StoreKit.Bytes("x")),
                x => x.Replace(Srv, "./S/missing", DmFormat.Chr, null, StoreKit.Bytes("y"))));
            Assert.Equal(404, kit.Command(x => x.Delete(Srv, "./S/missing")));
            Assert.Equal(sequence, kit.State.Store.Sequence);
            Assert.Equal(journal, kit.State.Store.JournalLength);
        }

        [Fact]
        public void ACommittedBlockIsOneCommitAndAChangeItTriggersIsAnother()
        {
            using StoreKit kit = StoreKit.Open(new MemoryStorage());
            kit.Playground();
            kit.Tree.Changed += (node, kind) =>
            {
                if (node.Uri == "./S/trigger" && kind == TreeChange.Added)
                {
                    kit.Tree.SetString("./S/reaction", "seen");
                }
            };
            uint sequence = kit.State.Store.Sequence;
            Assert.True(kit.Atomic(false,
                x => x.Add(Srv, "./S/a", DmFormat.Chr, null, StoreKit.Bytes("1")),
                x => x.Add(Srv, "./S/b", DmFormat.Chr, null, StoreKit.Bytes("2"))));
            Assert.Equal(sequence + 1, kit.State.Store.Sequence);
            Assert.Equal(200, kit.Command(x => x.Add(Srv, "./S/trigger", DmFormat.Chr, null, StoreKit.Bytes("t"))));
            Assert.Equal(sequence + 3, kit.State.Store.Sequence);
            string expected = kit.Dump();
            using StoreKit again = kit.Reopen();
            Assert.Equal(expected, again.Dump());
            Assert.Equal("seen", again.Tree.GetString("./S/reaction"));
        }

        [Fact]
        public void QueuedAlertsSurviveARebootInOrderAndAcknowledgedOnesDoNot()
        {
            var flash = new MemoryStorage();
            StoreKit kit = StoreKit.Open(flash);
            var first = new GenericAlert { ServerId = Srv, Correlator = "c1", SourceUri = "./S/x", Type = "urn:t:1", Mark = "critical", Data = "ä" };
            var second = new GenericAlert { ServerId = null, Type = "urn:t:2", Format = null, Data = null };
            var third = new GenericAlert { ServerId = "other", TargetUri = "./T", Type = "urn:t:3", Format = "xml", Data = "<x/>" };
            Assert.True(kit.Alerts.Enqueue(first));
            Assert.True(kit.Alerts.Enqueue(second));
            Assert.True(kit.Alerts.Enqueue(third));
            kit.Alerts.Acknowledge(second);
            kit.Alerts.Acknowledge(second);
            uint sequence = kit.State.Store.Sequence;

            kit = kit.Reopen();
            Assert.Equal(sequence, kit.Report.Sequence);
            GenericAlert[] mine = kit.Alerts.PendingFor(Srv);
            Assert.Single(mine);
            Assert.Equal(new[] { "c1", "ä", "./S/x", "urn:t:1", "critical", "chr" },
                new[] { mine[0].Correlator, mine[0].Data, mine[0].SourceUri, mine[0].Type, mine[0].Mark, mine[0].Format });
            GenericAlert[] others = kit.Alerts.PendingFor("other");
            Assert.Equal(new[] { "urn:t:3", "xml", "<x/>", "./T" }, new[] { others[0].Type, others[0].Format, others[0].Data, others[0].TargetUri });
            Assert.Equal(2, kit.Alerts.Count);

            // Acknowledged after the reboot: gone for good.
            kit.Alerts.Acknowledge(mine[0]);
            var fourth = new GenericAlert { Type = "urn:t:4" };
            kit.Alerts.Enqueue(fourth);
            kit = kit.Reopen();
            Assert.Equal(new[] { "urn:t:3", "urn:t:4" }, kit.Alerts.PendingFor("other").Select(a => a.Type));
            kit.Dispose();
        }

        [Fact]
        public void RecordsArePutReadAndDeletedOneCommitEach()
        {
            var flash = new MemoryStorage();
            var options = new StoreOptions { MaxRecordKeyLength = 8, MaxRecordSize = 100 };
            StoreKit kit = StoreKit.Open(flash, options);
            uint sequence = kit.State.Store.Sequence;
            Assert.True(kit.State.PutRecord("scomo/1", StoreKit.Bytes("installed")));
            Assert.True(kit.State.PutRecord("dl", StoreKit.Random(100, 3)));
            Assert.True(kit.State.PutRecord("dl", StoreKit.Random(50, 4)));
            Assert.True(kit.State.DeleteRecord("absent"));
            Assert.Equal(sequence + 3, kit.State.Store.Sequence);
            Assert.False(kit.State.PutRecord("too-long-key", StoreKit.Bytes("x")));
            Assert.False(kit.State.PutRecord("", StoreKit.Bytes("x")));
            Assert.False(kit.State.PutRecord("big", new byte[101]));
            Assert.Equal(sequence + 3, kit.State.Store.Sequence);

            kit = kit.Reopen();
            Assert.Equal("installed", Encoding.UTF8.GetString(kit.State.GetRecord("scomo/1")));
            Assert.Equal(StoreKit.Random(50, 4), kit.State.GetRecord("dl"));
            Assert.True(kit.State.DeleteRecord("scomo/1"));
            kit = kit.Reopen();
            Assert.Equal(new[] { "dl" }, kit.State.RecordKeys());
            kit.Dispose();
        }

        [Fact]
        public void ADeviceChangeThatCannotBeStoredIsStoredByTheNextSnapshot()
        {
            var flash = new MemoryStorage();
            var options = new StoreOptions { Budget = 8000, CompactionThreshold = 2000 };
            StoreKit kit = StoreKit.Open(flash, options);
            kit.Tree.SetString("./small", "kept");
            string stored = kit.Dump();

            // More than half the budget: neither a record nor a snapshot can hold it, but the tree has it already.
            kit.Tree.SetLeaf("./huge", DmFormat.Bin, null, StoreKit.Random(5000, 1), false);
            Assert.False(kit.State.InSync);
            Assert.Equal(stored, StoreKit.Open(Flash.Copy(flash), options).Dump());

            // The next change writes a full snapshot, which stores both.
            kit.Tree.Remove("./huge");
            kit.Tree.SetString("./small", "changed");
            Assert.True(kit.State.InSync);
            string expected = kit.Dump();
            kit = kit.Reopen();
            Assert.Equal(expected, kit.Dump());
            kit.Dispose();
        }

        [Fact]
        public void StorageFullUndoesTheCommandAndAnswers420()
        {
            var flash = new MemoryStorage();
            var options = new StoreOptions { Budget = 8000, CompactionThreshold = 2000 };
            StoreKit kit = StoreKit.Open(flash, options);
            kit.Playground();
            Assert.Equal(200, kit.Command(x => x.Add(Srv, "./S/v", DmFormat.Chr, null, StoreKit.Bytes("small"))));
            string before = kit.Dump();
            Assert.Equal(420, kit.Command(x => x.Replace(Srv, "./S/v", DmFormat.Bin, null, StoreKit.Random(5000, 2))));
            Assert.False(kit.Atomic(false,
                x => x.Add(Srv, "./S/w", DmFormat.Chr, null, StoreKit.Bytes("w")),
                x => x.Add(Srv, "./S/big", DmFormat.Bin, null, StoreKit.Random(5000, 3))));
            Assert.Equal(before, kit.Dump());
            Assert.True(kit.State.InSync);
            Assert.Equal(200, kit.Command(x => x.Replace(Srv, "./S/v", DmFormat.Chr, null, StoreKit.Bytes("still works"))));
            string expected = kit.Dump();
            kit = kit.Reopen();
            Assert.False(kit.Report.Corrupt);
            Assert.Equal(expected, kit.Dump());
            kit.Dispose();
        }

        [Fact]
        public void AnAgentRestartedOnItsStateIsTheSameDeviceAndRegistersWithoutWriting()
        {
            var flash = new MemoryStorage();
            var clock = new StoreClock();
            string expected;
            using (var state = new PersistentAgentState(flash, new StoreOptions(), null))
            {
                DmAgent agent = NewAgent(state, clock);
                Assert.True(state.Report.Fresh);
                DmAccount account = agent.ProvisionAccount(new AccountSettings
                {
                    ServerId = "dm.example.com",
                    ServerUri = "https://dm.example.com/dm",
                    ClientName = "device-1",
                    ClientSecret = "client-secret",
                    ServerSecret = "server-secret",
                    AuthPref = DmAccMo.Digest,
                });
                account.ClientNonce = new byte[] { 1, 2, 3, 4 };
                account.ServerNonce = new byte[] { 9, 8, 7 };
                agent.Alerts.Enqueue(new GenericAlert { ServerId = "dm.example.com", Type = "urn:x", Data = "pending" });
                expected = StateDump.Tree(agent.Tree) + StateDump.AlertsAndRecords(state);
            }

            using var again = new PersistentAgentState(flash, new StoreOptions(), null);
            DmAgent restarted = NewAgent(again, clock);
            Assert.False(again.Report.Fresh);
            uint sequence = again.Store.Sequence;
            Assert.Equal(sequence, again.Report.Sequence);
            Assert.Equal(expected, StateDump.Tree(restarted.Tree) + StateDump.AlertsAndRecords(again));
            DmAccount restored = DmAccount.Find(restarted.Tree, "dm.example.com");
            Assert.Equal("client-secret", restored.ClientSecret);
            Assert.Equal("server-secret", restored.ServerSecret);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, restored.ClientNonce);
            Assert.Equal(new byte[] { 9, 8, 7 }, restored.ServerNonce);
            Assert.True(restarted.Tree.Find(restored.Node.Uri + "/AppAuth/CLCRED/AAuthSecret").IsSecret);
            Assert.Equal("pending", restarted.Alerts.PendingFor("dm.example.com").Single().Data);
            Assert.Same(restored.Node, restarted.ProvisionAccount(new AccountSettings { ServerId = "dm.example.com", AuthPref = DmAccMo.Digest }).Node);
            Assert.Equal(sequence, again.Store.Sequence);
        }

        [Fact]
        public void ProvisioningAnAccountIsOneCommit()
        {
            using var state = new PersistentAgentState(new MemoryStorage(), new StoreOptions(), null);
            DmAgent agent = NewAgent(state, new StoreClock());
            uint sequence = state.Store.Sequence;
            Assert.NotNull(agent.ProvisionAccount(new AccountSettings { ServerId = "s1", ServerUri = "http://x/dm", AuthPref = DmAccMo.Basic }));
            Assert.Equal(sequence + 1, state.Store.Sequence);
        }

        private static DmAgent NewAgent(PersistentAgentState state, StoreClock clock)
        {
            var platform = new AgentPlatform
            {
                Clock = clock,
                Identity = new EmulatorIdentity("IMEI:357000000000007"),
                Random = new CryptoRandom(),
                Log = new NanoOmaDm.Emulator.Hal.ConsoleLogSink(false),
            };
            return new DmAgent(platform, new AgentConfig(), state);
        }
    }
}

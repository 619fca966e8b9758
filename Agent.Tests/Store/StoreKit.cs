using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Emulator.PowerLoss;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    /// <summary>A persistent state on storage with a bare tree (no MOs), and the helpers the store tests share.</summary>
    public sealed class StoreKit : IDisposable
    {
        public const string Journal = "dmstate.log";
        public const string SlotA = "dmstate.a";
        public const string SlotB = "dmstate.b";
        public const string Server = "srv";

        private StoreKit(IFileStorage storage, StoreOptions options, StoreClock clock)
        {
            Storage = storage;
            Options = options;
            Clock = clock;
            State = new PersistentAgentState(storage, options, null);
            Tree = new DmTree(clock, new TreeLimits());
            Alerts = new GenericAlertQueue();
            State.Attach(Tree, Alerts);
        }

        public IFileStorage Storage { get; }

        public StoreOptions Options { get; }

        public StoreClock Clock { get; }

        public PersistentAgentState State { get; }

        public DmTree Tree { get; }

        public GenericAlertQueue Alerts { get; }

        public OpenReport Report => State.Report;

        public static StoreKit Open(IFileStorage storage, StoreOptions options = null, StoreClock clock = null)
        {
            return new StoreKit(storage, options ?? new StoreOptions(), clock ?? new StoreClock());
        }

        /// <summary>Closes this boot and opens the same storage again (same options and clock).</summary>
        public StoreKit Reopen()
        {
            Dispose();
            return Open(Storage, Options, Clock);
        }

        /// <summary>Everything persisted, as text (every node property, alerts, records).</summary>
        public string Dump()
        {
            return StateDump.Tree(Tree) + StateDump.AlertsAndRecords(State);
        }

        /// <summary>A server command as the session runs it: journaled, then committed or undone (420).</summary>
        public int Command(Func<DmTree, int> command)
        {
            Tree.BeginAtomic();
            int status = command(Tree);
            if (State.Committer())
            {
                Tree.CommitAtomic();
                return status;
            }

            Tree.RollbackAtomic();
            return StatusCode.IsSuccess(status) ? StatusCode.DeviceFull : status;
        }

        /// <summary>Several commands as one Atomic block; rolled back if one fails or <paramref name="fail"/>.</summary>
        public bool Atomic(bool fail, params Func<DmTree, int>[] commands)
        {
            Tree.BeginAtomic();
            bool failed = fail;
            foreach (Func<DmTree, int> command in commands)
            {
                failed |= !StatusCode.IsSuccess(command(Tree));
            }

            if (!failed && State.Committer())
            {
                Tree.CommitAtomic();
                return true;
            }

            Tree.RollbackAtomic();
            return false;
        }

        /// <summary>An open subtree ./S that the server may change freely.</summary>
        public void Playground()
        {
            Tree.EnsureInterior("./S", null, true);
            Tree.SetAcl("./S", "Add=*&Delete=*&Get=*&Replace=*&Exec=*");
        }

        public static byte[] Bytes(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        public static byte[] Random(int length, int seed)
        {
            var data = new byte[length];
            new Random(seed).NextBytes(data);
            return data;
        }

        public void Dispose()
        {
            State.Dispose();
        }
    }

    /// <summary>A clock that moves only when told, so TStamps differ between steps.</summary>
    public sealed class StoreClock : IClock
    {
        public DateTime UtcNow { get; set; } = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        public long UptimeMs => 0;

        public bool IsWallClockValid => true;

        public void Tick()
        {
            UtcNow = UtcNow.AddSeconds(1);
        }
    }

    /// <summary>Builds storage contents for the tests.</summary>
    public static class Flash
    {
        public static MemoryStorage Copy(MemoryStorage source)
        {
            var copy = new MemoryStorage();
            foreach (string name in source.List())
            {
                copy.WriteAll(name, source.ReadAll(name));
            }

            return copy;
        }

        public static void AssertSameState(string expected, string actual, string context)
        {
            if (expected == actual)
            {
                return;
            }

            string[] a = expected.Split('\n');
            string[] b = actual.Split('\n');
            for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                string x = i < a.Length ? a[i] : "(end)";
                string y = i < b.Length ? b[i] : "(end)";
                Assert.True(x == y, context + ": states differ at line " + (i + 1) + "\nexpected " + x + "\nactual   " + y);
            }
        }
    }
}

using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Bench;

/// <summary>store [--nodes N] [--commits N]: figures of the persistent store on a tree of about 1,000 nodes with the
/// default (ESP32) options: write amplification of DM commands, recovery time and memory, compaction cost. The baseline
/// is a store that rewrites the whole state on every commit (what a single settings file would do).</summary>
public sealed class StoreBenchmark : IBenchmark
{
    private const string Server = "bench";
    private const string Root = "./Vendor/Bench";

    public string Name => "store";

    public string Description => "persistent store figures: --nodes N (1000) --commits N (5000)";

    public int Run(string[] args)
    {
        int nodes = 1000;
        int commits = 5000;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], out int value) || value <= 0)
            {
                Console.Error.WriteLine("store: '" + args[i + 1] + "' is not a positive number");
                return 2;
            }

            if (args[i] == "--nodes")
            {
                nodes = value;
            }
            else if (args[i] == "--commits")
            {
                commits = value;
            }
            else
            {
                Console.Error.WriteLine("store: unknown option " + args[i]);
                return 2;
            }
        }

        var options = new StoreOptions();
        var flash = new MemoryStorage();
        var meter = new MeteredStorage(flash);
        var clock = new SystemClock();
        var random = new Random(7);

        Console.WriteLine("Persistent store, default options: budget " + options.Budget + " bytes, compaction at "
            + options.CompactionThreshold + " bytes of journal, buffers 2 x " + options.BufferSize + " bytes");

        // Build the tree through DM commands (Atomic blocks of 25 Adds), as a server would.
        var state = new PersistentAgentState(meter, options, null);
        DmTree tree = NewTree(clock);
        state.Attach(tree, new GenericAlertQueue());
        tree.EnsureInterior(Root, null, true);
        tree.SetAcl(Root, "Add=*&Delete=*&Get=*&Replace=*");
        var leaves = new List<string>();
        int interior = 0;
        while (Count(tree.Root) < nodes)
        {
            string group = Root + "/G" + interior++;
            Block(tree, state, t => t.Add(Server, group, DmFormat.Node, null, null));
            for (int j = 0; j < 19 && Count(tree.Root) < nodes; j += 6)
            {
                int first = j;
                Block(tree, state, t =>
                {
                    for (int k = first; k < first + 6 && k < 19; k++)
                    {
                        string leaf = group + "/L" + k;
                        t.Add(Server, leaf, DmFormat.Chr, null, Encoding.UTF8.GetBytes("initial value " + k));
                        leaves.Add(leaf);
                    }

                    return StatusCode.Ok;
                });
            }
        }

        int nodeCount = Count(tree.Root);
        state.Compact();
        long snapshot = state.Store.SnapshotLength;
        Console.WriteLine("Tree: " + nodeCount + " nodes (" + leaves.Count + " workload leaves); snapshot " + snapshot + " bytes ("
            + (snapshot * 1.0 / nodeCount).ToString("F1") + " bytes per node); live state limit " + state.Store.Budget / 2 + " bytes");

        // Write amplification: Replace commands with 16-byte values, one commit each.
        long bytesBefore = meter.BytesWritten;
        long flushesBefore = meter.Flushes;
        int compactionsBefore = state.Store.Compactions;
        long logical = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < commits; i++)
        {
            string leaf = leaves[random.Next(leaves.Count)];
            byte[] value = Encoding.UTF8.GetBytes("v" + i.ToString("D15"));
            logical += value.Length;
            Block(tree, state, t => t.Replace(Server, leaf, null, null, value));
        }

        watch.Stop();
        long written = meter.BytesWritten - bytesBefore;
        int compactions = state.Store.Compactions - compactionsBefore;
        Console.WriteLine();
        Console.WriteLine("Write amplification (" + commits + " Replace commands of 16-byte values, " + compactions + " compactions):");
        Console.WriteLine("  bytes written per logical byte changed: " + (written * 1.0 / logical).ToString("F1")
            + "  (" + (written / (double)commits).ToString("F0") + " bytes and " + ((meter.Flushes - flushesBefore) / (double)commits).ToString("F2")
            + " flushes per commit; " + (watch.Elapsed.TotalMilliseconds * 1000 / commits).ToString("F0") + " us per commit on this machine)");
        Console.WriteLine("  of which journal records: " + ((written - compactions * (double)snapshot) / logical).ToString("F1")
            + ", compactions: " + (compactions * (double)snapshot / logical).ToString("F1"));
        Console.WriteLine("  baseline, rewriting the whole state per commit: " + (snapshot / 16.0).ToString("F0") + " -> the log store writes "
            + (snapshot * (double)commits / written).ToString("F0") + "x less");

        // Compaction cost.
        watch.Restart();
        bytesBefore = meter.BytesWritten;
        const int compactionRuns = 50;
        for (int i = 0; i < compactionRuns; i++)
        {
            state.Compact();
        }

        watch.Stop();
        Console.WriteLine();
        Console.WriteLine("Compaction: " + ((meter.BytesWritten - bytesBefore) / compactionRuns) + " bytes written, "
            + (watch.Elapsed.TotalMilliseconds / compactionRuns).ToString("F2") + " ms on this machine; one every "
            + (commits / (double)Math.Max(1, compactions)).ToString("F0") + " commits of this workload");

        // Recovery: right after a compaction, and with a journal just below the compaction threshold.
        Console.WriteLine();
        Console.WriteLine("Recovery of the " + nodeCount + "-node tree:");
        Recovery("snapshot only", flash, options, clock);
        int filled = 0;
        while (state.Store.JournalLength + 64 < options.CompactionThreshold)
        {
            string leaf = leaves[random.Next(leaves.Count)];
            byte[] value = Encoding.UTF8.GetBytes("w" + filled++.ToString("D15"));
            Block(tree, state, t => t.Replace(Server, leaf, null, null, value));
        }

        Recovery("snapshot + " + state.Store.JournalLength + "-byte journal (" + filled + " records)", flash, options, clock);
        state.Dispose();
        return 0;
    }

    private static void Recovery(string label, IFileStorage flash, StoreOptions options, IClock clock)
    {
        const int runs = 20;
        double best = double.MaxValue;
        long allocated = 0;
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Restore(flash, options, clock, out allocated);
            watch.Stop();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        long heapBefore = GC.GetTotalMemory(true);
        _kept = Restore(flash, options, clock, out allocated);
        long retained = GC.GetTotalMemory(true) - heapBefore;
        _kept = null;
        Console.WriteLine("  " + label + ": " + best.ToString("F2") + " ms (best of " + runs + " on this machine)");
        Console.WriteLine("    memory: the restored tree keeps " + retained + " bytes (.NET objects); recovery allocated " + allocated
            + " bytes in all, so " + Math.Max(0, allocated - retained) + " bytes were short-lived (one operation's strings and"
            + " values at a time); the store's own buffers: 2 x " + options.BufferSize + " + 20 bytes, whatever the file sizes");
    }

    /// <summary>Keeps a restored tree reachable while the heap is measured.</summary>
    private static DmTree _kept;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DmTree Restore(IFileStorage flash, StoreOptions options, IClock clock, out long allocated)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var state = new PersistentAgentState(flash, options, null);
        DmTree tree = NewTree(clock);
        state.Attach(tree, new GenericAlertQueue());
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (state.Report.Corrupt || state.Report.Unavailable)
        {
            throw new InvalidOperationException("recovery failed: " + state.Report.Problem);
        }

        state.Dispose();
        return tree;
    }

    private static DmTree NewTree(IClock clock)
    {
        return new DmTree(clock, new TreeLimits { MaxDepth = 16, MaxTotLen = 255, MaxSegLen = 64 });
    }

    /// <summary>One command or Atomic block as the session runs it.</summary>
    private static void Block(DmTree tree, PersistentAgentState state, Func<DmTree, int> command)
    {
        tree.BeginAtomic();
        command(tree);
        if (state.Committer())
        {
            tree.CommitAtomic();
        }
        else
        {
            tree.RollbackAtomic();
            throw new InvalidOperationException("storage full");
        }
    }

    private static int Count(DmNode node)
    {
        int count = 1;
        for (int i = 0; i < node.ChildCount; i++)
        {
            count += Count(node.GetChild(i));
        }

        return count;
    }
}

using NanoOmaDm.Agent.Store;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    /// <summary>The journal, the snapshot slots and recovery, seen through keyed records (the simplest content).</summary>
    public class LogStoreTests
    {
        [Fact]
        public void NewStoreIsFormattedOnceAndReopensAsItWas()
        {
            var flash = new MemoryStorage();
            using (StoreKit kit = StoreKit.Open(flash))
            {
                Assert.True(kit.Report.Fresh);
                Assert.False(kit.Report.Corrupt);
                Assert.True(flash.ReadAll(StoreKit.SlotA).Length > 20);
                Assert.Empty(flash.ReadAll(StoreKit.Journal));
            }

            using StoreKit again = StoreKit.Open(flash);
            Assert.False(again.Report.Fresh);
            Assert.False(again.Report.Corrupt);
            Assert.Equal(0u, again.Report.Sequence);
            Assert.Equal(0, again.Report.Slot);
        }

        [Fact]
        public void CommitsAreReplayedInOrder()
        {
            var flash = new MemoryStorage();
            string expected;
            using (StoreKit kit = StoreKit.Open(flash))
            {
                Assert.True(kit.State.PutRecord("a", StoreKit.Bytes("1")));
                Assert.True(kit.State.PutRecord("b", StoreKit.Bytes("2")));
                Assert.True(kit.State.PutRecord("a", StoreKit.Bytes("3")));
                Assert.True(kit.State.DeleteRecord("b"));
                Assert.True(kit.State.PutRecord("c", new byte[0]));
                expected = kit.Dump();
                Assert.Equal(5u, kit.State.Store.Sequence);
            }

            using StoreKit again = StoreKit.Open(flash);
            Assert.Equal(5, again.Report.CommitsReplayed);
            Assert.Equal(5u, again.Report.Sequence);
            Assert.Equal(expected, again.Dump());
            Assert.Equal("3", System.Text.Encoding.UTF8.GetString(again.State.GetRecord("a")));
            Assert.Null(again.State.GetRecord("b"));
            Assert.Empty(again.State.GetRecord("c"));
        }

        /// <summary>A record is written payload first (behind a zeroed header) and header last; power may fail at any
        /// byte of that, or leave any prefix of the finished record. Recovery must then restore the previous commit and
        /// cut the tail off, and the store must go on working.</summary>
        [Theory]
        [InlineData(100)]
        [InlineData(1500)]
        public void TornTailAtEveryByteOfTheLastRecordRestoresThePreviousCommit(int size)
        {
            var flash = new MemoryStorage();
            string before;
            long end;
            using (StoreKit kit = StoreKit.Open(flash))
            {
                kit.State.PutRecord("first", StoreKit.Bytes("kept"));
                before = kit.Dump();
                end = kit.State.Store.JournalLength;
                kit.State.PutRecord("second", StoreKit.Random(size, size));
            }

            byte[] full = flash.ReadAll(StoreKit.Journal);
            var tails = new List<byte[]>();
            for (long k = end; k < full.Length; k++)
            {
                tails.Add(full.Take((int)k).ToArray());
                byte[] headerless = full.Take((int)k).ToArray();
                Array.Clear(headerless, (int)end, (int)Math.Min(16, k - end));
                tails.Add(headerless);
            }

            for (int h = 0; h < 16; h++)
            {
                byte[] partialHeader = (byte[])full.Clone();
                Array.Clear(partialHeader, (int)end + h, 16 - h);
                tails.Add(partialHeader);
            }

            foreach (byte[] tail in tails)
            {
                MemoryStorage torn = Flash.Copy(flash);
                torn.WriteAll(StoreKit.Journal, tail);
                using (StoreKit kit = StoreKit.Open(torn))
                {
                    Assert.False(kit.Report.Corrupt, kit.Report.Problem);
                    Assert.Equal(tail.Length - end, kit.Report.DiscardedBytes);
                    Flash.AssertSameState(before, kit.Dump(), "torn at " + tail.Length);
                    Assert.True(kit.State.PutRecord("third", StoreKit.Bytes("after the cut")));
                }

                using StoreKit reopened = StoreKit.Open(torn);
                Assert.False(reopened.Report.Corrupt);
                Assert.Equal(0, reopened.Report.DiscardedBytes);
                Assert.Null(reopened.State.GetRecord("second"));
                Assert.Equal("after the cut", System.Text.Encoding.UTF8.GetString(reopened.State.GetRecord("third")));
            }
        }

        [Fact]
        public void AChangedByteInACommittedRecordEndsTheJournalThere()
        {
            var flash = new MemoryStorage();
            string afterFirst;
            long end1;
            long end2;
            using (StoreKit kit = StoreKit.Open(flash))
            {
                kit.State.PutRecord("one", StoreKit.Bytes("1"));
                afterFirst = kit.Dump();
                end1 = kit.State.Store.JournalLength;
                kit.State.PutRecord("two", StoreKit.Random(200, 2));
                end2 = kit.State.Store.JournalLength;
                kit.State.PutRecord("three", StoreKit.Bytes("3"));
            }

            byte[] journal = flash.ReadAll(StoreKit.Journal);
            for (long i = end1; i < end2; i++)
            {
                MemoryStorage damaged = Flash.Copy(flash);
                byte[] bytes = (byte[])journal.Clone();
                bytes[i] ^= 0x5A;
                damaged.WriteAll(StoreKit.Journal, bytes);
                using StoreKit kit = StoreKit.Open(damaged);
                Flash.AssertSameState(afterFirst, kit.Dump(), "byte " + i + " changed");
                Assert.Equal(1u, kit.Report.Sequence);
            }
        }

        [Fact]
        public void SlotsAlternateAndTheNewestValidSnapshotWins()
        {
            var flash = new MemoryStorage();
            var slots = new List<int>();
            var states = new List<string>();
            using (StoreKit kit = StoreKit.Open(flash))
            {
                for (int i = 0; i < 4; i++)
                {
                    kit.State.PutRecord("k", StoreKit.Bytes("v" + i));
                    Assert.True(kit.State.Compact());
                    states.Add(kit.Dump());
                    using StoreKit probe = StoreKit.Open(Flash.Copy(flash));
                    slots.Add(probe.Report.Slot);
                    Assert.Equal(0, probe.Report.CommitsReplayed);
                    Assert.Equal(states[i], probe.Dump());
                }
            }

            // The format used A, so the compactions go B, A, B, A.
            Assert.Equal(new[] { 1, 0, 1, 0 }, slots);

            // The older slot (B) is still a complete snapshot: damage it and nothing changes...
            MemoryStorage olderDamaged = Flash.Copy(flash);
            Damage(olderDamaged, StoreKit.SlotB, 30);
            using (StoreKit kit = StoreKit.Open(olderDamaged))
            {
                Assert.False(kit.Report.Corrupt);
                Assert.Equal(states[3], kit.Dump());
            }

            // ...damage the newest (A) and B is used: one compaction older, and reported, as its journal is gone.
            MemoryStorage newestDamaged = Flash.Copy(flash);
            Damage(newestDamaged, StoreKit.SlotA, 30);
            using (StoreKit kit = StoreKit.Open(newestDamaged))
            {
                Assert.Equal(1, kit.Report.Slot);
                Assert.Equal(states[2], kit.Dump());
                Assert.False(kit.Report.Corrupt, "no journal record follows either snapshot, so nothing proves a loss");
            }
        }

        [Fact]
        public void LosingTheNewestSnapshotIsReportedWhenTheJournalContinuesIt()
        {
            var flash = new MemoryStorage();
            string atOlder;
            using (StoreKit kit = StoreKit.Open(flash))
            {
                kit.State.PutRecord("a", StoreKit.Bytes("1"));
                kit.State.Compact();
                atOlder = kit.Dump();
                kit.State.PutRecord("a", StoreKit.Bytes("2"));
                kit.State.Compact();
                kit.State.PutRecord("a", StoreKit.Bytes("3"));
            }

            Damage(flash, StoreKit.SlotA, 25);
            using StoreKit damaged = StoreKit.Open(flash);
            Assert.True(damaged.Report.Corrupt);
            Assert.Contains("follows commit", damaged.Report.Problem);
            Assert.Equal(atOlder, damaged.Dump());
        }

        [Fact]
        public void StaleRecordsLeftByALostJournalTruncationAreIgnored()
        {
            var flash = new MemoryStorage();
            string compacted;
            byte[] staleJournal;
            using (StoreKit kit = StoreKit.Open(flash))
            {
                for (int i = 0; i < 5; i++)
                {
                    kit.State.PutRecord("r" + i, StoreKit.Bytes("v" + i));
                }

                staleJournal = flash.ReadAll(StoreKit.Journal);
                kit.State.DeleteRecord("r0");
                Assert.True(kit.State.Compact());
                compacted = kit.Dump();
            }

            flash.WriteAll(StoreKit.Journal, staleJournal);
            using (StoreKit kit = StoreKit.Open(flash))
            {
                Assert.False(kit.Report.Corrupt, kit.Report.Problem);
                Assert.Equal(staleJournal.Length, kit.Report.DiscardedBytes);
                Assert.Equal(compacted, kit.Dump());
                kit.State.PutRecord("after", StoreKit.Bytes("x"));
                compacted = kit.Dump();
            }

            using StoreKit again = StoreKit.Open(flash);
            Assert.Equal(compacted, again.Dump());
        }

        /// <summary>Power fails at every unit of I/O of a commit (a journal append) and of a compaction, in both modes.</summary>
        [Theory]
        [InlineData(PowerCutMode.TornWrite, false)]
        [InlineData(PowerCutMode.LoseUnflushed, false)]
        [InlineData(PowerCutMode.TornWrite, true)]
        [InlineData(PowerCutMode.LoseUnflushed, true)]
        public void PowerCutAtEveryUnitOfACommitLeavesTheStateBeforeOrAfterIt(PowerCutMode mode, bool compaction)
        {
            var flash = new MemoryStorage();
            using (StoreKit kit = StoreKit.Open(flash))
            {
                for (int i = 0; i < 8; i++)
                {
                    kit.State.PutRecord("r" + i, StoreKit.Random(60, i));
                }
            }

            string before;
            string after;
            long units;
            using (var counter = StoreKit.Open(new PowerCutStorage(Flash.Copy(flash), mode, 1)))
            {
                before = counter.Dump();
                var power = (PowerCutStorage)counter.Storage;
                long start = power.Units;
                Commit(counter, compaction);
                units = power.Units - start;
                after = counter.Dump();
            }

            Assert.NotEqual(before, after);
            var seen = new HashSet<string>();
            for (long cut = 0; cut < units; cut++)
            {
                MemoryStorage copy = Flash.Copy(flash);
                var power = new PowerCutStorage(copy, mode, (int)cut);
                StoreKit kit = StoreKit.Open(power);
                power.CutAt = power.Units + cut;
                Assert.Throws<PowerCutException>(() => Commit(kit, compaction));
                using StoreKit recovered = StoreKit.Open(copy);
                string state = recovered.Dump();
                Assert.False(recovered.Report.Corrupt, "cut at " + cut + ": " + recovered.Report.Problem);
                Assert.True(state == before || state == after, "cut at unit " + cut + " of " + units + " restored neither state");
                seen.Add(state == before ? "before" : "after");
            }

            Assert.Contains("before", seen);
        }

        [Fact]
        public void AFullStoreRefusesGrowthStaysConsistentAndStillAcceptsDeletes()
        {
            var flash = new MemoryStorage();
            var options = new StoreOptions { Budget = 6000, CompactionThreshold = 1000 };
            var accepted = new List<string>();
            string state;
            using (StoreKit kit = StoreKit.Open(flash, options))
            {
                for (int i = 0; i < 40; i++)
                {
                    if (kit.State.PutRecord("k" + i, StoreKit.Random(400, i)))
                    {
                        accepted.Add("k" + i);
                    }

                    Assert.True(kit.State.Store.StoredBytes <= options.Budget, "files exceed the budget: " + kit.State.Store.StoredBytes);
                    Assert.True(flash.UsedBytes <= options.Budget);
                }

                Assert.InRange(accepted.Count, 3, 8);
                Assert.False(kit.State.PutRecord("more", StoreKit.Random(400, 99)));
                Assert.True(kit.State.DeleteRecord(accepted[0]));
                Assert.True(kit.State.PutRecord("more", StoreKit.Random(400, 99)));
                accepted.RemoveAt(0);
                accepted.Add("more");
                state = kit.Dump();
            }

            using StoreKit again = StoreKit.Open(flash, options);
            Assert.Equal(state, again.Dump());
            Assert.Equal(accepted.OrderBy(k => k), again.State.RecordKeys().OrderBy(k => k));
        }

        [Fact]
        public void AFullVolumeIsAFailedCommitNotACrash()
        {
            var flash = new MemoryStorage { VolumeSize = 3000 };
            string state;
            using (StoreKit kit = StoreKit.Open(flash))
            {
                int stored = 0;
                for (int i = 0; i < 30; i++)
                {
                    stored += kit.State.PutRecord("k" + i, StoreKit.Random(200, i)) ? 1 : 0;
                }

                Assert.InRange(stored, 1, 29);
                state = kit.Dump();
            }

            using StoreKit again = StoreKit.Open(flash);
            Assert.False(again.Report.Corrupt);
            Assert.Equal(state, again.Dump());
        }

        [Fact]
        public void GarbageInTheFilesNeverThrowsAndLeavesAWorkingStore()
        {
            for (int seed = 0; seed < 300; seed++)
            {
                var random = new Random(seed);
                var flash = new MemoryStorage();
                foreach (string name in new[] { StoreKit.SlotA, StoreKit.SlotB, StoreKit.Journal })
                {
                    byte[] junk = StoreKit.Random(random.Next(3) == 0 ? 0 : random.Next(1, 3000), seed * 3 + name.Length);
                    if (random.Next(2) == 0 && junk.Length >= 16)
                    {
                        // Plausible headers with absurd lengths.
                        BitConverter.GetBytes(name == StoreKit.Journal ? 0x314A444Eu : 0x3153444Eu).CopyTo(junk, 0);
                        BitConverter.GetBytes(0x7FFFFFF0u).CopyTo(junk, 8);
                    }

                    flash.WriteAll(name, junk);
                }

                using (StoreKit kit = StoreKit.Open(flash))
                {
                    Assert.False(kit.Report.Unavailable);
                    Assert.True(kit.State.PutRecord("ok", StoreKit.Bytes("works")), "seed " + seed);
                }

                using StoreKit again = StoreKit.Open(flash);
                Assert.Equal("works", System.Text.Encoding.UTF8.GetString(again.State.GetRecord("ok")));
            }
        }

        [Fact]
        public void UnusableStorageIsReportedAndEveryCommitFails()
        {
            using StoreKit kit = StoreKit.Open(new BrokenStorage());
            Assert.True(kit.Report.Unavailable);
            Assert.Contains("no card", kit.Report.Problem);
            Assert.False(kit.State.PutRecord("k", StoreKit.Bytes("v")));
            kit.Playground();
            Assert.Equal(420, kit.Command(t => t.Add(StoreKit.Server, "./S/x", "chr", null, StoreKit.Bytes("v"))));
            Assert.Null(kit.Tree.Find("./S/x"));
        }

        private static void Commit(StoreKit kit, bool compaction)
        {
            if (compaction)
            {
                kit.State.PutRecord("extra", StoreKit.Bytes("e"));
                Assert.True(kit.State.Compact());
            }
            else
            {
                Assert.True(kit.State.PutRecord("extra", StoreKit.Random(300, 77)));
            }
        }

        private static void Damage(MemoryStorage flash, string name, int offset)
        {
            byte[] bytes = flash.ReadAll(name);
            bytes[offset] ^= 0xFF;
            flash.WriteAll(name, bytes);
        }

        private sealed class BrokenStorage : IFileStorage
        {
            public long Capacity => 0;

            public IStorageFile Open(string name) => throw new StorageException("no card in the slot");

            public bool Exists(string name) => false;

            public void Delete(string name)
            {
            }

            public string[] List() => Array.Empty<string>();
        }
    }
}

using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    public class PowerCutStorageTests
    {
        [Fact]
        public void TheWriteInFlightIsTornAtTheCutByteAndTheDeviceStaysOff()
        {
            var flash = new MemoryStorage();
            var power = new PowerCutStorage(flash, PowerCutMode.TornWrite, 1);
            int cuts = 0;
            power.Cutting = () => cuts++;
            IStorageFile file = power.Open("f");
            file.Write(0, StoreKit.Random(10, 1), 0, 10);
            power.CutAt = power.Units + 37;
            byte[] data = StoreKit.Random(100, 2);
            Assert.Throws<PowerCutException>(() => file.Write(10, data, 0, 100));
            Assert.True(power.IsCut);
            Assert.Equal(1, cuts);
            Assert.Equal(StoreKit.Random(10, 1).Concat(data.Take(37)), flash.ReadAll("f"));
            Assert.Throws<PowerCutException>(() => file.Read(0, new byte[1], 0, 1));
            Assert.Throws<PowerCutException>(() => power.Open("g"));
            Assert.Throws<PowerCutException>(() => file.Flush());
        }

        [Fact]
        public void UnflushedDataMayBeLostButFlushedDataIsDurable()
        {
            var outcomes = new HashSet<string>();
            for (int seed = 0; seed < 64; seed++)
            {
                var flash = new MemoryStorage();
                var power = new PowerCutStorage(flash, PowerCutMode.LoseUnflushed, seed);
                var durable = new List<string>();
                power.Durable = name => durable.Add(name);
                IStorageFile file = power.Open("f");
                file.Write(0, new byte[] { 1, 2, 3, 4 }, 0, 4);
                file.Flush();
                Assert.Equal(new[] { "f" }, durable);
                file.SetLength(2);
                file.Write(2, new byte[] { 7, 7, 7, 7 }, 0, 4);
                power.CutAt = power.Units;
                Assert.Throws<PowerCutException>(() => file.Flush());
                byte[] survived = flash.ReadAll("f");
                Assert.Contains(string.Join(",", survived), Possible());
                outcomes.Add(string.Join(",", survived));
            }

            Assert.Contains("1,2,3,4", outcomes);
            Assert.Contains("1,2,7,7,7,7", outcomes);
            Assert.Contains("1,2", outcomes);
        }

        /// <summary>The durable 1,2,3,4, then each of SetLength(2) and Write(2, 7,7,7,7) survives or not, the write
        /// possibly torn after any number of bytes.</summary>
        private static HashSet<string> Possible()
        {
            var all = new HashSet<string>();
            foreach (bool truncated in new[] { false, true })
            {
                for (int written = -1; written <= 4; written++)
                {
                    var content = new List<byte> { 1, 2, 3, 4 };
                    if (truncated)
                    {
                        content.RemoveRange(2, 2);
                    }

                    for (int i = 0; i < written; i++)
                    {
                        if (2 + i < content.Count)
                        {
                            content[2 + i] = 7;
                        }
                        else
                        {
                            content.Add(7);
                        }
                    }

                    all.Add(string.Join(",", content));
                }
            }

            return all;
        }
    }
}

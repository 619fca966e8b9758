using NanoOmaDm.Agent.Download;
using NanoOmaDm.FaultServer;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    public class DownloadProgressTests : IClassFixture<FaultServerFixture>
    {
        private const int Size = 1_000_000;
        private readonly FaultServerFixture server;

        public DownloadProgressTests(FaultServerFixture server)
        {
            this.server = server;
        }

        [Fact]
        public void ListenersHearEveryStepAndTheEnd()
        {
            var (_, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            DownloadClient client = rig.Client(request);
            var events = new List<(long Done, long Total)>();
            client.AddProgressListener((c, done, total) =>
            {
                Assert.Same(client, c);
                // What listeners hear is what the queryable properties say at that moment.
                Assert.Equal(done, c.BytesDone);
                Assert.Equal(total, c.TotalBytes);
                events.Add((done, total));
            });
            Assert.True(client.Run().IsSuccess);

            Assert.Equal((0L, (long)Size), events[0]);
            Assert.Equal((long)Size, events[^1].Done);
            Assert.All(events, e => Assert.Equal(Size, e.Total));
            for (int i = 1; i < events.Count; i++)
            {
                long step = events[i].Done - events[i - 1].Done;
                Assert.True(step >= rig.Options.ProgressIntervalBytes || events[i].Done == Size, "step " + step);
            }

            Assert.InRange(events.Count, Size / rig.Options.ProgressIntervalBytes - 2, Size / rig.Options.ProgressIntervalBytes + 2);
        }

        [Fact]
        public void TotalIsUnknownUntilTheServerAnnouncesIt()
        {
            var (_, request) = server.NewFile(Size, withHash: false, withSize: false);
            var rig = new DownloadRig();
            DownloadClient client = rig.Client(request);
            var totals = new List<long>();
            client.AddProgressListener((c, done, total) => totals.Add(total));
            Assert.Equal(-1, client.TotalBytes);
            Assert.True(client.Run().IsSuccess);

            Assert.Equal(-1, totals[0]);
            Assert.Equal(Size, totals[^1]);
            Assert.Equal(Size, client.TotalBytes);
        }

        [Fact]
        public void ProgressIsReadableFromAnotherThreadWhileRunning()
        {
            var (file, request) = server.NewFile(Size);
            server.Host.Enqueue(file.Name, Fault.Trickle(20_000, 10));
            var rig = new DownloadRig();
            DownloadClient client = rig.Client(request);
            var seen = new List<long>();
            DownloadResult result = null;
            var thread = new Thread(() => result = client.Run());
            thread.Start();
            while (thread.IsAlive)
            {
                long done = client.BytesDone;
                Assert.InRange(done, 0, Size);
                seen.Add(done);
                Thread.Sleep(2);
            }

            thread.Join();
            Assert.True(result.IsSuccess);
            Assert.True(seen.Distinct().Count() >= 3, "saw " + string.Join(",", seen.Distinct()));
            Assert.Equal(seen.OrderBy(x => x), seen);
        }

        [Fact]
        public void FailingListenersDoNotBreakTheDownload()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            DownloadClient client = rig.Client(request);
            client.AddProgressListener((c, d, t) => throw new InvalidOperationException("listener bug"));
            client.AddStateListener(c => throw new InvalidOperationException("listener bug"));
            int heard = 0;
            DownloadProgressHandler counting = (c, d, t) => heard++;
            client.AddProgressListener(counting);
            client.RemoveProgressListener(counting);

            DownloadResult result = client.Run();
            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(0, heard);
            Assert.Contains(rig.Log, l => l.Contains("listener failed"));
        }
    }
}

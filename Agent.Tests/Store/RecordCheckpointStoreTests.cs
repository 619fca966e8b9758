using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Emulator.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Store
{
    public class RecordCheckpointStoreTests
    {
        [Fact]
        public void ACheckpointIsACommittedRecordThatSurvivesAReboot()
        {
            var flash = new MemoryStorage();
            StoreKit kit = StoreKit.Open(flash);
            var checkpoints = new RecordCheckpointStore(kit.State, "download/pkg1");
            Assert.Null(checkpoints.Load());
            uint sequence = kit.State.Store.Sequence;
            checkpoints.Save(new DownloadCheckpoint { Url = "http://example.com/a.bin", ExpectedSize = 1000, Offset = 512, TotalSize = 1000, ETag = "\"v1\"" });
            Assert.Equal(sequence + 1, kit.State.Store.Sequence);

            kit = kit.Reopen();
            DownloadCheckpoint loaded = new RecordCheckpointStore(kit.State, "download/pkg1").Load();
            Assert.Equal("http://example.com/a.bin", loaded.Url);
            Assert.Equal(512, loaded.Offset);
            Assert.Equal("\"v1\"", loaded.ETag);

            new RecordCheckpointStore(kit.State, "download/pkg1").Remove();
            kit = kit.Reopen();
            Assert.Null(new RecordCheckpointStore(kit.State, "download/pkg1").Load());
            kit.Dispose();
        }
    }
}

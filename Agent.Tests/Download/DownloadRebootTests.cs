using System.Security.Cryptography;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Emulator.Download;
using NanoOmaDm.FaultServer;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>Checkpoints and reboots: a new client instance over the sink and store the old one left.</summary>
    public class DownloadRebootTests : IClassFixture<FaultServerFixture>
    {
        private const int Size = 1_000_000;
        private readonly FaultServerFixture server;

        public DownloadRebootTests(FaultServerFixture server)
        {
            this.server = server;
        }

        private static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

        /// <summary>Runs until the sink's power cut at <paramref name="cutAt"/> bytes kills the device (sink and store).</summary>
        private static void RunUntilPowerCut(DownloadRig rig, DownloadRequest request, long cutAt)
        {
            rig.Sink.PowerCutAt = cutAt;
            MemoryCheckpointStore store = rig.Store;
            rig.Sink.OnPowerCut = () => store.Dead = true;
            DownloadResult dead = rig.Client(request).Run();
            Assert.False(dead.IsSuccess);
        }

        [Fact]
        public void PowerCutMidWriteResumesWhereTheStoredBytesEnd()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            RunUntilPowerCut(rig, request, 400_000);
            long deliveredBeforeCut = rig.Transport.Records.Sum(r => r.Delivered);

            rig.Reboot(unflushedBytesSurvive: true);
            long stored = rig.Sink.Length;
            Assert.InRange(stored, 400_000 - rig.Options.BufferSize, 399_999);
            int before = rig.Transport.Records.Count;
            DownloadResult result = rig.Client(request).Run();

            Assert.True(result.IsSuccess, result.Message + "\n" + rig.Transcript());
            Assert.Equal(Hash(GeneratedContent.Bytes(file.ContentSeed, 0, Size)), Hash(rig.Sink.ToArray()));
            var resume = rig.Transport.Records[before];
            Assert.Equal(stored, resume.RangeFrom);
            Assert.Equal(file.ETag, resume.IfRange);
            // Only the write the power cut swallowed comes again: at most one buffer.
            long refetched = deliveredBeforeCut + rig.Transport.Records.Skip(before).Sum(r => r.Delivered) - Size;
            Assert.InRange(refetched, 0, rig.Options.BufferSize);
        }

        [Fact]
        public void PowerCutThatLosesUnflushedBytesResumesFromTheCheckpoint()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            RunUntilPowerCut(rig, request, 400_000);
            var checkpoint = DownloadCheckpoint.FromBytes(rig.Store.Record, 0, rig.Store.Record.Length);

            rig.Reboot(unflushedBytesSurvive: false);
            Assert.Equal(checkpoint.Offset, rig.Sink.Length);
            Assert.InRange(checkpoint.Offset, 400_000 - rig.Options.CheckpointIntervalBytes - rig.Options.BufferSize, 400_000);
            int before = rig.Transport.Records.Count;
            DownloadResult result = rig.Client(request).Run();

            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(Hash(GeneratedContent.Bytes(file.ContentSeed, 0, Size)), Hash(rig.Sink.ToArray()));
            Assert.Equal(checkpoint.Offset, rig.Transport.Records[before].RangeFrom);
        }

        [Fact]
        public void AnImageShorterThanItsCheckpointIsReHashedFromTheStart()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            RunUntilPowerCut(rig, request, 500_000);
            long checkpointed = DownloadCheckpoint.FromBytes(rig.Store.Record, 0, rig.Store.Record.Length).Offset;
            rig.Reboot();
            // A file system that lost data the checkpoint claims: the hash state no longer fits the bytes.
            rig.Sink.Truncate(checkpointed - 10_000);
            int before = rig.Transport.Records.Count;
            DownloadResult result = rig.Client(request).Run();

            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(checkpointed - 10_000, rig.Transport.Records[before].RangeFrom);
            Assert.Equal(Hash(GeneratedContent.Bytes(file.ContentSeed, 0, Size)), Hash(rig.Sink.ToArray()));
            Assert.Contains(rig.Log, l => l.Contains((checkpointed - 10_000) + " stored bytes re-hashed"));
        }

        [Fact]
        public void WithoutAStoredHashStateTheStoredPartIsReHashed()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            rig.Store.DropHashState = true;
            RunUntilPowerCut(rig, request, 700_000);
            Assert.Null(DownloadCheckpoint.FromBytes(rig.Store.Record, 0, rig.Store.Record.Length).HashState);

            rig.Reboot();
            long stored = rig.Sink.Length;
            int before = rig.Transport.Records.Count;
            DownloadResult result = rig.Client(request).Run();

            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(Hash(GeneratedContent.Bytes(file.ContentSeed, 0, Size)), Convert.ToHexString(result.Sha256));
            Assert.Equal(stored, rig.Transport.Records[before].RangeFrom);
            Assert.Contains(rig.Log, l => l.Contains(stored + " stored bytes re-hashed"));
        }

        [Fact]
        public void CheckpointsAreCommittedEveryIntervalAndNeverAheadOfTheFlushedImage()
        {
            var (_, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var offsets = new List<long>();
            MemoryImageSink sink = rig.Sink;
            rig.Store.OnSave = c =>
            {
                Assert.True(c.Offset <= sink.FlushedLength, "checkpoint at " + c.Offset + " but only " + sink.FlushedLength + " flushed");
                offsets.Add(c.Offset);
            };
            Assert.True(rig.Client(request).Run().IsSuccess);

            // The restart for the first response (offset 0), one per 64 KB, and the completion.
            Assert.Equal(0, offsets[0]);
            Assert.Equal(Size / (64 * 1024), offsets.Count(o => o > 0 && o < Size));
            Assert.All(offsets.Skip(1).Zip(offsets), pair => Assert.True(pair.First >= pair.Second + 64 * 1024 || pair.First == Size));
            Assert.Equal(Size, offsets[^1]);
            Assert.True(DownloadCheckpoint.FromBytes(rig.Store.Record, 0, rig.Store.Record.Length).Complete);
        }

        [Fact]
        public void ACompletedImageIsReportedAgainWithoutDownloading()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            Assert.True(rig.Client(request).Run().IsSuccess);
            rig.Reboot();
            int before = rig.Transport.Records.Count;

            DownloadResult again = rig.Client(request).Run();
            Assert.True(again.IsSuccess);
            Assert.Equal(Convert.ToHexString(file.Sha256()), Convert.ToHexString(again.Sha256));
            Assert.Equal(before, rig.Transport.Records.Count);
        }

        [Fact]
        public void AllBytesStoredButNotYetVerifiedIsVerifiedWithoutARequest()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            rig.Store.OnSave = c =>
            {
                if (c.Complete)
                {
                    throw new IOException("power cut before the completion commit");
                }
            };
            DownloadResult first = rig.Client(request).Run();
            Assert.Equal(DownloadResultCode.OutOfMemory, first.ResultCode);

            rig.Reboot();
            int before = rig.Transport.Records.Count;
            DownloadResult result = rig.Client(request).Run();
            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(Convert.ToHexString(file.Sha256()), Convert.ToHexString(result.Sha256));
            Assert.Equal(before, rig.Transport.Records.Count);
        }

        [Fact]
        public void ACheckpointOfAnotherDownloadIsDiscarded()
        {
            var (file, request) = server.NewFile(Size);
            var (_, other) = server.NewFile(Size);
            var rig = new DownloadRig();
            RunUntilPowerCut(rig, other, 300_000);
            rig.Reboot();
            Assert.True(rig.Sink.Length > 0);
            int before = rig.Transport.Records.Count;

            DownloadResult result = rig.Client(request).Run();
            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(-1, rig.Transport.Records[before].RangeFrom);
            Assert.Equal(Hash(GeneratedContent.Bytes(file.ContentSeed, 0, Size)), Hash(rig.Sink.ToArray()));
            Assert.Contains(rig.Log, l => l.Contains("another download was discarded"));
        }

        [Fact]
        public void AnUnreadableCheckpointMeansStartingOver()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            rig.Sink.Append(new byte[5000], 0, 5000);
            rig.Store.Record = new byte[] { 0xDC, 1, 0, 1, 2, 3 };
            DownloadResult result = rig.Client(request).Run();

            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(-1, rig.Transport.Records[0].RangeFrom);
            Assert.Equal(Convert.ToHexString(file.Sha256()), Hash(rig.Sink.ToArray()));
        }

        [Fact]
        public void ServerTroubleKeepsTheStoredPartForTheNextIdenticalRequest()
        {
            var (file, request) = server.NewFile(Size);
            server.Host.Enqueue(file.Name, Fault.CutAt(600_000), Fault.Answer(503), Fault.Answer(503));
            var rig = new DownloadRig();
            rig.Options.MaxRetries = 1;
            DownloadResult failed = rig.Client(request).Run();
            Assert.Equal(DownloadResultCode.ServerUnavailable, failed.ResultCode);
            long kept = rig.Sink.Length;
            Assert.InRange(kept, 1, 600_000);

            DownloadResult later = rig.Client(request).Run();
            Assert.True(later.IsSuccess, later.Message);
            Assert.Equal(kept, rig.Transport.Records[^1].RangeFrom);
        }

        [Fact]
        public void EmulatorFilesCarryADownloadAcrossAReboot()
        {
            var (file, request) = server.NewFile(Size);
            string dir = Directory.CreateTempSubdirectory("download-reboot-").FullName;
            try
            {
                var rig = new DownloadRig();
                rig.Options.MaxRetries = 0;
                rig.Transport.CutNextResponsesAfter(450_000);
                var store = new FileCheckpointStore(Path.Combine(dir, "image.checkpoint"));
                DownloadResult first;
                using (var sink = new FileImageSink(Path.Combine(dir, "image.bin")))
                {
                    first = new DownloadClient(rig.Platform, request, sink, store, rig.Options).Run();
                }

                Assert.Equal(DownloadResultCode.ServerUnavailable, first.ResultCode);
                Assert.Equal(450_000, new FileInfo(Path.Combine(dir, "image.bin")).Length);

                // A new process: new sink and store objects over the same files.
                DownloadResult second;
                using (var sink = new FileImageSink(Path.Combine(dir, "image.bin")))
                {
                    second = new DownloadClient(rig.Platform, request, sink, new FileCheckpointStore(Path.Combine(dir, "image.checkpoint")), rig.Options).Run();
                }

                Assert.True(second.IsSuccess, second.Message);
                Assert.Equal(450_000, rig.Transport.Records[^1].RangeFrom);
                Assert.Equal(Convert.ToHexString(file.Sha256()), Hash(File.ReadAllBytes(Path.Combine(dir, "image.bin"))));
                Assert.True(new FileCheckpointStore(Path.Combine(dir, "image.checkpoint")).Load().Complete);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}

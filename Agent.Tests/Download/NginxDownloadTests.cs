using System.Security.Cryptography;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.FaultServer;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>Downloads from a real nginx (started by the fixture). Interruptions are made on the client side, since
    /// nginx itself serves faithfully.</summary>
    public class NginxDownloadTests : IClassFixture<NginxFixture>
    {
        private const int Size = 3_000_000;
        private readonly NginxFixture nginx;

        public NginxDownloadTests(NginxFixture nginx)
        {
            this.nginx = nginx;
        }

        private static void AssertImage(DownloadRig rig, DownloadResult result, byte[] sha)
        {
            Assert.True(result.IsSuccess, result.Message + "\n" + rig.Transcript());
            Assert.Equal(Convert.ToHexString(sha), Convert.ToHexString(SHA256.HashData(rig.Sink.ToArray())));
            Assert.Equal(Convert.ToHexString(sha), Convert.ToHexString(result.Sha256));
        }

        [Fact]
        public void DownloadsAFileWithOneRequest()
        {
            var (_, _, request) = nginx.NewFile(Size);
            var rig = new DownloadRig();
            AssertImage(rig, rig.Client(request).Run(), request.ExpectedSha256);
            Assert.Single(rig.Transport.Records);
            Assert.Equal(200, rig.Transport.Records[0].Status);
        }

        [Fact]
        public void InterruptionsResumeWithRangesThatNginxHonours()
        {
            var (_, _, request) = nginx.NewFile(Size);
            var rig = new DownloadRig();
            rig.Transport.CutNextResponsesAfter(700_000, 1, 900_000);
            DownloadResult result = rig.Client(request).Run();

            AssertImage(rig, result, request.ExpectedSha256);
            var records = rig.Transport.Records;
            Assert.Equal(new[] { 200, 206, 206, 206 }, records.Select(r => r.Status));
            Assert.Equal(new long[] { -1, 700_000, 700_001, 1_600_001 }, records.Select(r => r.RangeFrom));
            Assert.All(records.Skip(1), r => Assert.StartsWith("\"", r.IfRange));
            Assert.Equal(Size, records.Sum(r => r.Delivered));
            Assert.Equal(0, result.Restarts);
        }

        [Fact]
        public void AFileReplacedOnTheServerRestartsCleanlyWithTheNewContent()
        {
            var (path, _, request) = nginx.NewFile(Size, withHash: false);
            var rig = new DownloadRig();
            rig.Transport.CutNextResponsesAfter(1_000_000);
            rig.Transport.OnCut = () =>
            {
                GeneratedContent.WriteFile(path, 9999, Size);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(1));
            };
            DownloadResult result = rig.Client(request).Run();

            AssertImage(rig, result, GeneratedContent.Sha256(9999, Size));
            Assert.Equal(200, rig.Transport.Records[1].Status);
            Assert.Equal(1_000_000, rig.Transport.Records[1].RangeFrom);
            Assert.Equal(1, result.Restarts);
        }

        [Fact]
        public void AFileReplacedOnTheServerFailsAgainstTheManifestHash()
        {
            var (path, _, request) = nginx.NewFile(Size);
            var rig = new DownloadRig();
            rig.Transport.CutNextResponsesAfter(1_000_000);
            rig.Transport.OnCut = () =>
            {
                GeneratedContent.WriteFile(path, 8888, Size);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(1));
            };
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(DownloadResultCode.ValidationFailed, result.ResultCode);
            Assert.Equal(0, rig.Sink.Length);
            Assert.Null(rig.Store.Record);
        }

        [Fact]
        public void ARebootResumesAgainstNginx()
        {
            var (_, _, request) = nginx.NewFile(Size);
            var rig = new DownloadRig();
            rig.Sink.PowerCutAt = 1_234_567;
            MemoryCheckpointStore store = rig.Store;
            rig.Sink.OnPowerCut = () => store.Dead = true;
            Assert.False(rig.Client(request).Run().IsSuccess);

            rig.Reboot();
            long stored = rig.Sink.Length;
            int before = rig.Transport.Records.Count;
            AssertImage(rig, rig.Client(request).Run(), request.ExpectedSha256);
            Assert.Equal(stored, rig.Transport.Records[before].RangeFrom);
            Assert.Equal(206, rig.Transport.Records[before].Status);
        }

        [Fact]
        public void AMissingFileIs1402()
        {
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(new DownloadRequest(nginx.Server.BaseUrl + "/missing.bin")).Run();
            Assert.Equal(DownloadResultCode.DownloadFailed, result.ResultCode);
            Assert.Equal(404, result.HttpStatus);
        }

        [Fact]
        public void NginxIsReallyThere()
        {
            Assert.NotNull(NginxServer.FindExecutable());
            Assert.StartsWith("http://127.0.0.1:", nginx.Server.BaseUrl);
        }
    }
}

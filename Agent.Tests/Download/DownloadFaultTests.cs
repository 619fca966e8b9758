using System.Security.Cryptography;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.FaultServer;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>Every fault of the fault server against the agent's client over the emulator's HTTP transport.</summary>
    public class DownloadFaultTests : IClassFixture<FaultServerFixture>
    {
        private const int Size = 300_000;
        private readonly FaultServerFixture server;

        public DownloadFaultTests(FaultServerFixture server)
        {
            this.server = server;
        }

        private FaultServerHost Host => server.Host;

        private static void AssertComplete(DownloadRig rig, DownloadResult result, byte[] expectedSha256)
        {
            Assert.True(result.IsSuccess, result.Message + "\n" + rig.Transcript());
            Assert.Equal(DownloadResultCode.Success, result.ResultCode);
            Assert.Equal(Convert.ToHexString(expectedSha256), Convert.ToHexString(SHA256.HashData(rig.Sink.ToArray())));
            Assert.Equal(Convert.ToHexString(expectedSha256), Convert.ToHexString(result.Sha256));
        }

        private static void AssertDiscarded(DownloadRig rig)
        {
            Assert.Equal(0, rig.Sink.Length);
            Assert.Null(rig.Store.Record);
        }

        [Fact]
        public void CleanDownloadIsOneRequestAndVerified()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            DownloadClient client = rig.Client(request);
            DownloadResult result = client.Run();

            AssertComplete(rig, result, file.Sha256());
            Assert.Single(rig.Transport.Records);
            Assert.Equal(-1, rig.Transport.Records[0].RangeFrom);
            Assert.Equal(DownloadState.Completed, client.State);
            Assert.Equal(Size, client.BytesDone);
            Assert.Equal(Size, client.TotalBytes);
            Assert.Same(result, client.Run());
            Assert.Single(rig.Transport.Records);
        }

        [Fact]
        public void CutConnectionResumesWithRangeAndIfRange()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(100_000));
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            var records = Host.Requests(file.Name);
            Assert.Equal(2, records.Count);
            Assert.Null(records[0].Range);
            // The resume starts exactly at what the client had stored when the connection broke.
            long resumedAt = rig.Transport.Records[1].RangeFrom;
            Assert.Equal(rig.Transport.Records[0].Delivered, resumedAt);
            Assert.InRange(resumedAt, 1, 100_000);
            Assert.Equal("bytes=" + resumedAt + "-", records[1].Range);
            Assert.Equal(file.ETag, records[1].IfRange);
            Assert.Equal(206, records[1].Status);
            Assert.Equal(0, result.Restarts);
            Assert.Equal(Size, rig.Transport.Records.Sum(r => r.Delivered));
        }

        [Fact]
        public void CutRightAfterTheHeadersResumesFromZeroBytes()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(0), Fault.CutAt(0));
            var rig = new DownloadRig();
            AssertComplete(rig, rig.Client(request).Run(), file.Sha256());
            Assert.Equal(3, rig.Transport.Records.Count);
        }

        [Fact]
        public void WholeEntityInsteadOfTheRangeRestartsFromZero()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(120_000), Fault.IgnoreRange());
            var rig = new DownloadRig();
            var progress = new List<long>();
            DownloadClient client = rig.Client(request);
            client.AddProgressListener((c, done, total) => progress.Add(done));
            DownloadResult result = client.Run();

            AssertComplete(rig, result, file.Sha256());
            Assert.Equal(1, result.Restarts);
            Assert.Equal(200, Host.Requests(file.Name)[1].Status);
            Assert.True(rig.Transport.Records[1].RangeFrom > 0);
            // Progress went back to zero when the stored part was thrown away.
            int drop = progress.FindIndex(1, p => p == 0);
            Assert.True(drop > 0, string.Join(",", progress));
        }

        [Fact]
        public void ChangedETagWithIfRangeHonouredGives200AndARestart()
        {
            var (file, request) = server.NewFile(Size);
            string oldETag = file.ETag;
            Host.Enqueue(file.Name, Fault.CutAt(50_000), Fault.ChangeETag());
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            var second = Host.Requests(file.Name)[1];
            Assert.Equal(oldETag, second.IfRange);
            Assert.Equal(200, second.Status);
            Assert.Equal(1, result.Restarts);
            Assert.Equal(file.ETag, DownloadCheckpoint.FromBytes(rig.Store.Record, 0, rig.Store.Record.Length).ETag);
        }

        [Fact]
        public void ChangedETagOnA206IsDetectedByTheClientAndRestarts()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(50_000), Fault.ChangeETagIgnoreIfRange());
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            var records = Host.Requests(file.Name);
            Assert.Equal(206, records[1].Status);
            Assert.Equal(3, records.Count);
            Assert.Null(records[2].Range);
            Assert.Equal(200, records[2].Status);
            Assert.Equal(1, result.Restarts);
        }

        [Fact]
        public void NewContentWithoutAnExpectedHashEndsAsTheNewFileEntirely()
        {
            var (file, request) = server.NewFile(Size, withHash: false);
            Host.Enqueue(file.Name, Fault.CutAt(80_000), Fault.NewContent());
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(1, file.ContentVersion);
            AssertComplete(rig, result, file.Sha256());
        }

        [Fact]
        public void NewContentAgainstTheManifestHashIsRejectedAndDiscarded()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(80_000), Fault.NewContent());
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            Assert.False(result.IsSuccess);
            Assert.Equal(DownloadOutcome.IntegrityFailure, result.Outcome);
            Assert.Equal(DownloadResultCode.ValidationFailed, result.ResultCode);
            Assert.Null(result.Sha256);
            AssertDiscarded(rig);
        }

        [Fact]
        public void ContentSwappedUnderTheSameETagIsNeverReportedComplete()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(150_000), Fault.SwapContentKeepETag());
            var rig = new DownloadRig();
            var states = new List<DownloadState>();
            DownloadClient client = rig.Client(request);
            client.AddStateListener(c => states.Add(c.State));
            DownloadResult result = client.Run();

            Assert.Equal(206, Host.Requests(file.Name)[1].Status);
            Assert.Equal(DownloadOutcome.IntegrityFailure, result.Outcome);
            Assert.DoesNotContain(DownloadState.Completed, states);
            Assert.Equal(DownloadState.Failed, states[^1]);
            Assert.Single(states, DownloadState.Failed);
            AssertDiscarded(rig);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(-1)]
        [InlineData(-40_000)]
        public void WrongContentRangeRestartsFromZero(long shift)
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(60_000), Fault.WrongContentRange(shift));
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            Assert.Equal(1, result.Restarts);
            Assert.Equal(0, rig.Transport.Records[1].Delivered);
            Assert.Equal(-1, rig.Transport.Records[2].RangeFrom);
        }

        [Fact]
        public void Answer416EndsTheDownloadWith1402()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.CutAt(60_000), Fault.Answer(416));
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(DownloadOutcome.RangeNotSatisfiable, result.Outcome);
            Assert.Equal(DownloadResultCode.DownloadFailed, result.ResultCode);
            Assert.Equal(416, result.HttpStatus);
            Assert.Equal(2, rig.Transport.Records.Count);
            AssertDiscarded(rig);
        }

        [Theory]
        [InlineData(404, DownloadOutcome.ClientError, DownloadResultCode.DownloadFailed)]
        [InlineData(410, DownloadOutcome.ClientError, DownloadResultCode.DownloadFailed)]
        [InlineData(401, DownloadOutcome.AuthenticationFailed, DownloadResultCode.AuthenticationFailure)]
        [InlineData(403, DownloadOutcome.AuthenticationFailed, DownloadResultCode.AuthenticationFailure)]
        public void ClientErrorsEndAtOnceWithoutRetry(int status, DownloadOutcome outcome, int code)
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.Answer(status));
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(outcome, result.Outcome);
            Assert.Equal(code, result.ResultCode);
            Assert.Equal(status, result.HttpStatus);
            Assert.Single(rig.Transport.Records);
            Assert.Empty(rig.Time.Sleeps);
        }

        [Fact]
        public void ServerErrorsAreRetriedWithExponentialBackoff()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.Answer(500), Fault.Answer(502), Fault.Answer(503));
            var rig = new DownloadRig();
            rig.Options.MaxRetries = 3;
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            Assert.Equal(3, result.Retries);
            Assert.Equal(4, rig.Transport.Records.Count);
            // 100, 200, 400 ms, waited in poll-interval slices.
            Assert.Equal(700, rig.Time.TotalSlept());
        }

        [Theory]
        [InlineData(500, DownloadOutcome.ServerError, DownloadResultCode.ServerError)]
        [InlineData(503, DownloadOutcome.ServerUnavailable, DownloadResultCode.ServerUnavailable)]
        public void PersistentServerErrorsExhaustTheBudget(int status, DownloadOutcome outcome, int code)
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Enumerable.Repeat(Fault.Answer(status), 10).ToArray());
            var rig = new DownloadRig();
            rig.Options.MaxRetries = 4;
            rig.Options.BackoffMaxMs = 250;
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(outcome, result.Outcome);
            Assert.Equal(code, result.ResultCode);
            Assert.Equal(5, rig.Transport.Records.Count);
            // Capped: 100 + 200 + 250 + 250.
            Assert.Equal(800, rig.Time.TotalSlept());
        }

        [Fact]
        public void RetryAfterStretchesTheBackoff()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.Answer(503, retryAfterSeconds: 1));
            var rig = new DownloadRig();
            AssertComplete(rig, rig.Client(request).Run(), file.Sha256());
            Assert.Equal(1000, rig.Time.TotalSlept());
        }

        [Fact]
        public void ProgressRefillsTheRetryBudget()
        {
            var (file, request) = server.NewFile(Size);
            // Five cuts, each after new bytes: more interruptions than MaxRetries, but never two without progress.
            Host.Enqueue(file.Name, Fault.CutAt(40_000), Fault.CutAt(40_000), Fault.CutAt(40_000), Fault.CutAt(40_000), Fault.CutAt(40_000));
            var rig = new DownloadRig();
            rig.Options.MaxRetries = 1;
            DownloadResult result = rig.Client(request).Run();
            AssertComplete(rig, result, file.Sha256());
            Assert.Equal(6, rig.Transport.Records.Count);
        }

        [Fact]
        public void StalledBodyTimesOutAndResumes()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.Stall(70_000, 5_000));
            var rig = new DownloadRig();
            rig.Options.ReadTimeoutMs = 300;
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            Assert.Equal(2, rig.Transport.Records.Count);
            Assert.Equal(rig.Transport.Records[0].Delivered, rig.Transport.Records[1].RangeFrom);
            Assert.Contains(rig.Log, l => l.Contains("no data for 300 ms"));
        }

        [Fact]
        public void TrickledBodyCompletes()
        {
            var (file, request) = server.NewFile(20_000);
            Host.Enqueue(file.Name, Fault.Trickle(1000, 5));
            var rig = new DownloadRig();
            AssertComplete(rig, rig.Client(request).Run(), file.Sha256());
            Assert.Single(rig.Transport.Records);
        }

        [Fact]
        public void TrickleThenCutResumes()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.Trickle(500, 2, cutAfter: 5000));
            var rig = new DownloadRig();
            AssertComplete(rig, rig.Client(request).Run(), file.Sha256());
            Assert.Equal(2, rig.Transport.Records.Count);
            Assert.InRange(rig.Transport.Records[1].RangeFrom, 1, 5000);
        }

        [Fact]
        public void RedirectChainIsFollowed()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.RedirectChain(3));
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            AssertComplete(rig, result, file.Sha256());
            Assert.Equal(new[] { 302, 302, 302, 302, 200 }, rig.Transport.Records.Select(r => r.Status));
            Assert.Equal(5, result.Requests);
        }

        [Fact]
        public void ResumeAfterARedirectGoesBackToTheOriginalUrl()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.RedirectChain(1), Fault.CutAt(90_000));
            var rig = new DownloadRig();
            AssertComplete(rig, rig.Client(request).Run(), file.Sha256());
            var records = rig.Transport.Records;
            Assert.Equal(request.Url, records[^1].Url);
            Assert.True(records[^1].RangeFrom > 0);
        }

        [Fact]
        public void TooManyRedirectsEndWith1500()
        {
            var (file, request) = server.NewFile(Size);
            Host.Enqueue(file.Name, Fault.RedirectChain(20));
            var rig = new DownloadRig();
            rig.Options.MaxRedirects = 5;
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(DownloadOutcome.TooManyRedirects, result.Outcome);
            Assert.Equal(DownloadResultCode.ServerError, result.ResultCode);
            Assert.Equal(6, rig.Transport.Records.Count);
        }

        [Fact]
        public void ServerLengthDifferentFromThePackageEndsAtOnce()
        {
            var (file, request) = server.NewFile(Size);
            request.ExpectedSize = Size + 1;
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(DownloadOutcome.SizeMismatch, result.Outcome);
            Assert.Equal(DownloadResultCode.DownloadFailed, result.ResultCode);
            Assert.Equal(0, rig.Transport.Records[0].Delivered);
        }

        [Fact]
        public void NobodyListeningEndsWith1501AfterTheBudget()
        {
            var rig = new DownloadRig();
            rig.Options.MaxRetries = 2;
            DownloadResult result = rig.Client(new DownloadRequest("http://127.0.0.1:1/nothing.bin")).Run();

            Assert.Equal(DownloadOutcome.ServerUnavailable, result.Outcome);
            Assert.Equal(DownloadResultCode.ServerUnavailable, result.ResultCode);
            Assert.Equal(3, rig.Transport.Records.Count);
            Assert.Equal(0, result.HttpStatus);
        }

        [Fact]
        public void MissingFileIs404()
        {
            var rig = new DownloadRig();
            DownloadResult result = rig.Client(new DownloadRequest(Host.BaseUrl + "/files/none.bin")).Run();
            Assert.Equal(DownloadResultCode.DownloadFailed, result.ResultCode);
            Assert.Equal(404, result.HttpStatus);
        }
    }
}

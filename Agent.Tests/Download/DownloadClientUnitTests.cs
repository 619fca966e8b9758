using System.Security.Cryptography;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>The client against scripted answers: the corners of HTTP a real server does not produce on demand.</summary>
    public class DownloadClientUnitTests
    {
        private const string Url = "http://dl.example/pkg.bin";
        private const string ETag = "\"v1\"";
        private const string Date = "Wed, 01 Jan 2025 00:00:00 GMT";
        private static readonly byte[] Image = RandomNumberGenerator.GetBytes(50_000);

        private readonly ScriptedTransport script = new ScriptedTransport();
        private readonly DownloadRig rig;

        public DownloadClientUnitTests()
        {
            rig = new DownloadRig(script);
        }

        private static ScriptedTransport.Answer Whole(int endAfter = -1, bool length = true, bool etag = true) =>
            With(new ScriptedTransport.Answer { Status = 200, Body = Image, EndAfter = endAfter }, length ? Image.Length : -1, etag);

        private static ScriptedTransport.Answer Range(long from, long to = -1, long total = -1, int status = 206)
        {
            long last = to >= 0 ? to : Image.Length - 1;
            var answer = new ScriptedTransport.Answer { Status = status, Body = Image[(int)from..(int)(last + 1)] };
            answer.Header("Content-Range", "bytes " + from + "-" + last + "/" + (total >= 0 ? total : Image.Length));
            return With(answer, last - from + 1, etag: true);
        }

        private static ScriptedTransport.Answer With(ScriptedTransport.Answer answer, long length, bool etag)
        {
            if (length >= 0)
            {
                answer.Header("Content-Length", length.ToString());
            }

            if (etag)
            {
                answer.Header("ETag", ETag).Header("Last-Modified", Date);
            }

            return answer;
        }

        private DownloadRequest Request(bool size = true, bool hash = true) => new DownloadRequest(Url)
        {
            ExpectedSize = size ? Image.Length : -1,
            ExpectedSha256 = hash ? SHA256.HashData(Image) : null,
        };

        private void AssertImage(DownloadResult result)
        {
            Assert.True(result.IsSuccess, result.Message + "\n" + string.Join("\n", rig.Log));
            Assert.Equal(Image, rig.Sink.ToArray());
            Assert.Equal(SHA256.HashData(Image), result.Sha256);
        }

        [Fact]
        public void AReadThatEndsBeforeContentLengthIsAnInterruptionAndResumed()
        {
            // nanoFramework's response stream may return 0 before the end.
            script.Then(Whole(endAfter: 12_345));
            script.Then(Range(12_345));
            AssertImage(rig.Client(Request()).Run());
            Assert.Equal(12_345, script.Requests[1].RangeFrom);
            Assert.Equal(ETag, script.Requests[1].IfRange);
        }

        [Fact]
        public void ABodyWithoutAnyLengthCompletesWhenItEnds()
        {
            script.Then(Whole(length: false));
            DownloadResult result = rig.Client(Request(size: false)).Run();
            AssertImage(result);
            Assert.Equal(Image.Length, result.TotalBytes);
        }

        [Fact]
        public void ABodyLongerThanThePackageFailsWithoutStoringMore()
        {
            script.Then(Whole(length: false));
            var request = Request(hash: false);
            request.ExpectedSize = 20_000;
            DownloadResult result = rig.Client(request).Run();

            Assert.Equal(DownloadOutcome.SizeMismatch, result.Outcome);
            Assert.Equal(0, rig.Sink.Length);
        }

        [Fact]
        public void AllBytesStoredAndA416ForTheRestCompletes()
        {
            // No length anywhere, so only the server can say the stored part is everything.
            script.Then(new ScriptedTransport.Answer { Body = Image, ThrowAfter = Image.Length }.Header("ETag", ETag));
            script.Then(new ScriptedTransport.Answer { Status = 416 }.Header("Content-Range", "bytes */" + Image.Length));
            AssertImage(rig.Client(Request(size: false)).Run());
            Assert.Equal(Image.Length, script.Requests[1].RangeFrom);
        }

        [Fact]
        public void A416ForAnotherLengthEnds()
        {
            script.Then(new ScriptedTransport.Answer { Body = Image, ThrowAfter = 1000 }.Header("ETag", ETag));
            script.Then(new ScriptedTransport.Answer { Status = 416 }.Header("Content-Range", "bytes */999"));
            DownloadResult result = rig.Client(Request(size: false)).Run();
            Assert.Equal(DownloadOutcome.RangeNotSatisfiable, result.Outcome);
        }

        [Fact]
        public void AShortRangeIsContinuedAtOnce()
        {
            script.Then(Whole(endAfter: 1000));
            script.Then(Range(1000, 9_999));
            script.Then(Range(10_000));
            AssertImage(rig.Client(Request()).Run());
            Assert.Equal(10_000, script.Requests[2].RangeFrom);
            Assert.Equal(100, rig.Time.TotalSlept()); // one backoff for the short read, none for the short range
        }

        [Fact]
        public void WithoutAValidatorAnInterruptedDownloadStartsOver()
        {
            script.Then(Whole(endAfter: 20_000, etag: false));
            script.Then(Whole(etag: false));
            DownloadResult result = rig.Client(Request()).Run();
            AssertImage(result);
            Assert.Equal(-1, script.Requests[1].RangeFrom);
            Assert.Equal(1, result.Restarts);
        }

        [Fact]
        public void AWeakETagFallsBackToLastModifiedForIfRange()
        {
            var first = new ScriptedTransport.Answer { Body = Image, EndAfter = 5000 }
                .Header("Content-Length", Image.Length.ToString()).Header("ETag", "W/\"weak\"").Header("Last-Modified", Date);
            script.Then(first);
            var rest = Range(5000);
            rest.Header("ETag", "W/\"weak\"");
            script.Then(rest);
            AssertImage(rig.Client(Request()).Run());
            Assert.Equal(Date, script.Requests[1].IfRange);
        }

        [Fact]
        public void A206WithoutContentRangeRestarts()
        {
            script.Then(Whole(endAfter: 5000));
            script.Then(With(new ScriptedTransport.Answer { Status = 206, Body = Image[5000..] }, Image.Length - 5000, true));
            script.Then(Whole());
            DownloadResult result = rig.Client(Request()).Run();
            AssertImage(result);
            Assert.Equal(1, result.Restarts);
        }

        [Fact]
        public void ContentLengthThatContradictsContentRangeRestarts()
        {
            script.Then(Whole(endAfter: 5000));
            script.Then(Range(5000).Header("Content-Length", "12"));
            script.Then(Whole());
            Assert.Equal(1, rig.Client(Request()).Run().Restarts);
        }

        [Fact]
        public void AServerThatNeverContinuesEndsAsUnstable()
        {
            script.Then(Whole(endAfter: 5000));
            for (int i = 0; i < 10; i++)
            {
                script.Then(Range(4000));
                script.Then(Whole(endAfter: 5000));
            }

            rig.Options.MaxRetries = 2;
            DownloadResult result = rig.Client(Request()).Run();
            Assert.Equal(DownloadOutcome.Unstable, result.Outcome);
            Assert.Equal(DownloadResultCode.DownloadFailed, result.ResultCode);
            Assert.Equal(0, rig.Sink.Length);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("ftp://elsewhere/pkg.bin")]
        [InlineData("javascript:alert(1)")]
        public void ARedirectWithoutAUsableLocationEnds(string location)
        {
            var answer = new ScriptedTransport.Answer { Status = 302 };
            if (location != null)
            {
                answer.Header("Location", location);
            }

            script.Then(answer);
            DownloadResult result = rig.Client(Request()).Run();
            Assert.Equal(DownloadOutcome.BadRedirect, result.Outcome);
            Assert.Equal(DownloadResultCode.ServerError, result.ResultCode);
        }

        [Theory]
        [InlineData("http://dl.example/a/b/pkg.bin", "../c/x.bin", "http://dl.example/a/c/x.bin")]
        [InlineData("http://dl.example/a/b/pkg.bin", "x.bin", "http://dl.example/a/b/x.bin")]
        [InlineData("http://dl.example/a/b/pkg.bin?t=1", "/x.bin", "http://dl.example/x.bin")]
        [InlineData("https://dl.example/a/pkg.bin", "//cdn.example/x.bin", "https://cdn.example/x.bin")]
        [InlineData("http://dl.example/a/pkg.bin", "HTTPS://cdn.example/x.bin", "HTTPS://cdn.example/x.bin")]
        [InlineData("http://dl.example/a/pkg.bin", "?token=2", "http://dl.example/a/pkg.bin?token=2")]
        public void RelativeLocationsAreResolved(string url, string location, string expected)
        {
            script.Then(new ScriptedTransport.Answer { Status = 307 }.Header("Location", location));
            script.Then(Whole());
            var request = Request();
            request.Url = url;
            AssertImage(rig.Client(request).Run());
            // "../" is left to the server to normalise, as browsers send it on the wire after resolution.
            Assert.Equal(new Uri(expected).AbsoluteUri, new Uri(script.Requests[1].Url).AbsoluteUri);
        }

        [Fact]
        public void AFailingSinkEndsWith1404AndNothingEscapes()
        {
            rig.Sink.FailWith = new IOException("flash full");
            script.Then(Whole());
            DownloadResult result = rig.Client(Request()).Run();
            Assert.Equal(DownloadOutcome.StorageFailure, result.Outcome);
            Assert.Equal(DownloadResultCode.OutOfMemory, result.ResultCode);
        }

        [Fact]
        public void AFailingCheckpointStoreEndsWith1404()
        {
            rig.Store.FailWith = new IOException("store broken");
            script.Then(Whole());
            DownloadResult result = rig.Client(Request()).Run();
            Assert.Equal(DownloadResultCode.OutOfMemory, result.ResultCode);
        }

        [Fact]
        public void UnexpectedTransportExceptionsAreRetriedLikeResets()
        {
            script.Then(new ScriptedTransport.Answer { Body = Image, ThrowAfter = 3000, Throw = new InvalidOperationException("driver bug") }
                .Header("ETag", ETag).Header("Content-Length", Image.Length.ToString()));
            script.Then(_ => throw new NullReferenceException("driver bug"));
            script.Then(Range(3000));
            AssertImage(rig.Client(Request()).Run());
        }

        [Fact]
        public void MalformedHeadersCountAsAbsent()
        {
            script.Then(new ScriptedTransport.Answer { Body = Image, EndAfter = 4000 }
                .Header("Content-Length", "12abc").Header("ETag", ETag));
            script.Then(Range(4000).Header("Content-Range", "bytes 4000-x/50000"));
            script.Then(Whole());
            DownloadResult result = rig.Client(Request()).Run();
            AssertImage(result);
            Assert.Equal(1, result.Restarts);
        }

        [Theory]
        [InlineData("ftp://dl.example/x", 32)]
        [InlineData("not a url", 32)]
        [InlineData(Url, 31)]
        public void InvalidRequestsEndWithoutARequest(string url, int hashLength)
        {
            var request = new DownloadRequest(url) { ExpectedSha256 = new byte[hashLength] };
            DownloadResult result = rig.Client(request).Run();
            Assert.Equal(DownloadOutcome.InvalidRequest, result.Outcome);
            Assert.Equal(DownloadResultCode.DownloadFailed, result.ResultCode);
            Assert.Empty(script.Requests);
        }

        [Fact]
        public void TheResultIsReportedOnceAndRunIsIdempotent()
        {
            script.Then(Whole());
            DownloadClient client = rig.Client(Request());
            int finals = 0;
            client.AddStateListener(c =>
            {
                if (c.Result != null)
                {
                    finals++;
                }
            });
            DownloadResult first = client.Run();
            DownloadResult second = client.Run();
            Assert.Same(first, second);
            Assert.Equal(1, finals);
            Assert.Single(script.Requests);
        }

        [Fact]
        public void DiscardRemovesTheImageAndTheCheckpoint()
        {
            script.Then(Whole());
            DownloadClient client = rig.Client(Request());
            AssertImage(client.Run());
            Assert.NotNull(rig.Store.Record);
            Assert.True(client.Discard());
            Assert.Equal(0, rig.Sink.Length);
            Assert.Null(rig.Store.Record);
        }

        [Fact]
        public void RequestsCarryTheConfiguredTimeouts()
        {
            rig.Options.RequestTimeoutMs = 1234;
            rig.Options.ReadTimeoutMs = 4321;
            script.Then(Whole());
            AssertImage(rig.Client(Request()).Run());
            Assert.Equal(1234, script.Requests[0].TimeoutMs);
            Assert.Equal(4321, script.Requests[0].ReadTimeoutMs);
        }
    }
}

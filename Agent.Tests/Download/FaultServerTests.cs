using System.Net;
using System.Net.Http.Headers;
using NanoOmaDm.FaultServer;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>The fault server itself, through .NET's HttpClient (not the agent's transport).</summary>
    public class FaultServerTests : IClassFixture<FaultServerFixture>, IDisposable
    {
        private readonly FaultServerFixture server;
        private readonly HttpClient http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        public FaultServerTests(FaultServerFixture server)
        {
            this.server = server;
        }

        public void Dispose() => http.Dispose();

        private HttpResponseMessage Get(string url, Action<HttpRequestMessage> setup = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            setup?.Invoke(request);
            return http.Send(request);
        }

        private static byte[] Body(HttpResponseMessage response) => response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();

        [Fact]
        public void ServesTheGeneratedBytesWithValidators()
        {
            var (file, _) = server.NewFile(100_000);
            using var response = Get(server.Host.UrlOf(file.Name));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(GeneratedContent.Bytes(file.ContentSeed, 0, 100_000), Body(response));
            Assert.Equal(file.ETag, response.Headers.ETag.ToString());
            Assert.False(response.Headers.ETag.IsWeak);
            Assert.Equal(file.LastModified, response.Content.Headers.LastModified.Value.ToString("R"));
        }

        [Theory]
        [InlineData(1000L, null, 1000, 99_999)]
        [InlineData(1000L, 1999L, 1000, 1999)]
        [InlineData(null, 500L, 99_500, 99_999)]
        public void ServesSingleRanges(long? from, long? to, long first, long last)
        {
            var (file, _) = server.NewFile(100_000);
            using var response = Get(server.Host.UrlOf(file.Name), r => r.Headers.Range = new RangeHeaderValue(from, to));
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal("bytes " + first + "-" + last + "/100000", response.Content.Headers.ContentRange.ToString());
            Assert.Equal(GeneratedContent.Bytes(file.ContentSeed, first, (int)(last - first + 1)), Body(response));
        }

        [Fact]
        public void IfRangeWithAnotherValidatorGivesTheWholeFile()
        {
            var (file, _) = server.NewFile(10_000);
            using var stale = Get(server.Host.UrlOf(file.Name), r =>
            {
                r.Headers.Range = new RangeHeaderValue(10, null);
                r.Headers.TryAddWithoutValidation("If-Range", "\"other\"");
            });
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            using var fresh = Get(server.Host.UrlOf(file.Name), r =>
            {
                r.Headers.Range = new RangeHeaderValue(10, null);
                r.Headers.TryAddWithoutValidation("If-Range", file.LastModified);
            });
            Assert.Equal(HttpStatusCode.PartialContent, fresh.StatusCode);
        }

        [Fact]
        public void RangesBeyondTheEndAre416()
        {
            var (file, _) = server.NewFile(10_000);
            using var response = Get(server.Host.UrlOf(file.Name), r => r.Headers.Range = new RangeHeaderValue(10_000, null));
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
            Assert.Equal("bytes */10000", response.Content.Headers.ContentRange.ToString());
        }

        [Fact]
        public void QueryFaultsAndRedirectChains()
        {
            var (file, _) = server.NewFile(10_000);
            using var unavailable = Get(server.Host.UrlOf(file.Name) + "?fault=status:503:7");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), unavailable.Headers.RetryAfter.Delta);

            server.Host.Enqueue(file.Name, Fault.RedirectChain(2));
            string url = server.Host.UrlOf(file.Name);
            var hops = new List<string>();
            HttpResponseMessage response = Get(url);
            while (response.StatusCode == HttpStatusCode.Found)
            {
                url = new Uri(new Uri(url), response.Headers.Location).AbsoluteUri;
                hops.Add(new Uri(url).AbsolutePath);
                response.Dispose();
                response = Get(url);
            }

            Assert.Equal(new[] { "/redirect/1/" + file.Name, "/redirect/0/" + file.Name, "/files/" + file.Name }, hops);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
            Assert.Equal(0, server.Host.PendingFaults(file.Name));
        }

        [Fact]
        public void CutEndsTheBodyAfterExactlyTheGivenBytes()
        {
            var (file, _) = server.NewFile(100_000);
            server.Host.Enqueue(file.Name, Fault.CutAt(12_345));
            using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, server.Host.UrlOf(file.Name)), HttpCompletionOption.ResponseHeadersRead);
            using Stream body = response.Content.ReadAsStream();
            var received = new MemoryStream();
            Assert.ThrowsAny<IOException>(() => body.CopyTo(received));
            Assert.Equal(GeneratedContent.Bytes(file.ContentSeed, 0, 12_345), received.ToArray());
        }

        [Fact]
        public void FaultsParseFromText()
        {
            foreach (string text in new[] { "cut:5", "ignore-range", "change-etag", "change-etag-ignore-if-range", "new-content", "swap-content", "wrong-range:-3", "status:503:2", "stall:10:20", "trickle:100:1:50", "redirect:3" })
            {
                Fault fault = Fault.Parse(text);
                Assert.Equal(fault.ToString(), Fault.Parse(fault.ToString()).ToString());
            }

            Assert.Throws<FormatException>(() => Fault.Parse("explode"));
            Assert.Throws<FormatException>(() => Fault.Parse("cut"));
        }
    }
}

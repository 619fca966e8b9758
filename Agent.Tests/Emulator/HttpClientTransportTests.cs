using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Emulator
{
    /// <summary>The emulator's HTTP transport against a raw one-shot HTTP server on 127.0.0.1.</summary>
    public class HttpClientTransportTests
    {
        /// <summary>Accepts one connection, records the request and writes <paramref name="response"/> (or nothing).</summary>
        private sealed class OneShotServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly Task _task;

            public OneShotServer(byte[] response, int holdMs = 0)
            {
                _listener.Start();
                Url = "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/dm";
                _task = Task.Run(() => Serve(response, holdMs));
            }

            public string Url { get; }

            public string RequestHead { get; private set; }

            public byte[] RequestBody { get; private set; }

            private void Serve(byte[] response, int holdMs)
            {
                using TcpClient client = _listener.AcceptTcpClient();
                NetworkStream stream = client.GetStream();
                var head = new List<byte>();
                while (head.Count < 4 || Encoding.ASCII.GetString(head.GetRange(head.Count - 4, 4).ToArray()) != "\r\n\r\n")
                {
                    int b = stream.ReadByte();
                    if (b < 0)
                    {
                        return;
                    }

                    head.Add((byte)b);
                }

                RequestHead = Encoding.ASCII.GetString(head.ToArray());
                int length = 0;
                foreach (string line in RequestHead.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.Substring(15).Trim());
                    }
                }

                byte[] body = new byte[length];
                int read = 0;
                while (read < length)
                {
                    int n = stream.Read(body, read, length - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                RequestBody = body;
                if (holdMs > 0)
                {
                    Thread.Sleep(holdMs);
                    return;
                }

                stream.Write(response, 0, response.Length);
                stream.Flush();
            }

            public void Wait()
            {
                _task.Wait(TimeSpan.FromSeconds(10));
            }

            public void Dispose()
            {
                _listener.Stop();
            }
        }

        private static byte[] Response(int status, string reason, string contentType, byte[] body, params string[] headers)
        {
            var sb = new StringBuilder();
            sb.Append("HTTP/1.1 ").Append(status).Append(' ').Append(reason).Append("\r\n");
            if (contentType != null)
            {
                sb.Append("Content-Type: ").Append(contentType).Append("\r\n");
            }

            foreach (string h in headers)
            {
                sb.Append(h).Append("\r\n");
            }

            sb.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
            byte[] head = Encoding.ASCII.GetBytes(sb.ToString());
            return head.Concat(body).ToArray();
        }

        private static HttpExchange Exchange(string url, int capacity, string body)
        {
            var x = new HttpExchange(capacity);
            x.Url = url;
            x.ContentType = "application/vnd.syncml.dm+xml";
            x.Body = Encoding.UTF8.GetBytes(body + "TRAILING-BYTES-NOT-SENT");
            x.BodyLength = Encoding.UTF8.GetByteCount(body);
            x.TimeoutMs = 10000;
            return x;
        }

        [Fact]
        public void PostSendsTheBodyAndHeadersAndCopiesTheResponse()
        {
            byte[] reply = Encoding.UTF8.GetBytes("<SyncML/>");
            using var server = new OneShotServer(Response(200, "OK", "application/vnd.syncml.dm+xml; charset=utf-8", reply,
                "x-syncml-hmac: algorithm=MD5, username=\"srv\", mac=abc=="));
            using var transport = new HttpClientTransport(CancellationToken.None);
            HttpExchange x = Exchange(server.Url, 1024, "<SyncML>request</SyncML>");
            x.AddRequestHeader("x-syncml-hmac", "algorithm=MD5, username=\"IMEI:1\", mac=Zz6EivR3yeaaENcRN6lpAQ==");

            transport.Post(x);
            server.Wait();

            Assert.StartsWith("POST /dm HTTP/1.1", server.RequestHead);
            Assert.Contains("Content-Type: application/vnd.syncml.dm+xml", server.RequestHead);
            Assert.Contains("x-syncml-hmac: algorithm=MD5, username=\"IMEI:1\", mac=Zz6EivR3yeaaENcRN6lpAQ==", server.RequestHead);
            Assert.Equal("<SyncML>request</SyncML>", Encoding.UTF8.GetString(server.RequestBody));
            Assert.Equal(200, x.ResponseStatus);
            Assert.StartsWith("application/vnd.syncml.dm+xml", x.ResponseContentType);
            Assert.Equal("algorithm=MD5, username=\"srv\", mac=abc==", x.GetResponseHeader("X-SyncML-HMAC"));
            Assert.Equal(reply.Length.ToString(), x.GetResponseHeader("content-length"));
            Assert.Equal("<SyncML/>", Encoding.UTF8.GetString(x.ResponseBuffer, 0, x.ResponseLength));
            Assert.False(x.ResponseTruncated);
        }

        [Fact]
        public void ABodyLongerThanTheBufferIsTruncatedNotBuffered()
        {
            byte[] reply = Enumerable.Range(0, 5000).Select(i => (byte)('a' + i % 26)).ToArray();
            using var server = new OneShotServer(Response(200, "OK", "application/vnd.syncml.dm+xml", reply));
            using var transport = new HttpClientTransport(CancellationToken.None);
            HttpExchange x = Exchange(server.Url, 100, "<SyncML/>");

            transport.Post(x);

            Assert.True(x.ResponseTruncated);
            Assert.Equal(100, x.ResponseLength);
            Assert.Equal(reply.Take(100).ToArray(), x.ResponseBuffer);
        }

        [Fact]
        public void ABodyThatExactlyFillsTheBufferIsNotTruncated()
        {
            byte[] reply = Encoding.ASCII.GetBytes("0123456789");
            using var server = new OneShotServer(Response(200, "OK", "application/vnd.syncml.dm+xml", reply));
            using var transport = new HttpClientTransport(CancellationToken.None);
            HttpExchange x = Exchange(server.Url, 10, "<SyncML/>");

            transport.Post(x);

            Assert.False(x.ResponseTruncated);
            Assert.Equal(10, x.ResponseLength);
        }

        [Fact]
        public void AnHttpErrorIsAStatusNotAnException()
        {
            using var server = new OneShotServer(Response(503, "Service Unavailable", "text/plain", Encoding.ASCII.GetBytes("busy")));
            using var transport = new HttpClientTransport(CancellationToken.None);
            HttpExchange x = Exchange(server.Url, 100, "<SyncML/>");

            transport.Post(x);

            Assert.Equal(503, x.ResponseStatus);
            Assert.StartsWith("text/plain", x.ResponseContentType);
            Assert.Equal("busy", Encoding.ASCII.GetString(x.ResponseBuffer, 0, x.ResponseLength));
        }

        [Fact]
        public void NothingListeningIsATransportExceptionThatSaysSo()
        {
            using var transport = new HttpClientTransport(CancellationToken.None);
            HttpExchange x = Exchange("http://127.0.0.1:1/dm", 100, "<SyncML/>");

            var e = Assert.Throws<TransportException>(() => transport.Post(x));

            Assert.Contains("connection refused", e.Message);
            Assert.Contains("http://127.0.0.1:1/dm", e.Message);
        }

        [Fact]
        public void ASilentServerTimesOutAfterTheExchangeTimeout()
        {
            using var server = new OneShotServer(null, holdMs: 3000);
            using var transport = new HttpClientTransport(CancellationToken.None);
            HttpExchange x = Exchange(server.Url, 100, "<SyncML/>");
            x.TimeoutMs = 300;
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var e = Assert.Throws<TransportException>(() => transport.Post(x));

            Assert.Contains("within 300 ms", e.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), "took " + watch.Elapsed);
        }

        [Fact]
        public void ShutdownCancelsAnExchangeInFlight()
        {
            using var server = new OneShotServer(null, holdMs: 3000);
            using var shutdown = new CancellationTokenSource(200);
            using var transport = new HttpClientTransport(shutdown.Token);
            HttpExchange x = Exchange(server.Url, 100, "<SyncML/>");

            var e = Assert.Throws<TransportException>(() => transport.Post(x));

            Assert.Contains("shutting down", e.Message);
        }

        [Fact]
        public void ANonHttpUrlIsRefusedUpFront()
        {
            using var transport = new HttpClientTransport(CancellationToken.None);

            var e = Assert.Throws<TransportException>(() => transport.Post(Exchange("ftp://example/dm", 100, "<SyncML/>")));

            Assert.Contains("not an http(s) URL", e.Message);
        }
    }
}

using System.Net.Http.Headers;
using System.Net.Sockets;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Posts DM messages with one shared <see cref="HttpClient"/>. The response body is streamed into the
/// exchange's fixed buffer and never buffered beyond it: a longer body only sets <see cref="HttpExchange.ResponseTruncated"/>.</summary>
public sealed class HttpClientTransport : IHttpTransport, IDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationToken _shutdown;

    /// <param name="shutdown">Cancels an exchange in flight (Ctrl+C); it then fails like a transport error.</param>
    public HttpClientTransport(CancellationToken shutdown)
    {
        _shutdown = shutdown;
        var handler = new SocketsHttpHandler
        {
            // DM servers redirect rarely and a redirect of a POST would drop the body: the agent handles RespURI itself.
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            // Per exchange, from HttpExchange.TimeoutMs.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.ExpectContinue = false;
    }

    public void Post(HttpExchange exchange)
    {
        if (exchange == null)
        {
            throw new ArgumentNullException(nameof(exchange));
        }

        Uri uri;
        if (!Uri.TryCreate(exchange.Url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new TransportException("'" + exchange.Url + "' is not an http(s) URL");
        }

        int timeoutMs = exchange.TimeoutMs > 0 ? exchange.TimeoutMs : 30000;
        using var timeout = new CancellationTokenSource(timeoutMs);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _shutdown);
        try
        {
            PostAsync(uri, exchange, linked.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e)
        {
            if (_shutdown.IsCancellationRequested)
            {
                throw new TransportException("cancelled: the emulator is shutting down", e);
            }

            throw new TransportException("no response from " + exchange.Url + " within " + timeoutMs + " ms", e);
        }
        catch (HttpRequestException e)
        {
            throw new TransportException(Describe(e) + " (" + exchange.Url + ")", e);
        }
        catch (IOException e)
        {
            throw new TransportException("connection to " + exchange.Url + " failed: " + Innermost(e).Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new TransportException("cannot post to " + exchange.Url + ": " + e.Message, e);
        }
    }

    private async Task PostAsync(Uri uri, HttpExchange exchange, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        var content = new ByteArrayContent(exchange.Body ?? Array.Empty<byte>(), 0, exchange.Body == null ? 0 : exchange.BodyLength);
        content.Headers.ContentType = null;
        if (!string.IsNullOrEmpty(exchange.ContentType))
        {
            content.Headers.TryAddWithoutValidation("Content-Type", exchange.ContentType);
        }

        request.Content = content;
        for (int i = 0; i < exchange.RequestHeaderCount; i++)
        {
            string name = exchange.RequestHeaderName(i);
            string value = exchange.RequestHeaderValue(i);
            // Content headers (Content-Type, ...) cannot go on the request itself.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        exchange.ResponseStatus = (int)response.StatusCode;
        CopyHeaders(exchange, response.Headers);
        CopyHeaders(exchange, response.Content.Headers);
        MediaTypeHeaderValue type = response.Content.Headers.ContentType;
        exchange.ResponseContentType = type == null ? exchange.GetResponseHeader("Content-Type") : type.ToString();

        byte[] buffer = exchange.ResponseBuffer;
        int length = 0;
        bool truncated = false;
        using (Stream body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
        {
            while (length < buffer.Length)
            {
                int n = await body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }

            if (length == buffer.Length)
            {
                // Full: one probe byte tells whether more follows. Nothing more is read either way.
                byte[] probe = new byte[1];
                truncated = await body.ReadAsync(probe.AsMemory(), ct).ConfigureAwait(false) > 0;
            }
        }

        exchange.ResponseLength = length;
        exchange.ResponseTruncated = truncated;
    }

    private static void CopyHeaders(HttpExchange exchange, HttpHeaders headers)
    {
        foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
        {
            // Repeated headers are joined as HTTP allows: "a, b".
            exchange.SetResponseHeader(header.Key, string.Join(", ", header.Value));
        }
    }

    private static string Describe(HttpRequestException e)
    {
        SocketException socket = FindInner<SocketException>(e);
        if (socket != null)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.ConnectionRefused:
                    return "connection refused: nothing is listening";
                case SocketError.HostNotFound:
                case SocketError.NoData:
                    return "unknown host";
                case SocketError.NetworkUnreachable:
                case SocketError.HostUnreachable:
                    return "network unreachable";
                case SocketError.TimedOut:
                    return "connection timed out";
                case SocketError.ConnectionReset:
                    return "connection reset by the server";
            }

            return "network error: " + socket.Message;
        }

        return "HTTP request failed: " + Innermost(e).Message;
    }

    private static T FindInner<T>(Exception e) where T : Exception
    {
        for (Exception x = e; x != null; x = x.InnerException)
        {
            if (x is T t)
            {
                return t;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e;
    }

    public void Dispose()
    {
        _client.Dispose();
    }
}

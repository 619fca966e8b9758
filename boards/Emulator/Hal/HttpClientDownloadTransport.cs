using System.Net.Http.Headers;
using System.Net.Sockets;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Range GETs over one shared <see cref="HttpClient"/> (connections are kept alive between ranges). Returns
/// after the headers (<see cref="HttpCompletionOption.ResponseHeadersRead"/>); the body is streamed by the caller and
/// never buffered here. Redirects are not followed: the agent's download client follows them within its limit, as it
/// must on the boards.</summary>
public sealed class HttpClientDownloadTransport : IHttpDownloadTransport, IDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationToken _shutdown;

    /// <param name="shutdown">Cancels requests and reads in flight (Ctrl+C); they then fail like transport errors.</param>
    public HttpClientDownloadTransport(CancellationToken shutdown = default)
    {
        _shutdown = shutdown;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // A response closed early (suspend, restart) drops its connection instead of downloading the rest to reuse it.
            MaxResponseDrainSize = 0,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public IHttpDownloadResponse Get(HttpDownloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out Uri uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new TransportException("'" + request.Url + "' is not an http(s) URL");
        }

        var message = new HttpRequestMessage(HttpMethod.Get, uri);
        if (request.RangeFrom >= 0)
        {
            message.Headers.Range = new RangeHeaderValue(request.RangeFrom, null);
            if (request.IfRange != null)
            {
                message.Headers.TryAddWithoutValidation("If-Range", request.IfRange);
            }
        }

        int timeoutMs = request.TimeoutMs > 0 ? request.TimeoutMs : 30000;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown);
        timeout.CancelAfter(timeoutMs);
        HttpResponseMessage response = null;
        try
        {
            response = _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
            Stream body = response.Content.ReadAsStreamAsync(timeout.Token).GetAwaiter().GetResult();
            return new HttpClientDownloadResponse(message, response, body, request.ReadTimeoutMs, _shutdown);
        }
        catch (Exception e) when (e is OperationCanceledException || e is HttpRequestException || e is IOException)
        {
            response?.Dispose();
            message.Dispose();
            if (_shutdown.IsCancellationRequested)
            {
                throw new TransportException("cancelled: the emulator is shutting down", e);
            }

            if (e is OperationCanceledException)
            {
                throw new TransportException("no response from " + request.Url + " within " + timeoutMs + " ms", e);
            }

            throw new TransportException(Describe(e) + " (" + request.Url + ")", e);
        }
    }

    internal static string Describe(Exception e)
    {
        for (Exception x = e; x != null; x = x.InnerException)
        {
            if (x is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset by the server",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostNotFound or SocketError.NoData => "unknown host",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                    _ => "network error: " + socket.Message,
                };
            }
        }

        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    public void Dispose()
    {
        _client.Dispose();
    }
}

using System.Net.Http.Headers;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>A streamed response of <see cref="HttpClientDownloadTransport"/>. Each Read waits at most the request's
/// read timeout (a stalled server fails the read instead of hanging the download).</summary>
internal sealed class HttpClientDownloadResponse : IHttpDownloadResponse
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly int _readTimeoutMs;
    private readonly CancellationToken _shutdown;
    private CancellationTokenSource _readTimeout;
    private bool _closed;

    public HttpClientDownloadResponse(HttpRequestMessage request, HttpResponseMessage response, Stream body, int readTimeoutMs, CancellationToken shutdown)
    {
        _request = request;
        _response = response;
        _body = body;
        _readTimeoutMs = readTimeoutMs > 0 ? readTimeoutMs : 30000;
        _shutdown = shutdown;
    }

    public int Status => (int)_response.StatusCode;

    public string GetHeader(string name)
    {
        if (_response.Headers.NonValidated.TryGetValues(name, out HeaderStringValues values)
            || _response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            // Repeated headers are joined as HTTP allows: "a, b".
            return string.Join(", ", values);
        }

        return null;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_closed)
        {
            throw new TransportException("the response is closed");
        }

        // One source per response, re-armed for each read; a source that fired cannot be reused.
        if (_readTimeout == null || !_readTimeout.TryReset())
        {
            _readTimeout?.Dispose();
            _readTimeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown);
        }

        _readTimeout.CancelAfter(_readTimeoutMs);
        try
        {
            ValueTask<int> read = _body.ReadAsync(buffer.AsMemory(offset, count), _readTimeout.Token);
            return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e)
        {
            throw new TransportException(_shutdown.IsCancellationRequested ? "cancelled: the emulator is shutting down" : "no data for " + _readTimeoutMs + " ms", e);
        }
        catch (Exception e) when (e is IOException || e is HttpRequestException || e is ObjectDisposedException)
        {
            throw new TransportException("connection lost: " + HttpClientDownloadTransport.Describe(e), e);
        }
    }

    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _body.Dispose();
        _response.Dispose();
        _request.Dispose();
        _readTimeout?.Dispose();
    }
}

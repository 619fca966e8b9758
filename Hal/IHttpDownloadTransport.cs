namespace NanoOmaDm.Hal
{
    /// <summary>Range-capable HTTP GET for alternate downloads. Emulator: HttpClient with ResponseHeadersRead. Boards:
    /// HttpWebRequest (AddRange, GetResponseHeader), because nanoFramework's HttpClient can neither send Range nor read
    /// response headers.</summary>
    public interface IHttpDownloadTransport
    {
        /// <summary>Sends the request and returns once the status line and headers are in; the body is read through
        /// the response. Any HTTP status (3xx, 4xx, 5xx included) is a response, never an exception. Throws
        /// <see cref="TransportException"/> when no response arrived (refused, reset, DNS, TLS, timeout).</summary>
        IHttpDownloadResponse Get(HttpDownloadRequest request);
    }
}

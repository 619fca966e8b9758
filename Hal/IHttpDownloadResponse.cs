namespace NanoOmaDm.Hal
{
    /// <summary>A response whose body is streamed: nothing is buffered beyond the caller's array (MemoryStream stops
    /// at 64 KB on the boards, images are megabytes).</summary>
    public interface IHttpDownloadResponse
    {
        int Status { get; }

        /// <summary>Value of a response header (name case-insensitive), null when absent. The client reads ETag,
        /// Last-Modified, Content-Range, Content-Length, Location and Retry-After.</summary>
        string GetHeader(string name);

        /// <summary>Reads up to <paramref name="count"/> body bytes; 0 when the body ended as far as the transport can
        /// tell (the client compares with Content-Length and treats a short body as an interruption, so a board whose
        /// network stream returns 0 early only costs a resume). Throws <see cref="TransportException"/> on a reset or
        /// when no byte arrived within the request's ReadTimeoutMs.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Releases the connection (boards have few sockets); safe to call twice and after a failure.</summary>
        void Close();
    }
}

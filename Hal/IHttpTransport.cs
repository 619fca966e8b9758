namespace NanoOmaDm.Hal
{
    /// <summary>Posts DM messages. Emulator: HttpClient. Boards: HttpWebRequest (the only nanoFramework HTTP API
    /// that exposes response headers, needed for x-syncml-hmac).</summary>
    public interface IHttpTransport
    {
        /// <summary>POSTs <c>exchange.Body[0..BodyLength)</c> to <c>exchange.Url</c> with the request headers, and fills
        /// the response fields. Throws <see cref="TransportException"/> when no HTTP response was received.</summary>
        void Post(HttpExchange exchange);
    }
}

using System;

namespace NanoOmaDm.Hal
{
    /// <summary>The exchange did not complete at the transport level (no route, refused, reset, timeout, TLS).
    /// HTTP error statuses are not exceptions: they come back in <see cref="HttpExchange.ResponseStatus"/>.</summary>
    public class TransportException : Exception
    {
        public TransportException(string message) : base(message)
        {
        }

        public TransportException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Why a download ended; finer than the SCOMO result code it maps to.</summary>
    public enum DownloadOutcome
    {
        Completed = 0,
        Cancelled = 1,
        InvalidRequest = 2,
        /// <summary>A client error status such as 404 or 410.</summary>
        ClientError = 3,
        AuthenticationFailed = 4,
        RangeNotSatisfiable = 5,
        /// <summary>The server's length differs from the expected size, or its body ran past it.</summary>
        SizeMismatch = 6,
        IntegrityFailure = 7,
        StorageFailure = 8,
        TooManyRedirects = 9,
        /// <summary>A redirect without a usable http(s) Location.</summary>
        BadRedirect = 10,
        ServerError = 11,
        ServerUnavailable = 12,
        /// <summary>The server kept answering in a way that forced restarts from zero without ever getting further.</summary>
        Unstable = 13,
        /// <summary>Stopped for a shutdown; the stored part and checkpoint are kept for the next client.</summary>
        Stopped = 14
    }
}

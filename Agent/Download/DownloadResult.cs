namespace NanoOmaDm.Agent.Download
{
    /// <summary>How a download ended. Produced once per download; asking again returns the same instance.</summary>
    public sealed class DownloadResult
    {
        /// <summary>SCOMO result code, see <see cref="DownloadResultCode"/>.</summary>
        public int ResultCode;
        public DownloadOutcome Outcome;
        /// <summary>One line for logs and the SCOMO status.</summary>
        public string Message;
        /// <summary>Last HTTP status received, 0 when none.</summary>
        public int HttpStatus;
        public long BytesDone;
        /// <summary>-1 when never learnt.</summary>
        public long TotalBytes;
        /// <summary>SHA-256 of the stored image; set only when <see cref="IsSuccess"/>.</summary>
        public byte[] Sha256;
        /// <summary>HTTP requests sent, redirects included.</summary>
        public int Requests;
        /// <summary>Times the stored part was thrown away because the server's answer did not continue it.</summary>
        public int Restarts;
        /// <summary>Attempts that failed transiently and were retried after a backoff.</summary>
        public int Retries;

        public bool IsSuccess
        {
            get { return Outcome == DownloadOutcome.Completed; }
        }
    }
}

namespace NanoOmaDm.Hal
{
    /// <summary>One GET of (part of) a download. The download client keeps a single instance and refills it for every
    /// request, so a long download with many resumes allocates no request objects.</summary>
    public sealed class HttpDownloadRequest
    {
        public HttpDownloadRequest()
        {
            RangeFrom = -1;
            TimeoutMs = 30000;
            ReadTimeoutMs = 30000;
        }

        /// <summary>Absolute http or https URL. The transport never follows redirects: a 3xx comes back to the client,
        /// which follows Location itself within its redirect limit (nanoFramework's HttpWebRequest cannot redirect).</summary>
        public string Url;

        /// <summary>-1: the whole entity. Otherwise the transport sends <c>Range: bytes=RangeFrom-</c>.
        /// nanoFramework's HttpWebRequest.AddRange takes an int, so the boards resume only below 2 GiB.</summary>
        public long RangeFrom;

        /// <summary>Sent as <c>If-Range</c> when not null (and only with a range): an entity tag or an HTTP date.</summary>
        public string IfRange;

        /// <summary>Limit for connecting, sending and receiving the status line and headers.</summary>
        public int TimeoutMs;

        /// <summary>Longest wait for one <see cref="IHttpDownloadResponse.Read"/>: a stalled body fails after this.</summary>
        public int ReadTimeoutMs;
    }
}

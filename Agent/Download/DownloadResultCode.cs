namespace NanoOmaDm.Agent.Download
{
    /// <summary>SCOMO result codes (OMA SCOMO 1.0 §8.7) a download ends with; the SCOMO layer reports them unchanged.</summary>
    public static class DownloadResultCode
    {
        public const int Success = 1200;
        public const int UserCancelled = 1401;
        /// <summary>404/410/416 and other client errors, a size that differs from the manifest, a bad request.</summary>
        public const int DownloadFailed = 1402;
        /// <summary>401, 403 and 407 from the download server.</summary>
        public const int AuthenticationFailure = 1403;
        /// <summary>The image could not be stored (sink failure).</summary>
        public const int OutOfMemory = 1404;
        /// <summary>The image does not have the expected SHA-256: it is discarded.</summary>
        public const int ValidationFailed = 1407;
        /// <summary>Retries exhausted on 5xx other than 503, a redirect loop or a redirect without a usable Location.</summary>
        public const int ServerError = 1500;
        /// <summary>Retries exhausted on 503, 408, 429, refused or reset connections and timeouts.</summary>
        public const int ServerUnavailable = 1501;
    }
}

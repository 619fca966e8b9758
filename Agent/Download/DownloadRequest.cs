namespace NanoOmaDm.Agent.Download
{
    /// <summary>What to fetch and what it must turn out to be. The SCOMO layer fills it from the package manifest
    /// (PkgURL, size, digest); a checkpoint only resumes a download whose request is identical.</summary>
    public sealed class DownloadRequest
    {
        public DownloadRequest(string url)
        {
            Url = url;
            ExpectedSize = -1;
        }

        /// <summary>Absolute http or https URL of the package.</summary>
        public string Url;

        /// <summary>Exact image size in bytes, or -1 when the manifest gives none (the server's length is then used).</summary>
        public long ExpectedSize;

        /// <summary>SHA-256 the image must have (32 bytes), or null. Without it the only integrity guarantee is the
        /// size and a validator that stayed the same across resumes.</summary>
        public byte[] ExpectedSha256;
    }
}

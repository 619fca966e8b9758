namespace NanoOmaDm.Agent.Download
{
    /// <summary>Progress of a download; <paramref name="totalBytes"/> is -1 while unknown. Called on the downloading
    /// thread: return quickly.</summary>
    public delegate void DownloadProgressHandler(DownloadClient sender, long bytesDone, long totalBytes);
}

namespace NanoOmaDm.Agent.Download
{
    /// <summary>The download changed <see cref="DownloadClient.State"/> or its suspend reasons. Called on the downloading
    /// thread; the final state (with <see cref="DownloadClient.Result"/>) is announced exactly once.</summary>
    public delegate void DownloadStateHandler(DownloadClient sender);
}

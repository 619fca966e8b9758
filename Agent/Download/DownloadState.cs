namespace NanoOmaDm.Agent.Download
{
    public enum DownloadState
    {
        Idle = 0,
        Downloading = 1,
        /// <summary>Waiting for a command or a device condition to clear (see <see cref="DownloadClient.SuspendReasons"/>).</summary>
        Suspended = 2,
        /// <summary>Backing off after a transient failure.</summary>
        WaitingToRetry = 3,
        Completed = 4,
        Failed = 5,
        Cancelled = 6
    }
}

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Tuning and device-state thresholds of the download client. The defaults suit an ESP32 with ~100 KB of
    /// managed heap and a flash file system.</summary>
    public sealed class DownloadOptions
    {
        /// <summary>The one transfer buffer (also used to re-hash stored bytes after a reboot).</summary>
        public int BufferSize = 4096;

        /// <summary>A checkpoint (sink flush + checkpoint commit) after this many new bytes. A power cut re-fetches at
        /// most this much; each checkpoint is a flash commit.</summary>
        public int CheckpointIntervalBytes = 64 * 1024;

        /// <summary>Progress listeners hear about every step of this many bytes (and about restarts and the end).</summary>
        public int ProgressIntervalBytes = 16 * 1024;

        /// <summary>Retry budget: consecutive failed attempts (5xx, 408, 429, resets, timeouts, cut bodies, restarts)
        /// that brought no byte beyond the furthest point reached so far. Progress refills it.</summary>
        public int MaxRetries = 8;

        /// <summary>First backoff delay; it doubles per consecutive failure up to <see cref="BackoffMaxMs"/>.</summary>
        public int BackoffInitialMs = 1000;

        public int BackoffMaxMs = 60000;

        /// <summary>Redirects followed within one attempt; more end the download (1500).</summary>
        public int MaxRedirects = 5;

        /// <summary>Connect + response headers limit per request.</summary>
        public int RequestTimeoutMs = 30000;

        /// <summary>Longest wait for body bytes before the attempt counts as a timeout.</summary>
        public int ReadTimeoutMs = 30000;

        /// <summary>While suspended or backing off, commands and device state are looked at this often.</summary>
        public int PollIntervalMs = 1000;

        /// <summary>During a transfer, device state is read at most this often (0: after every buffer).</summary>
        public int DeviceCheckIntervalMs = 1000;

        /// <summary>Suspend when the battery drops below this percentage...</summary>
        public int MinBatteryPercent = 15;

        /// <summary>...and resume only once it is back at this level (hysteresis, so a battery at the threshold does not
        /// make the transfer stutter).</summary>
        public int ResumeBatteryPercent = 20;

        /// <summary>Suspend while free storage is below the bytes still to come plus this reserve.</summary>
        public long MinFreeStorageBytes = 32 * 1024;

        /// <summary>Suspend while free managed memory is below this.</summary>
        public long MinFreeMemoryBytes = 16 * 1024;
    }
}

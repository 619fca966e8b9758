using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Scomo;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary>How the SCOMO commands and the status line word the executor's work and a download's state (enum names
    /// are not available as text on nanoFramework).</summary>
    internal static class ScomoText
    {
        /// <summary>"Install on p1 running, 2 queued" or "no operation running".</summary>
        public static string Work(ScomoExecutor executor)
        {
            ScomoJob job = executor.Current;
            int queued = executor.QueuedJobs;
            if (job == null)
            {
                return queued > 0 ? "no operation running, " + queued.ToString() + " queued" : "no operation running";
            }
            // The running job is still the head of the queue.
            int waiting = queued > 0 ? queued - 1 : 0;
            return ScomoOperations.NameOf(job.Operation) + " on " + job.Entry + " running, " + waiting.ToString() + " queued";
        }

        /// <summary>"12288 of 40960 bytes (30 %)", or without a total while the size is unknown.</summary>
        public static string Progress(DownloadClient download)
        {
            long done = download.BytesDone;
            long total = download.TotalBytes;
            if (total <= 0)
            {
                return done.ToString() + " bytes, size not known yet";
            }
            return done.ToString() + " of " + total.ToString() + " bytes (" + (done * 100 / total).ToString() + " %)";
        }

        /// <summary>"suspended (command, battery-low)", "downloading", ...</summary>
        public static string State(DownloadClient download)
        {
            DownloadState state = download.State;
            string text = StateName(state);
            SuspendReasons reasons = download.SuspendReasons;
            return state == DownloadState.Suspended && reasons != SuspendReasons.None ? text + " (" + Reasons(reasons) + ")" : text;
        }

        public static string StateName(DownloadState state)
        {
            switch (state)
            {
                case DownloadState.Downloading: return "downloading";
                case DownloadState.Suspended: return "suspended";
                case DownloadState.WaitingToRetry: return "waiting to retry";
                case DownloadState.Completed: return "completed";
                case DownloadState.Failed: return "failed";
                case DownloadState.Cancelled: return "cancelled";
                default: return "starting";
            }
        }

        /// <summary>"command, battery-low": the conditions holding the download, "none" when nothing does.</summary>
        public static string Reasons(SuspendReasons reasons)
        {
            string text = string.Empty;
            text = Add(text, reasons, SuspendReasons.Command, "command");
            text = Add(text, reasons, SuspendReasons.BatteryLow, "battery-low");
            text = Add(text, reasons, SuspendReasons.StorageLow, "storage-low");
            text = Add(text, reasons, SuspendReasons.MemoryLow, "memory-low");
            text = Add(text, reasons, SuspendReasons.NetworkDown, "network-down");
            return text.Length == 0 ? "none" : text;
        }

        private static string Add(string text, SuspendReasons reasons, SuspendReasons reason, string name)
        {
            if ((reasons & reason) == 0)
            {
                return text;
            }
            return text.Length == 0 ? name : text + ", " + name;
        }
    }
}

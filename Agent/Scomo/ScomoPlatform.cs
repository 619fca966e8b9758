using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The board services SCOMO needs on top of the agent's.</summary>
    public sealed class ScomoPlatform
    {
        /// <summary>Where delivery packages and component images are kept.</summary>
        public IFileStorage Storage;
        public IComponentHost Components;
        /// <summary>Transport, clock and sleeper of the alternate download client.</summary>
        public DownloadPlatform Download;
        /// <summary>Null for the defaults.</summary>
        public DownloadOptions DownloadOptions;
        /// <summary>Accepted jobs and download checkpoints: the persistent state.</summary>
        public IRecordStore Records;
        public ILogSink Log;
    }
}

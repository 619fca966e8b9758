using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Board services a download uses; one instance serves every download of the device.</summary>
    public sealed class DownloadPlatform
    {
        public IHttpDownloadTransport Transport;
        public IClock Clock;
        public ISleeper Sleeper;
        /// <summary>May be null: no automatic suspension then (only on command).</summary>
        public IDeviceState DeviceState;
        /// <summary>May be null.</summary>
        public ILogSink Log;
    }
}

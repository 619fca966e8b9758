using NanoOmaDm.Agent.Download;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>One device for a download test: fake time (waiting is instant), simulated device state, an in-memory
    /// sink and checkpoint store, and the emulator's real HTTP transport behind a <see cref="TapTransport"/>.</summary>
    public sealed class DownloadRig : ILogSink
    {
        // HttpClient is meant to be shared; the transport keeps no per-download state.
        public static readonly HttpClientDownloadTransport Http = new HttpClientDownloadTransport();

        public DownloadRig(IHttpDownloadTransport transport = null)
        {
            Transport = new TapTransport(transport ?? Http);
        }

        public FakeTime Time { get; } = new FakeTime();

        public SimulatedDeviceState Device { get; } = new SimulatedDeviceState();

        public MemoryImageSink Sink { get; set; } = new MemoryImageSink();

        public MemoryCheckpointStore Store { get; set; } = new MemoryCheckpointStore();

        public TapTransport Transport { get; set; }

        public List<string> Log { get; } = new List<string>();

        public DownloadOptions Options { get; } = new DownloadOptions
        {
            BufferSize = 4096,
            CheckpointIntervalBytes = 64 * 1024,
            ProgressIntervalBytes = 16 * 1024,
            MaxRetries = 3,
            BackoffInitialMs = 100,
            BackoffMaxMs = 2000,
            RequestTimeoutMs = 10000,
            ReadTimeoutMs = 10000,
            PollIntervalMs = 100,
            DeviceCheckIntervalMs = 0,
        };

        public DownloadPlatform Platform => new DownloadPlatform
        {
            Transport = Transport,
            Clock = Time,
            Sleeper = Time,
            DeviceState = Device,
            Log = this,
        };

        public DownloadClient Client(DownloadRequest request) => new DownloadClient(Platform, request, Sink, Store, Options);

        /// <summary>Same device after a reboot: what the sink and store kept, a fresh client.</summary>
        public void Reboot(bool unflushedBytesSurvive = true)
        {
            Sink = Sink.AfterReboot(unflushedBytesSurvive);
            Store = Store.AfterReboot();
        }

        public void Write(LogLevel level, string source, string message)
        {
            lock (Log)
            {
                Log.Add(level + " " + source + ": " + message);
            }
        }

        public string Transcript()
        {
            lock (Log)
            {
                return string.Join("\n", Log) + "\nrequests:\n" + string.Join("\n", Transport.Records);
            }
        }
    }
}

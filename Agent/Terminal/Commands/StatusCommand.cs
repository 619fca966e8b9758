using System.Collections;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>status</c>: identity, servers, sessions, alerts, storage, battery, memory, network and the console's own
    /// state, one labelled line each, then a line per registered <see cref="IStatusSource"/>. Storage comes from the
    /// source labelled "storage" (the store's use of its budget) when one is registered, else the free space the board
    /// reports.</summary>
    public sealed class StatusCommand : NoArgumentCommand
    {
        public const string StorageLabel = "storage";

        private readonly DmAgent _agent;
        private readonly AgentPlatform _platform;
        private readonly ConsoleAccess _access;
        private readonly SessionRunner _sessions;
        private readonly IDeviceState _device;
        private readonly ArrayList _sources;

        /// <param name="sources">The registered <see cref="IStatusSource"/>s, read at each run.</param>
        /// <param name="device">Battery, storage, memory and network figures; null when the board gives none.</param>
        public StatusCommand(DmAgent agent, AgentPlatform platform, ConsoleAccess access, SessionRunner sessions, IDeviceState device,
            ArrayList sources)
            : base("status", "Shows the device identity, its DM servers, the session state and last result, pending alerts, storage, battery, memory, network and whether the console is logged in.", false)
        {
            _agent = agent;
            _platform = platform;
            _access = access;
            _sessions = sessions;
            _device = device;
            _sources = sources;
        }

        protected override void Run(ConsoleIo io)
        {
            IDeviceIdentity id = _platform.Identity;
            Row(io, "device", id.DeviceId + " - " + id.Manufacturer + " " + id.Model + ", fw " + id.FirmwareVersion + ", sw "
                + id.SoftwareVersion + ", hw " + id.HardwareVersion);
            IClock clock = _platform.Clock;
            Row(io, "uptime", (clock.UptimeMs / 1000).ToString() + " s, clock "
                + (clock.IsWallClockValid ? clock.UtcNow.ToString("u") : "not set"));
            DmAccount[] accounts = DmAccount.All(_agent.Tree);
            if (accounts.Length == 0)
            {
                Row(io, "server", "none configured");
            }
            for (int i = 0; i < accounts.Length; i++)
            {
                Row(io, "server", accounts[i].ServerId + " at " + (accounts[i].ServerUri ?? "?"));
            }
            Row(io, "session", _agent.IsSessionRunning || _sessions.IsRunning ? "session running" : "idle");
            SessionResult last = _agent.LastSession;
            Row(io, "last", last == null ? "no session since start" : SessionRunner.Describe(last));
            Row(io, "alerts", _agent.Alerts.Count.ToString() + " pending");
            IStatusSource storage = Find(StorageLabel);
            long freeStorage = _device == null ? -1 : _device.FreeStorageBytes;
            Row(io, StorageLabel, storage != null ? storage.Describe() : freeStorage >= 0 ? Kilobytes(freeStorage) + " free" : "unknown");
            int battery = _device == null ? -1 : _device.BatteryPercent;
            Row(io, "battery", battery < 0 ? "unknown" : battery.ToString() + " %");
            long freeMemory = _device == null ? -1 : _device.FreeMemoryBytes;
            Row(io, "memory", freeMemory < 0 ? "unknown" : Kilobytes(freeMemory) + " free");
            Row(io, "network", _device == null ? "unknown" : _device.IsNetworkUp ? "up" : "down");
            Row(io, "console", ConsoleState());
            IStatusSource[] sources = Sources();
            for (int i = 0; i < sources.Length; i++)
            {
                if (sources[i].Label != StorageLabel)
                {
                    Row(io, sources[i].Label, sources[i].Describe());
                }
            }
        }

        private string ConsoleState()
        {
            long locked = _access.LockedForMs;
            if (locked > 0)
            {
                return "locked for " + Seconds(locked) + " s after wrong PINs";
            }
            if (_access.IsUnlocked)
            {
                long idle = _access.IdleLeftMs;
                return idle < 0 ? "logged in" : "logged in (logout after " + Seconds(idle) + " s without input)";
            }
            return _access.HasPin ? "not logged in" : "not logged in, no PIN set";
        }

        private IStatusSource Find(string label)
        {
            IStatusSource[] sources = Sources();
            for (int i = 0; i < sources.Length; i++)
            {
                if (sources[i].Label == label)
                {
                    return sources[i];
                }
            }
            return null;
        }

        private IStatusSource[] Sources()
        {
            lock (_sources)
            {
                return (IStatusSource[])_sources.ToArray(typeof(IStatusSource));
            }
        }

        private static string Kilobytes(long bytes)
        {
            return (bytes / 1024).ToString() + " KB";
        }

        internal static string Seconds(long ms)
        {
            return ((ms + 999) / 1000).ToString();
        }

        private static void Row(ConsoleIo io, string label, string value)
        {
            io.Line(label.PadRight(9) + value);
        }
    }
}

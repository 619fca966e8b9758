using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>Policies of the console and the optional board services it reports on or drives.</summary>
    public sealed class ConsoleSettings
    {
        /// <summary>PIN written into the tree when it holds no PIN record yet (first boot); null leaves the console
        /// without PIN, so that mutating commands stay refused until a server provisions one.</summary>
        public string FactoryPin;

        /// <summary>A login ends after this long without a typed line (0 = never).</summary>
        public int IdleLogoutMs = 5 * 60 * 1000;

        /// <summary>Wrong PINs in a row that lock the console.</summary>
        public int MaxFailures = 5;

        /// <summary>First lockout; each further one in a row lasts twice as long, up to <see cref="MaxLockoutMs"/>.</summary>
        public int LockoutMs = 5 * 60 * 1000;

        public int MaxLockoutMs = 24 * 60 * 60 * 1000;

        /// <summary>How long a confirmation (factory-reset) or PIN prompt waits for its answer.</summary>
        public int PromptTimeoutMs = 60 * 1000;

        /// <summary>Longer lines are refused unread (bounded memory for whatever arrives on the wire).</summary>
        public int MaxLineLength = 512;

        /// <summary>Most nodes one <c>tree list</c> prints.</summary>
        public int MaxListedNodes = 200;

        /// <summary>How often the console thread wakes up without input (idle logout, stop requests).</summary>
        public int PollMs = 500;

        /// <summary>Reboot and factory reset; null: the board offers neither.</summary>
        public IBoardControl Board;

        /// <summary>Battery, free storage and memory, network (the Hal's live conditions, shared with the download
        /// client); null: status says "unknown".</summary>
        public IDeviceState DeviceState;

        /// <summary>Recent log lines for the <c>log</c> command; null: the board keeps none.</summary>
        public LogRing Log;
    }
}

using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>UTC wall clock (valid once SNTP set it: nanoFramework boards start at 1 Jan 1970 or the build date) and
    /// the monotonic Environment.TickCount64 (nanoFramework.Runtime.Native) for protocol timeouts.</summary>
    public sealed class BoardClock : IClock
    {
        /// <summary>Earlier than this the clock has not been set (no board ships with a 2025 RTC value).</summary>
        private static readonly DateTime Plausible = new DateTime(2025, 1, 1);

        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        public long UptimeMs
        {
            get { return Environment.TickCount64; }
        }

        public bool IsWallClockValid
        {
            get { return DateTime.UtcNow > Plausible; }
        }
    }
}

using System;

namespace NanoOmaDm.Hal
{
    /// <summary>Time source. Boards have UTC only (no time zones) and wall time is valid only after SNTP/RTC set,
    /// so protocol timeouts use the monotonic uptime and never the wall clock.</summary>
    public interface IClock
    {
        DateTime UtcNow { get; }

        /// <summary>Milliseconds since boot; monotonic.</summary>
        long UptimeMs { get; }

        /// <summary>False until the wall clock has been set (SNTP, RTC); TStamp values are then best effort.</summary>
        bool IsWallClockValid { get; }
    }
}

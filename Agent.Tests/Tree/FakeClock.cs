using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Tree
{
    /// <summary>Settable clock so that TStamp values are predictable.</summary>
    public sealed class FakeClock : IClock
    {
        public DateTime UtcNow { get; set; } = new DateTime(2024, 3, 9, 7, 5, 3, DateTimeKind.Utc);

        public long UptimeMs { get; set; }

        public bool IsWallClockValid { get; set; } = true;

        public void Advance(int seconds)
        {
            UtcNow = UtcNow.AddSeconds(seconds);
            UptimeMs += seconds * 1000L;
        }
    }
}

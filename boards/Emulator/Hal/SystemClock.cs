using System.Diagnostics;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>The desktop clock: the wall clock is always set; uptime is monotonic (Stopwatch) from the clock's creation.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    public DateTime UtcNow => DateTime.UtcNow;

    public long UptimeMs => _uptime.ElapsedMilliseconds;

    public bool IsWallClockValid => true;
}

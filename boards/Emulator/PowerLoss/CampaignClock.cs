using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>A clock that moves only when told, so that TStamps are distinct per step and reproducible per seed.</summary>
internal sealed class CampaignClock : IClock
{
    public DateTime UtcNow { get; private set; } = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public long UptimeMs { get; private set; }

    public bool IsWallClockValid => true;

    public void Tick()
    {
        UtcNow = UtcNow.AddSeconds(1);
        UptimeMs += 1000;
    }
}

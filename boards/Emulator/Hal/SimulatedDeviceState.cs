using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>The emulated device's battery, storage, memory and network, set by whoever drives the emulator (tests
/// now, the console later). Thread-safe. Defaults: a full battery, 1 GiB of free storage, 4 MiB of free memory (an
/// ESP32 with PSRAM), network up. -1 means "cannot measure", as on a board without a gauge.</summary>
public sealed class SimulatedDeviceState : IDeviceState
{
    private int _batteryPercent = 100;
    private long _freeStorageBytes = 1L << 30;
    private long _freeMemoryBytes = 4L << 20;
    private int _networkUp = 1;

    public int BatteryPercent
    {
        get => Volatile.Read(ref _batteryPercent);
        set => Volatile.Write(ref _batteryPercent, value < -1 ? -1 : Math.Min(value, 100));
    }

    public long FreeStorageBytes
    {
        get => Volatile.Read(ref _freeStorageBytes);
        set => Volatile.Write(ref _freeStorageBytes, Math.Max(-1, value));
    }

    public long FreeMemoryBytes
    {
        get => Volatile.Read(ref _freeMemoryBytes);
        set => Volatile.Write(ref _freeMemoryBytes, Math.Max(-1, value));
    }

    public bool IsNetworkUp
    {
        get => Volatile.Read(ref _networkUp) != 0;
        set => Volatile.Write(ref _networkUp, value ? 1 : 0);
    }
}

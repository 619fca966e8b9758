namespace NanoOmaDm.Hal
{
    /// <summary>Live device conditions that decide whether a long transfer may run now. A value the board cannot
    /// measure is -1 (no battery gauge, no free-space API: nanoFramework's DriveInfo has none); the agent then ignores
    /// that condition.</summary>
    public interface IDeviceState
    {
        /// <summary>0-100, or -1 when unknown or mains powered.</summary>
        int BatteryPercent { get; }

        /// <summary>Free bytes where images are stored, or -1.</summary>
        long FreeStorageBytes { get; }

        /// <summary>Free managed heap bytes, or -1.</summary>
        long FreeMemoryBytes { get; }

        /// <summary>False while the network interface is down (no link, no IP).</summary>
        bool IsNetworkUp { get; }
    }
}

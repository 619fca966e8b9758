namespace NanoOmaDm.Hal
{
    /// <summary>What the board knows about itself; feeds ./DevInfo and ./DevDetail.</summary>
    public interface IDeviceIdentity
    {
        /// <summary>Globally unique device id URN, e.g. "MAC:24:6F:28:AA:BB:CC" or "IMEI:...".</summary>
        string DeviceId { get; }
        string Manufacturer { get; }
        string Model { get; }
        /// <summary>RFC 1766 language tag.</summary>
        string Language { get; }
        string DeviceType { get; }
        string Oem { get; }
        string FirmwareVersion { get; }
        string SoftwareVersion { get; }
        string HardwareVersion { get; }
    }
}

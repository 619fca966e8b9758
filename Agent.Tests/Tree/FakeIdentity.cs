using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Tree
{
    public sealed class FakeIdentity : IDeviceIdentity
    {
        public string DeviceId { get; set; } = "MAC:24:6F:28:AA:BB:CC";
        public string Manufacturer { get; set; } = "Espressif";
        public string Model { get; set; } = "ESP32-WROVER";
        public string Language { get; set; } = "en-US";
        public string DeviceType { get; set; } = "microcontroller";
        public string Oem { get; set; } = "nanoOmaDm";
        public string FirmwareVersion { get; set; } = "1.17.0";
        public string SoftwareVersion { get; set; } = "0.1.0";
        public string HardwareVersion { get; set; } = "rev3";
    }
}

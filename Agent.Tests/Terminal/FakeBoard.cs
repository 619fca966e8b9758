using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>Records reboots and factory resets; also reports device conditions so that status shows the hooks.</summary>
    internal sealed class FakeBoard : IBoardControl, IDeviceState
    {
        public int Reboots;
        public int Resets;
        public bool ResetSucceeds = true;

        public int BatteryPercent { get; set; } = -1;

        public long FreeStorageBytes { get; set; } = -1;

        public long FreeMemoryBytes { get; set; } = -1;

        public bool IsNetworkUp { get; set; } = true;

        public void Reboot()
        {
            Reboots++;
        }

        public bool FactoryReset()
        {
            Resets++;
            return ResetSucceeds;
        }
    }
}

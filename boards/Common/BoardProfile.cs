using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>What differs between the boards; <see cref="BoardApp"/> does everything else the same way on each.</summary>
    public abstract class BoardProfile
    {
        /// <summary>"ESP32", "STM32F769I-DISCOVERY".</summary>
        public abstract string Model { get; }

        /// <summary>./DevInfo/DevTyp value.</summary>
        public abstract string DeviceType { get; }

        /// <summary>The agent's folder: "I:\\nanoOmaDm" (ESP32 littlefs), "D:\\nanoOmaDm" (SD card).</summary>
        public abstract string Root { get; }

        /// <summary>Bytes the agent's state may take on the volume (StoreOptions.Budget default).</summary>
        public abstract int DefaultStoreBudget { get; }

        /// <summary>Largest DM message (AgentConfig.MaxMsgSize default) for the board's heap.</summary>
        public abstract int DefaultMaxMsgSize { get; }

        /// <summary>True when the LED lights on a high level.</summary>
        public abstract bool LedActiveHigh { get; }

        /// <summary>True when the button pulls its pin to ground when pressed.</summary>
        public abstract bool ButtonActiveLow { get; }

        /// <summary>Board defaults for the config keys (console port and pins, button and LED pins, battery).</summary>
        public abstract void ApplyDefaults(BoardConfig config);

        /// <summary>Waits until the drive of <see cref="Root"/> is there (SD card mounted); false if it never came.</summary>
        public abstract bool WaitForStorage(ILogSink log);

        /// <summary>Brings the network up (Wi-Fi / Ethernet, DHCP) and waits for a valid time; false on failure.</summary>
        public abstract bool ConnectNetwork(BoardConfig config, ILogSink log);

        /// <summary>The board's permanent id as DevId.</summary>
        public abstract string DeviceId();

        /// <summary>Hardware-dependent bytes that perturb the random seed.</summary>
        public abstract byte[] DeviceSalt();

        /// <summary>Opens the console UART (routing its pins first where the board needs it).</summary>
        public abstract SerialConsolePort OpenConsole(BoardConfig config, int maxLineLength);

        /// <summary>The battery gauge, or null when the board has none.</summary>
        public abstract IBatteryGauge CreateBatteryGauge(BoardConfig config, ILogSink log);
    }
}

using System;
using System.Device.Wifi;
using System.IO;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;
using NanoOmaDm.Boards.Common;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Esp32
{
    /// <summary>ESP32 DevKitC (WROOM or WROVER) with the ESP32_PSRAM_REV0 firmware.
    /// <list type="bullet">
    /// <item>Storage: littlefs I:\ (the 'config' partition, 256 KB on 4 MB flash, shared with the Wi-Fi configuration);
    /// the agent keeps to a 128 KB budget in I:\nanoOmaDm\state, config.txt in I:\nanoOmaDm.</item>
    /// <item>Console: COM2 (UART1) routed with Configuration.SetPinFunction to console.rx = GPIO32 and
    /// console.tx = GPIO33 (free on WROOM and WROVER modules; GPIO16/17 carry the PSRAM on WROVER). COM1 is the
    /// nanoFramework debug/deploy wire.</item>
    /// <item>Button: BOOT (GPIO0, to ground when pressed, active low). LED: GPIO2 (blue LED on most DevKit clones;
    /// the Espressif DevKitC has none: wire an LED with 330 ohm to ground).</item>
    /// <item>Battery: ADC1 channel 0 = GPIO36 (ADC2 is unusable while Wi-Fi runs) through a 1:2 divider
    /// (two 100 kOhm resistors from the battery + to GND, mid-point to GPIO36); 3300 mV empty, 4200 mV full (LiPo).
    /// battery.channel=-1 when nothing is connected.</item>
    /// </list></summary>
    public sealed class Esp32Board : BoardProfile
    {
        public override string Model
        {
            get { return "ESP32"; }
        }

        public override string DeviceType
        {
            get { return "ESP32 dev board"; }
        }

        public override string Root
        {
            get { return "I:\\nanoOmaDm"; }
        }

        public override int DefaultStoreBudget
        {
            get { return 128 * 1024; }
        }

        public override int DefaultMaxMsgSize
        {
            get { return 16384; }
        }

        public override bool LedActiveHigh
        {
            get { return true; }
        }

        public override bool ButtonActiveLow
        {
            get { return true; }
        }

        public override void ApplyDefaults(BoardConfig config)
        {
            config.Default(BoardConfig.ConsolePort, "COM2");
            config.Default(BoardConfig.ConsoleRxPin, "32");
            config.Default(BoardConfig.ConsoleTxPin, "33");
            config.Default(BoardConfig.ButtonPin, "0");
            config.Default(BoardConfig.LedPin, "2");
            config.Default(BoardConfig.BatteryChannel, "0");
            config.Default(BoardConfig.BatteryDivider, "2.0");
            config.Default(BoardConfig.BatteryEmptyMv, "3300");
            config.Default(BoardConfig.BatteryFullMv, "4200");
        }

        public override bool WaitForStorage(ILogSink log)
        {
            // littlefs is mounted by the firmware before the application starts (formatted if it could not be).
            for (int i = 0; i < 20; i++)
            {
                if (Directory.Exists("I:\\"))
                {
                    if (!Directory.Exists(Root))
                    {
                        Directory.CreateDirectory(Root);
                    }

                    return true;
                }

                Thread.Sleep(100);
            }

            return false;
        }

        /// <summary>Wi-Fi with DHCP; waits up to 60 s for an address and a valid time (requiresDateTime). With
        /// wifi.ssid in config.txt it connects with those credentials (ConnectDhcp stores them in flash, once per
        /// boot); without, it reconnects with the credentials stored on the device (nanoff --networkdeployment, an
        /// earlier boot, or Smart Config).</summary>
        public override bool ConnectNetwork(BoardConfig config, ILogSink log)
        {
            string ssid = config.Get(BoardConfig.WifiSsid);
            var cancel = new CancellationTokenSource(60000);
            bool ok;
            if (ssid != null)
            {
                log.Write(LogLevel.Info, "wifi", "connecting to '" + ssid + "'");
                ok = WifiNetworkHelper.ConnectDhcp(ssid, config.Get(BoardConfig.WifiPassword) ?? string.Empty, WifiReconnectionKind.Automatic, true, 0, cancel.Token);
            }
            else
            {
                log.Write(LogLevel.Info, "wifi", "no wifi.ssid in the config: reconnecting with the stored Wi-Fi credentials");
                ok = WifiNetworkHelper.Reconnect(true, 0, cancel.Token);
            }

            if (!ok)
            {
                Exception e = WifiNetworkHelper.HelperException;
                log.Write(LogLevel.Error, "wifi", "not connected: status " + ((int)WifiNetworkHelper.Status).ToString() + (e != null ? ", " + e.Message : string.Empty));
            }

            return ok;
        }

        public override string DeviceId()
        {
            return "MAC:" + BoardIdentity.Hex(Mac());
        }

        public override byte[] DeviceSalt()
        {
            return Mac();
        }

        private static byte[] Mac()
        {
            try
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        return all[i].PhysicalAddress;
                    }
                }

                if (all.Length > 0)
                {
                    return all[0].PhysicalAddress;
                }
            }
            catch (Exception)
            {
            }

            return new byte[6];
        }

        /// <summary>COM2 with its pins routed first (UART1 has no default pins on nanoFramework's ESP32 build).</summary>
        public override SerialConsolePort OpenConsole(BoardConfig config, int maxLineLength)
        {
            string name = config.Get(BoardConfig.ConsolePort) ?? "COM2";
            int rx = config.GetInt(BoardConfig.ConsoleRxPin, 32);
            int tx = config.GetInt(BoardConfig.ConsoleTxPin, 33);
            if (name == "COM3")
            {
                Configuration.SetPinFunction(rx, DeviceFunction.COM3_RX);
                Configuration.SetPinFunction(tx, DeviceFunction.COM3_TX);
            }
            else
            {
                Configuration.SetPinFunction(rx, DeviceFunction.COM2_RX);
                Configuration.SetPinFunction(tx, DeviceFunction.COM2_TX);
            }

            return new SerialConsolePort(name, config.GetInt(BoardConfig.ConsoleBaud, 115200), maxLineLength);
        }

        public override IBatteryGauge CreateBatteryGauge(BoardConfig config, ILogSink log)
        {
            int channel = config.GetInt(BoardConfig.BatteryChannel, 0);
            if (channel < 0)
            {
                return null;
            }

            if (channel > 7)
            {
                log.Write(LogLevel.Warning, "battery", "channel " + channel + " is not an ADC1 pin (ADC2 does not work with Wi-Fi): no battery gauge");
                return null;
            }

            try
            {
                return new AdcBatteryGauge(channel, config.GetDouble(BoardConfig.BatteryDivider, 2.0),
                    config.GetInt(BoardConfig.BatteryEmptyMv, 3300), config.GetInt(BoardConfig.BatteryFullMv, 4200));
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Warning, "battery", "no battery gauge: " + e.Message);
                return null;
            }
        }
    }
}

using System;
using System.IO;
using System.Threading;
using nanoFramework.Hardware.Stm32;
using nanoFramework.Networking;
using nanoFramework.System.IO.FileSystem;
using NanoOmaDm.Boards.Common;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Stm32
{
    /// <summary>STM32F769I-DISCOVERY with the ST_STM32F769I_DISCOVERY firmware.
    /// <list type="bullet">
    /// <item>Storage: the board has no internal file system: a microSD card (FAT) is required, drive D:\; the agent
    /// uses D:\nanoOmaDm\state (1 MB budget), config.txt in D:\nanoOmaDm.</item>
    /// <item>Network: the on-board Ethernet (RJ45), DHCP.</item>
    /// <item>Console: COM6 = USART6, TX on PC6 = Arduino D1, RX on PC7 = Arduino D0 (fixed in the firmware). The
    /// ST-LINK USB virtual COM port is the nanoFramework debug/deploy wire (USART1).</item>
    /// <item>Button: blue user button B1 on PA0 (nF pin 0 = port A*16 + 0), pulled down on the board, high when
    /// pressed. LED: green LD2 on PJ5 = 9*16+5 = 149 (red LD1 is PJ13 = 157); nF numbers pins port*16+pin with
    /// A=0 ... J=9.</item>
    /// <item>Battery: none (USB/external supply): -1.</item>
    /// </list></summary>
    public sealed class Stm32Board : BoardProfile
    {
        public override string Model
        {
            get { return "STM32F769I-DISCOVERY"; }
        }

        public override string DeviceType
        {
            get { return "STM32F769I-DISCOVERY dev board"; }
        }

        public override string Root
        {
            get { return "D:\\nanoOmaDm"; }
        }

        public override int DefaultStoreBudget
        {
            get { return 1024 * 1024; }
        }

        public override int DefaultMaxMsgSize
        {
            get { return 65536; }
        }

        public override bool LedActiveHigh
        {
            get { return true; }
        }

        public override bool ButtonActiveLow
        {
            get { return false; }
        }

        public override void ApplyDefaults(BoardConfig config)
        {
            config.Default(BoardConfig.ConsolePort, "COM6");
            config.Default(BoardConfig.ButtonPin, "0");
            config.Default(BoardConfig.LedPin, "149");
        }

        /// <summary>The firmware mounts an inserted card as D:\; if it has not after 3 s, mount SDMMC slot 0 explicitly;
        /// wait up to 10 s in all.</summary>
        public override bool WaitForStorage(ILogSink log)
        {
            bool mountTried = false;
            for (int i = 0; i < 100; i++)
            {
                if (Directory.Exists("D:\\"))
                {
                    if (!Directory.Exists(Root))
                    {
                        Directory.CreateDirectory(Root);
                    }

                    return true;
                }

                if (i == 30 && !mountTried)
                {
                    mountTried = true;
                    try
                    {
                        var card = new SDCard(0);
                        if (!card.IsMounted)
                        {
                            card.Mount();
                        }
                    }
                    catch (Exception e)
                    {
                        log.Write(LogLevel.Warning, "sd", "cannot mount the SD card (inserted? FAT formatted?): " + e.Message);
                    }
                }

                Thread.Sleep(100);
            }

            return false;
        }

        /// <summary>Ethernet with DHCP; waits up to 60 s for an address and a valid time (requiresDateTime).</summary>
        public override bool ConnectNetwork(BoardConfig config, ILogSink log)
        {
            var cancel = new CancellationTokenSource(60000);
            bool ok = NetworkHelper.SetupAndConnectNetwork(cancel.Token, true);
            if (!ok)
            {
                Exception e = NetworkHelper.HelperException;
                log.Write(LogLevel.Error, "eth", "not connected (cable? DHCP?): status " + ((int)NetworkHelper.Status).ToString() + (e != null ? ", " + e.Message : string.Empty));
            }

            return ok;
        }

        public override string DeviceId()
        {
            return "UID:" + BoardIdentity.Hex(Uid());
        }

        public override byte[] DeviceSalt()
        {
            return Uid();
        }

        private static byte[] Uid()
        {
            try
            {
                return Utilities.UniqueDeviceId;
            }
            catch (Exception)
            {
                return new byte[12];
            }
        }

        public override SerialConsolePort OpenConsole(BoardConfig config, int maxLineLength)
        {
            return new SerialConsolePort(config.Get(BoardConfig.ConsolePort) ?? "COM6", config.GetInt(BoardConfig.ConsoleBaud, 115200), maxLineLength);
        }

        public override IBatteryGauge CreateBatteryGauge(BoardConfig config, ILogSink log)
        {
            return null;
        }
    }
}

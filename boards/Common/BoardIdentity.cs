using System;
using nanoFramework.Runtime.Native;
using NanoOmaDm.Agent;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>What a board reports in ./DevInfo and ./DevDetail: its id (ESP32 "MAC:" + Wi-Fi MAC, STM32 "UID:" +
    /// the 96-bit unique device id), the nanoFramework firmware (SystemInfo) and the agent version.</summary>
    public sealed class BoardIdentity : IDeviceIdentity
    {
        private readonly string _deviceId;
        private readonly string _model;
        private readonly string _deviceType;
        private readonly string _firmware;
        private readonly string _hardware;
        private readonly string _oem;

        public BoardIdentity(string deviceId, string model, string deviceType)
        {
            _deviceId = deviceId;
            _model = model;
            _deviceType = deviceType;
            string firmware = "unknown";
            string hardware = model;
            string oem = "nanoFramework";
            try
            {
                firmware = "nanoFramework " + SystemInfo.Version.ToString();
                hardware = SystemInfo.TargetName + " (" + SystemInfo.Platform + ")";
                string oemString = SystemInfo.OEMString;
                if (oemString != null && oemString.Length > 0)
                {
                    oem = oemString;
                }
            }
            catch (Exception)
            {
                // Keep the defaults.
            }

            _firmware = firmware;
            _hardware = hardware;
            _oem = oem;
        }

        public string DeviceId
        {
            get { return _deviceId; }
        }

        public string Manufacturer
        {
            get { return "nanoOmaDm"; }
        }

        public string Model
        {
            get { return _model; }
        }

        public string Language
        {
            get { return "en-US"; }
        }

        public string DeviceType
        {
            get { return _deviceType; }
        }

        public string Oem
        {
            get { return _oem; }
        }

        public string FirmwareVersion
        {
            get { return _firmware; }
        }

        public string SoftwareVersion
        {
            get { return DmAgent.ClientVersion; }
        }

        public string HardwareVersion
        {
            get { return _hardware; }
        }

        /// <summary>Upper-case hex without separators.</summary>
        public static string Hex(byte[] bytes)
        {
            if (bytes == null)
            {
                return string.Empty;
            }

            const string digits = "0123456789ABCDEF";
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0x0F];
            }

            return new string(chars);
        }
    }
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>What the emulated device reports in ./DevInfo and ./DevDetail.</summary>
public sealed class EmulatorIdentity : IDeviceIdentity
{
    /// <summary>Type allocation code of the emulator's made-up IMEIs.</summary>
    private const string ImeiPrefix = "35700000";

    public EmulatorIdentity(string deviceId)
    {
        DeviceId = string.IsNullOrEmpty(deviceId) ? MachineDeviceId() : deviceId;
        FirmwareVersion = Environment.Version.ToString();
        Version agent = typeof(DmAgent).Assembly.GetName().Version;
        SoftwareVersion = agent == null ? "0.0.0" : agent.ToString();
        HardwareVersion = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }

    public string DeviceId { get; }

    public string Manufacturer => "nanoOmaDm";

    public string Model => "Emulator";

    public string Language => "en-US";

    public string DeviceType => "emulator";

    public string Oem => "nanoOmaDm";

    /// <summary>The .NET runtime version (the emulator's "firmware").</summary>
    public string FirmwareVersion { get; }

    /// <summary>The agent assembly's version.</summary>
    public string SoftwareVersion { get; }

    /// <summary>The process architecture: x64, arm64, ...</summary>
    public string HardwareVersion { get; }

    /// <summary>A stable IMEI-like id for this machine and user: the same on every run without --device-id.</summary>
    public static string MachineDeviceId()
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName + "/" + Environment.UserName));
        return ImeiFromBytes(hash);
    }

    /// <summary>A fresh random IMEI-like id (a new emulated device).</summary>
    public static string RandomDeviceId()
    {
        byte[] bytes = new byte[8];
        RandomNumberGenerator.Fill(bytes);
        return ImeiFromBytes(bytes);
    }

    /// <summary>"IMEI:" + 8-digit prefix + 6 serial digits + Luhn check digit (15 digits, as a real IMEI).</summary>
    private static string ImeiFromBytes(byte[] bytes)
    {
        ulong n = BitConverter.ToUInt64(bytes, 0);
        string body = ImeiPrefix + (n % 1000000UL).ToString("D6");
        return "IMEI:" + body + LuhnDigit(body);
    }

    private static int LuhnDigit(string digits)
    {
        int sum = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }
}

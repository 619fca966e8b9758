using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Reboot and factory reset of the emulated device. A reboot ends the emulator with
/// <see cref="EmulatorApp.ExitReboot"/>, so that a supervisor (a shell loop) starts it again; a factory reset closes the
/// store and empties the state directory except the device id (the hardware identity survives a factory reset).</summary>
public sealed class EmulatorBoard : IBoardControl
{
    private readonly string _stateDir;
    private readonly Action _closeStorage;
    private readonly Action _reboot;

    /// <param name="stateDir">The directory holding the device's state, or null when nothing is persisted.</param>
    /// <param name="closeStorage">Closes the store first, so that nothing writes into the directory being emptied.</param>
    /// <param name="reboot">Asks the emulator's main loop to exit with the reboot code.</param>
    public EmulatorBoard(string stateDir, Action closeStorage, Action reboot)
    {
        _stateDir = stateDir;
        _closeStorage = closeStorage;
        _reboot = reboot;
    }

    public void Reboot()
    {
        _reboot();
    }

    public bool FactoryReset()
    {
        _closeStorage();
        if (_stateDir == null || !Directory.Exists(_stateDir))
        {
            return true;
        }

        try
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(_stateDir))
            {
                if (Path.GetFileName(entry) == DeviceState.DeviceIdFile)
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, true);
                }
                else
                {
                    File.Delete(entry);
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }
}

using NanoOmaDm.Emulator.Hal;

namespace NanoOmaDm.Emulator;

/// <summary>The --state directory: the device id (file "device-id") and the agent's persistent store (dmstate.a,
/// dmstate.b, dmstate.log: tree, credentials, nonces, queued alerts, records), so that an emulator restarted with the
/// same state is the same device. Without --state the store lives in a temporary directory deleted on exit.</summary>
public static class DeviceState
{
    public const string DeviceIdFile = "device-id";

    /// <summary>The storage of the agent's store: the --state directory, or a new temporary directory
    /// (<paramref name="temporary"/>) that the caller deletes on exit.</summary>
    public static DirectoryStorage OpenStorage(string stateDir, out string temporary)
    {
        temporary = null;
        if (string.IsNullOrEmpty(stateDir))
        {
            temporary = Path.Combine(Path.GetTempPath(), "nanoOmaDm-state-" + Guid.NewGuid().ToString("N"));
            stateDir = temporary;
        }

        try
        {
            return new DirectoryStorage(stateDir);
        }
        catch (NanoOmaDm.Hal.StorageException e)
        {
            throw new IOException("cannot use the state directory '" + stateDir + "': " + e.Message, e);
        }
    }

    /// <summary>Chooses the device id: --device-id when given (and remembered in the state), else the one the state
    /// remembers, else a fresh random one for a new state, else the machine's stable id. <paramref name="note"/> says
    /// what happened, for the transcript.</summary>
    public static string ResolveDeviceId(string stateDir, string requested, out string note)
    {
        if (string.IsNullOrEmpty(stateDir))
        {
            note = requested != null ? "device id from --device-id" : "machine default device id (no --state: nothing is stored)";
            return requested ?? EmulatorIdentity.MachineDeviceId();
        }

        try
        {
            return FromState(Path.GetFullPath(stateDir), requested, out note);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new IOException("cannot use the state directory '" + stateDir + "': " + e.Message, e);
        }
    }

    private static string FromState(string dir, string requested, out string note)
    {
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, DeviceIdFile);
        string stored = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        if (string.IsNullOrEmpty(stored))
        {
            stored = null;
        }

        if (requested != null)
        {
            if (stored != requested)
            {
                File.WriteAllText(file, requested + Environment.NewLine);
                note = stored == null
                    ? "device id from --device-id, saved in " + file
                    : "device id from --device-id replaces " + stored + " in " + file;
            }
            else
            {
                note = "device id from --device-id (same as in " + file + ")";
            }

            return requested;
        }

        if (stored != null)
        {
            note = "device id kept in " + file;
            return stored;
        }

        string fresh = EmulatorIdentity.RandomDeviceId();
        File.WriteAllText(file, fresh + Environment.NewLine);
        note = "new device: id generated and saved in " + file;
        return fresh;
    }
}

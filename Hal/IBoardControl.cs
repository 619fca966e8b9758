namespace NanoOmaDm.Hal
{
    /// <summary>Board-wide operations a technician may trigger from the console.</summary>
    public interface IBoardControl
    {
        /// <summary>Restarts the device (nanoFramework: Power.RebootDevice); on a board it does not return. The emulator
        /// ends its process with a distinct exit code instead, so that a supervisor can start it again.</summary>
        void Reboot();

        /// <summary>Erases everything the device has persisted (management tree, accounts, downloads, installed
        /// components) while keeping its hardware identity. The caller reboots afterwards. False if the storage could
        /// not be erased completely.</summary>
        bool FactoryReset();
    }
}

namespace NanoOmaDm.Hal
{
    /// <summary>The agent's own directory on the board's file system: ESP32 littlefs on I:\ (the config partition,
    /// shared with Wi-Fi and certificate configuration), STM32F769I-DISCOVERY the SD card D:\ (FAT), the emulator a
    /// directory. Only what nanoFramework's System.IO.FileSystem offers on both: no rename (File.Move cannot overwrite)
    /// and no free-space query, so the store keeps to its own budget. Every failure, a full volume included, is a
    /// <see cref="StorageException"/>.</summary>
    public interface IFileStorage
    {
        /// <summary>Bytes the board grants the agent's files in total (its share of the volume); 0 when the board sets no
        /// limit of its own and the store's configured budget applies.</summary>
        long Capacity { get; }

        /// <summary>Opens a file for reading and writing, creating it empty when it does not exist.</summary>
        IStorageFile Open(string name);

        bool Exists(string name);

        /// <summary>Deletes a file; nothing happens if it does not exist.</summary>
        void Delete(string name);

        /// <summary>Names of the files in the directory.</summary>
        string[] List();
    }
}

namespace NanoOmaDm.Agent.Store
{
    /// <summary>Size and naming of a <see cref="LogStore"/>. The defaults suit the ESP32's 256 KB littlefs partition,
    /// which the store shares with Wi-Fi and certificate configuration.</summary>
    public sealed class StoreOptions
    {
        /// <summary>Bytes the store's three files may occupy together (a board's <c>IFileStorage.Capacity</c> lowers it).
        /// The live state can use at most half: a compaction writes the new snapshot next to the old one.</summary>
        public int Budget = 128 * 1024;

        /// <summary>Journal length that triggers a compaction: larger means fewer snapshot rewrites (less write
        /// amplification) and a longer replay at boot.</summary>
        public int CompactionThreshold = 16 * 1024;

        /// <summary>Size of each of the two streaming buffers (one for reading, one for writing).</summary>
        public int BufferSize = 512;

        /// <summary>The files are Prefix + ".a", ".b" (snapshot slots) and ".log" (journal).</summary>
        public string FilePrefix = "dmstate";

        public int MaxRecordKeyLength = 64;

        public int MaxRecordSize = 4096;
    }
}

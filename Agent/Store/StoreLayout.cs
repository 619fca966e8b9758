namespace NanoOmaDm.Agent.Store
{
    /// <summary>On-storage format (little-endian). Snapshot slot: magic, sequence, payload length, payload CRC, header
    /// CRC (20 bytes), then the payload. Journal: records of magic, sequence, payload length, CRC of payload + sequence
    /// + length (16 bytes), then the payload. Payloads are operations (<see cref="StoreOp"/>). Headers are written
    /// after their payload, so a record or snapshot is valid only once all of it has been written.</summary>
    internal static class StoreLayout
    {
        public const uint SnapshotMagic = 0x3153444E; // "NDS1"
        public const uint RecordMagic = 0x314A444E;   // "NDJ1"
        public const int SnapshotHeaderSize = 20;
        public const int RecordHeaderSize = 16;

        public const string SlotA = ".a";
        public const string SlotB = ".b";
        public const string Journal = ".log";
    }
}

namespace NanoOmaDm.Agent.Store
{
    /// <summary>What <see cref="LogStore.Open"/> found.</summary>
    public sealed class OpenReport
    {
        /// <summary>Nothing was stored (first boot, or power was lost before the first snapshot was complete): an empty
        /// store was formatted.</summary>
        public bool Fresh;

        /// <summary>The storage could not be used at all (no card, I/O errors): nothing will be persisted.</summary>
        public bool Unavailable;

        /// <summary>Stored data was damaged beyond what a power loss leaves behind (a committed record or the snapshot
        /// it depends on is missing or unreadable); what could be read was restored.</summary>
        public bool Corrupt;

        /// <summary>Why the store is unavailable or corrupt.</summary>
        public string Problem;

        /// <summary>Sequence number of the last commit restored.</summary>
        public uint Sequence;

        /// <summary>Slot of the snapshot restored (0 = A, 1 = B), -1 if none.</summary>
        public int Slot = -1;

        /// <summary>Journal records replayed after the snapshot.</summary>
        public int CommitsReplayed;

        /// <summary>Bytes of a torn or stale journal tail that were cut off.</summary>
        public long DiscardedBytes;
    }
}

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The state a <see cref="LogStore"/> keeps, seen as a sequence of operations: a snapshot writes the whole
    /// state as operations, recovery applies the snapshot's and then the journal's operations one by one.</summary>
    public interface IStoreContent
    {
        void WriteSnapshot(StoreWriter writer);

        /// <summary>Reads one operation and applies it; false if it is malformed or does not fit the state.</summary>
        bool Apply(StoreReader reader);
    }
}

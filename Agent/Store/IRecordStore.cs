namespace NanoOmaDm.Agent.Store
{
    /// <summary>Small named byte records (download checkpoints, SCOMO jobs) that survive a reboot. Each Put and Delete
    /// is one commit: after a power cut a record has its previous or its new value.</summary>
    public interface IRecordStore
    {
        /// <summary>False if the key or size is out of bounds or storage is full: the previous value stays.</summary>
        bool PutRecord(string key, byte[] value);

        /// <summary>The stored value (do not modify it), or null.</summary>
        byte[] GetRecord(string key);

        /// <summary>True if the record is gone (or never existed).</summary>
        bool DeleteRecord(string key);

        string[] RecordKeys();
    }
}

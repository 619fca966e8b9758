using System.Collections;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>Records in RAM, for an agent without persistent state: everything is lost at reboot.</summary>
    public sealed class MemoryRecordStore : IRecordStore
    {
        private readonly Hashtable _records = new Hashtable();

        public bool PutRecord(string key, byte[] value)
        {
            lock (_records)
            {
                _records[key] = value;
                return true;
            }
        }

        public byte[] GetRecord(string key)
        {
            lock (_records)
            {
                return (byte[])_records[key];
            }
        }

        public bool DeleteRecord(string key)
        {
            lock (_records)
            {
                _records.Remove(key);
                return true;
            }
        }

        public string[] RecordKeys()
        {
            lock (_records)
            {
                string[] keys = new string[_records.Count];
                _records.Keys.CopyTo(keys, 0);
                return keys;
            }
        }
    }
}

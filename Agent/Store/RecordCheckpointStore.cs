using NanoOmaDm.Agent.Download;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>A download's checkpoint kept as a record of the persistent state. Each Save is one commit, so after a
    /// power cut Load returns the previous or the new checkpoint; on the boards this replaces the write-and-rename of a
    /// file, which nanoFramework cannot make atomic (File.Move does not overwrite). A Save that storage refuses leaves
    /// the previous checkpoint, from which a download can always continue.</summary>
    public sealed class RecordCheckpointStore : IDownloadCheckpointStore
    {
        private readonly IRecordStore _state;
        private readonly string _key;

        /// <param name="key">The record's key, e.g. "download/" + the package id.</param>
        public RecordCheckpointStore(IRecordStore state, string key)
        {
            _state = state;
            _key = key;
        }

        public void Save(DownloadCheckpoint checkpoint)
        {
            _state.PutRecord(_key, checkpoint.ToBytes());
        }

        public DownloadCheckpoint Load()
        {
            byte[] record = _state.GetRecord(_key);
            return record == null ? null : DownloadCheckpoint.FromBytes(record, 0, record.Length);
        }

        public void Remove()
        {
            _state.DeleteRecord(_key);
        }
    }
}

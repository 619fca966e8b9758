namespace NanoOmaDm.Agent.Download
{
    /// <summary>Keeps the checkpoint of one download across reboots. Each Save must be atomic (a commit): after a power
    /// cut Load returns either the previous or the new checkpoint, never a mix. <see cref="DownloadCheckpoint.ToBytes"/>
    /// gives the compact record to store.</summary>
    public interface IDownloadCheckpointStore
    {
        void Save(DownloadCheckpoint checkpoint);

        /// <summary>The last saved checkpoint, or null when there is none or it cannot be read.</summary>
        DownloadCheckpoint Load();

        void Remove();
    }
}

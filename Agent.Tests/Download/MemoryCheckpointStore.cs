using NanoOmaDm.Agent.Download;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>Keeps the serialized record (so every test also runs the byte[] round trip), like a key/record store.</summary>
    public sealed class MemoryCheckpointStore : IDownloadCheckpointStore
    {
        private readonly object gate = new object();

        public byte[] Record { get; set; }

        public int Saves { get; private set; }

        /// <summary>Save throws this once set.</summary>
        public Exception FailWith { get; set; }

        /// <summary>Drops the hash state when saving (a store that could not keep it): resumes must re-hash.</summary>
        public bool DropHashState { get; set; }

        /// <summary>Runs before each save is stored (assertions about what a checkpoint may claim; may throw).</summary>
        public Action<DownloadCheckpoint> OnSave { get; set; }

        /// <summary>Every call throws once set (the device is dead).</summary>
        public bool Dead { get; set; }

        public void Save(DownloadCheckpoint checkpoint)
        {
            lock (gate)
            {
                if (Dead)
                {
                    throw new IOException("power cut");
                }

                if (FailWith != null)
                {
                    throw FailWith;
                }

                OnSave?.Invoke(checkpoint);
                if (DropHashState)
                {
                    checkpoint = DownloadCheckpoint.FromBytes(checkpoint.ToBytes(), 0, checkpoint.ToBytes().Length);
                    checkpoint.HashState = null;
                    checkpoint.HashStateLength = 0;
                }

                Record = checkpoint.ToBytes();
                Saves++;
            }
        }

        public DownloadCheckpoint Load()
        {
            lock (gate)
            {
                if (Dead)
                {
                    throw new IOException("power cut");
                }

                return Record == null ? null : DownloadCheckpoint.FromBytes(Record, 0, Record.Length);
            }
        }

        public void Remove()
        {
            lock (gate)
            {
                if (Dead)
                {
                    throw new IOException("power cut");
                }

                Record = null;
            }
        }

        /// <summary>The store as the rebooted device finds it.</summary>
        public MemoryCheckpointStore AfterReboot()
        {
            lock (gate)
            {
                return new MemoryCheckpointStore { Record = Record };
            }
        }
    }
}

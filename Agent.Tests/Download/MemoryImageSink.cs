using NanoOmaDm.Agent.Download;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>An image in memory. Models a power cut (<see cref="PowerCut"/>): afterwards every call throws, and the
    /// surviving image (<see cref="AfterReboot"/>) keeps either everything appended (an OS page cache that survives, as
    /// for the emulator) or only what was flushed (a flash file system without a sync).</summary>
    public sealed class MemoryImageSink : IImageSink
    {
        private readonly object gate = new object();
        private readonly MemoryStream data;
        private long flushed;
        private bool dead;

        public MemoryImageSink()
            : this(new MemoryStream(), 0)
        {
        }

        private MemoryImageSink(MemoryStream data, long flushed)
        {
            this.data = data;
            this.flushed = flushed;
        }

        /// <summary>Append throws once this many bytes would be stored in total (the bytes of that call are lost): a
        /// power cut in the middle of a write. -1: never.</summary>
        public long PowerCutAt { get; set; } = -1;

        /// <summary>Any call throws this once set (for storage-failure tests).</summary>
        public Exception FailWith { get; set; }

        public int Flushes { get; private set; }

        /// <summary>Bytes made durable by the last flush.</summary>
        public long FlushedLength
        {
            get
            {
                lock (gate)
                {
                    return flushed;
                }
            }
        }

        /// <summary>Runs when the power cut happens (e.g. to kill the checkpoint store with the sink).</summary>
        public Action OnPowerCut { get; set; }

        public long Length
        {
            get
            {
                lock (gate)
                {
                    Check();
                    return data.Length;
                }
            }
        }

        public byte[] ToArray()
        {
            lock (gate)
            {
                return data.ToArray();
            }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            lock (gate)
            {
                Check();
                if (PowerCutAt >= 0 && data.Length + count >= PowerCutAt)
                {
                    PowerCut();
                    Check();
                }

                data.Seek(0, SeekOrigin.End);
                data.Write(buffer, offset, count);
            }
        }

        public void Truncate(long length)
        {
            lock (gate)
            {
                Check();
                data.SetLength(length);
                flushed = Math.Min(flushed, length);
            }
        }

        public void Flush()
        {
            lock (gate)
            {
                Check();
                Flushes++;
                flushed = data.Length;
            }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            lock (gate)
            {
                Check();
                data.Seek(position, SeekOrigin.Begin);
                return data.Read(buffer, offset, count);
            }
        }

        /// <summary>From now on the device is dead: every call throws.</summary>
        public void PowerCut()
        {
            lock (gate)
            {
                dead = true;
            }

            OnPowerCut?.Invoke();
        }

        /// <summary>The image as the rebooted device finds it.</summary>
        public MemoryImageSink AfterReboot(bool unflushedBytesSurvive)
        {
            lock (gate)
            {
                var copy = new MemoryStream();
                copy.Write(data.GetBuffer(), 0, (int)(unflushedBytesSurvive ? data.Length : flushed));
                return new MemoryImageSink(copy, copy.Length);
            }
        }

        private void Check()
        {
            if (dead)
            {
                throw new IOException("power cut");
            }

            if (FailWith != null)
            {
                throw FailWith;
            }
        }
    }
}

using NanoOmaDm.Agent.Security;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>The stored part of one image and everything that vouches for it: length, SHA-256 state, the server's
    /// validator and entity length, and the checkpoint that makes them survive a reboot. Sink and store exceptions are
    /// left to the caller (they end the download with 1404).</summary>
    internal sealed class ResumableImage
    {
        private readonly IImageSink _sink;
        private readonly IDownloadCheckpointStore _store;
        private readonly DownloadRequest _request;
        private readonly Sha256 _hash = new Sha256();
        // Reused for every commit: a checkpoint allocates only what the store's serialization needs.
        private readonly DownloadCheckpoint _checkpoint = new DownloadCheckpoint();
        private bool _dirty;
        private long _checkpointed;

        public ResumableImage(IImageSink sink, IDownloadCheckpointStore store, DownloadRequest request)
        {
            _sink = sink;
            _store = store;
            _request = request;
            _checkpoint.Url = request.Url;
            _checkpoint.ExpectedSize = request.ExpectedSize;
            _checkpoint.ExpectedSha256 = request.ExpectedSha256;
            _checkpoint.HashState = new byte[Sha256.MaxStateLength];
            Total = -1;
        }

        /// <summary>Bytes stored and hashed.</summary>
        public long Offset;
        /// <summary>Entity length announced by the server, -1 while unknown.</summary>
        public long Total;
        public string ETag;
        public string LastModified;
        /// <summary>Verified earlier (a checkpoint said so and the stored length agrees); <see cref="Digest"/> is set.</summary>
        public bool Complete;
        public byte[] Digest;

        /// <summary>The length the image must reach: the server's, else the manifest's, else -1.</summary>
        public long Target
        {
            get { return Total >= 0 ? Total : _request.ExpectedSize; }
        }

        /// <summary>Picks up what a previous run (before a reboot) left: the checkpoint when it belongs to this request,
        /// plus any bytes stored after it, which are re-hashed through <paramref name="buffer"/> rather than fetched
        /// again. Anything that cannot be vouched for is truncated. Returns a note for the log, or null.</summary>
        public string Restore(byte[] buffer)
        {
            DownloadCheckpoint saved = _store.Load();
            long stored = _sink.Length;
            if (saved == null || !saved.Matches(_request))
            {
                if (stored > 0)
                {
                    _sink.Truncate(0);
                }
                if (saved != null)
                {
                    _store.Remove();
                    return "a checkpoint of another download was discarded";
                }
                return stored > 0 ? stored + " stored bytes without a checkpoint were discarded" : null;
            }

            ETag = saved.ETag;
            LastModified = saved.LastModified;
            Total = saved.TotalSize;
            if (saved.Complete && saved.Sha256 != null && stored == saved.Offset)
            {
                Complete = true;
                Digest = saved.Sha256;
                Offset = stored;
                _checkpointed = stored;
                return "the image was already complete and verified";
            }

            long limit = Target;
            long from = 0;
            if (saved.HashState != null && stored >= saved.Offset && (limit < 0 || saved.Offset <= limit)
                && _hash.ImportState(saved.HashState, 0, saved.HashStateLength) && _hash.Length == saved.Offset)
            {
                from = saved.Offset;
            }
            else
            {
                _hash.Reset();
            }
            if (limit >= 0 && stored > limit)
            {
                // More than the entity can hold: only what the checkpoint vouches for is kept.
                _sink.Truncate(from);
                stored = from;
            }

            Offset = from;
            while (Offset < stored)
            {
                long left = stored - Offset;
                int n = _sink.Read(Offset, buffer, 0, left < buffer.Length ? (int)left : buffer.Length);
                if (n <= 0)
                {
                    break;
                }
                _hash.Update(buffer, 0, n);
                Offset += n;
            }
            if (Offset < stored)
            {
                _sink.Truncate(Offset);
            }
            _checkpointed = saved.Offset;
            _dirty = Offset != saved.Offset;
            return "resuming at byte " + Offset + " (checkpoint at " + saved.Offset + ", " + (Offset - from) + " stored bytes re-hashed)";
        }

        /// <summary>Throws the stored part away and starts over for the entity described by the given response values;
        /// committed at once so a reboot cannot resume the old entity with the new validator.</summary>
        public void Restart(long total, string etag, string lastModified)
        {
            _sink.Truncate(0);
            _hash.Reset();
            Offset = 0;
            Total = total;
            ETag = etag;
            LastModified = lastModified;
            Complete = false;
            Digest = null;
            _dirty = true;
            Checkpoint();
        }

        public void Append(byte[] buffer, int count)
        {
            _sink.Append(buffer, 0, count);
            _hash.Update(buffer, 0, count);
            Offset += count;
            _dirty = true;
        }

        public bool IsCheckpointDue(int intervalBytes)
        {
            return _dirty && Offset - _checkpointed >= intervalBytes;
        }

        /// <summary>Flushes the sink, then commits the checkpoint (in that order: a checkpoint never covers bytes that
        /// could still be lost).</summary>
        public void Checkpoint()
        {
            if (!_dirty)
            {
                return;
            }
            _sink.Flush();
            Fill(false);
            _store.Save(_checkpoint);
            _checkpointed = Offset;
            _dirty = false;
        }

        /// <summary>Digest of the stored bytes; the running hash is consumed.</summary>
        public byte[] FinishHash()
        {
            byte[] digest = new byte[Sha256.HashLength];
            _hash.Final(digest, 0);
            return digest;
        }

        public void MarkComplete(byte[] digest)
        {
            Complete = true;
            Digest = digest;
            Total = Offset;
            _sink.Flush();
            Fill(true);
            _store.Save(_checkpoint);
            _checkpointed = Offset;
            _dirty = false;
        }

        public void Discard()
        {
            _sink.Truncate(0);
            _store.Remove();
            _hash.Reset();
            Offset = 0;
            Complete = false;
            Digest = null;
            _dirty = false;
            _checkpointed = 0;
        }

        private void Fill(bool complete)
        {
            DownloadCheckpoint c = _checkpoint;
            c.Offset = Offset;
            c.TotalSize = Total;
            c.ETag = ETag;
            c.LastModified = LastModified;
            c.Complete = complete;
            c.Sha256 = complete ? Digest : null;
            c.HashStateLength = complete ? 0 : _hash.ExportState(c.HashState, 0);
        }
    }
}

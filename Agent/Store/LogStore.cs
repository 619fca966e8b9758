using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>A log-structured store that survives power loss at any byte of any write, on nothing more than files
    /// that can be written at a position, truncated and flushed (no rename, no free-space query).
    ///
    /// The state lives in a snapshot, kept in two alternating slot files, plus an append-only journal of commits. Each
    /// commit is one journal record with a sequence number and a CRC; it counts once its flush has returned. A compaction
    /// writes the whole state into the slot that does not hold the newest snapshot and only then empties the journal, so
    /// the newest valid snapshot and the journal records that continue its sequence always describe the last commit (or
    /// the one in flight). Recovery takes the valid snapshot with the highest sequence number, replays the journal records
    /// that follow it without a gap and cuts off the rest (a torn tail, or stale records from before a compaction).
    ///
    /// Space: slots and journal never exceed <see cref="Budget"/>. The store admits a commit only if a compaction of the
    /// resulting state would still fit next to the newest snapshot and the journal, so a commit that removes data can
    /// always be made durable and the live state can grow to half the budget. RAM: two buffers of
    /// <see cref="StoreOptions.BufferSize"/>; records and snapshots are streamed, never held in memory.
    ///
    /// Not thread-safe: the owner serializes calls.</summary>
    public sealed class LogStore : IDisposable
    {
        private readonly IFileStorage _storage;
        private readonly StoreOptions _options;
        private readonly StoreWriter _writer;
        private readonly StoreReader _reader;
        private readonly byte[] _header = new byte[StoreLayout.SnapshotHeaderSize];
        private readonly IStorageFile[] _slots = new IStorageFile[2];
        private readonly long[] _slotLengths = new long[2];
        private IStorageFile _journal;
        private IStoreContent _content;
        private int _newest = -1;
        private long _journalLength;
        private bool _journalStale;
        private uint _sequence;

        public LogStore(IFileStorage storage, StoreOptions options)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            _storage = storage;
            _options = options ?? new StoreOptions();
            _writer = new StoreWriter(_options.BufferSize);
            _reader = new StoreReader(_options.BufferSize);
            long capacity = storage.Capacity;
            Budget = capacity > 0 && capacity < _options.Budget ? capacity : _options.Budget;
        }

        /// <summary>Bytes the three files may occupy together.</summary>
        public long Budget { get; }

        /// <summary>False before <see cref="Open"/> and when the storage is unusable: every commit then fails.</summary>
        public bool IsOpen { get; private set; }

        /// <summary>Sequence number of the last durable commit.</summary>
        public uint Sequence
        {
            get { return _sequence; }
        }

        public long JournalLength
        {
            get { return _journalLength; }
        }

        /// <summary>Size of the newest snapshot file (header included).</summary>
        public long SnapshotLength
        {
            get { return _newest < 0 ? 0 : _slotLengths[_newest]; }
        }

        /// <summary>Bytes in the store's files now.</summary>
        public long StoredBytes
        {
            get { return _slotLengths[0] + _slotLengths[1] + _journalLength; }
        }

        public int Compactions { get; private set; }

        /// <summary>Set by the owner when its state has changes that no commit recorded (a commit failed after the change
        /// could no longer be undone): the next commit that may compact writes a full snapshot instead of a record.</summary>
        public bool NeedsSnapshot;

        /// <summary>Restores <paramref name="content"/> from storage, or formats an empty store from it when there is
        /// nothing valid. Never throws for bad data or storage errors: see the report.</summary>
        public OpenReport Open(IStoreContent content)
        {
            _content = content;
            OpenReport report = new OpenReport();
            try
            {
                _slots[0] = _storage.Open(_options.FilePrefix + StoreLayout.SlotA);
                _slots[1] = _storage.Open(_options.FilePrefix + StoreLayout.SlotB);
                _journal = _storage.Open(_options.FilePrefix + StoreLayout.Journal);
                Recover(report);
                IsOpen = true;
                if (_journalLength >= _options.CompactionThreshold)
                {
                    WriteSnapshot(_sequence);
                }
            }
            catch (StorageException e)
            {
                report.Unavailable = true;
                report.Problem = "storage unusable: " + e.Message;
                IsOpen = false;
            }
            _reader.Release();
            report.Sequence = _sequence;
            return report;
        }

        /// <summary>Makes one commit durable: a journal record, or a snapshot when the record does not fit (or the
        /// owner's state needs one) and <paramref name="mayCompact"/> allows it, i.e. the content's current state is
        /// exactly the state after this commit. False (nothing of the commit is stored) when storage is full or
        /// failing; the store stays consistent either way.</summary>
        public bool Commit(IStoreDelta delta, bool mayCompact)
        {
            if (!IsOpen)
            {
                return false;
            }
            if (!NeedsSnapshot && Append(delta))
            {
                if (mayCompact && _journalLength >= _options.CompactionThreshold)
                {
                    WriteSnapshot(_sequence);
                }
                return true;
            }
            return mayCompact && WriteSnapshot(_sequence + 1);
        }

        /// <summary>Writes the content's current state as the newest snapshot and empties the journal.</summary>
        public bool Compact()
        {
            return IsOpen && WriteSnapshot(_sequence);
        }

        public void Dispose()
        {
            IsOpen = false;
            Close(_journal);
            Close(_slots[0]);
            Close(_slots[1]);
        }

        private void Recover(OpenReport report)
        {
            uint sequenceA;
            uint sequenceB;
            long payloadA;
            long payloadB;
            bool validA = CheckSlot(0, out sequenceA, out payloadA);
            bool validB = CheckSlot(1, out sequenceB, out payloadB);
            bool bothWritten = _slotLengths[0] > 0 && _slotLengths[1] > 0;
            _newest = validA && (!validB || sequenceA >= sequenceB) ? 0 : (validB ? 1 : -1);
            if (_newest >= 0)
            {
                _sequence = _newest == 0 ? sequenceA : sequenceB;
                report.Slot = _newest;
                if (!Load(_slots[_newest], _newest == 0 ? payloadA : payloadB))
                {
                    Damage(report, "snapshot " + _sequence + " does not decode");
                }
                int other = 1 - _newest;
                if (!(other == 0 ? validA : validB) && _slotLengths[other] > 0)
                {
                    // A torn compaction: free its space (no flush needed, the slot is invalid either way).
                    _slots[other].SetLength(0);
                    _slotLengths[other] = 0;
                }
            }
            ReplayJournal(report);
            if (_newest >= 0)
            {
                return;
            }
            // Until the first snapshot is complete nothing else is ever written, so journal records or two written
            // slots without a valid snapshot mean lost data, not an interrupted first boot.
            if (report.CommitsReplayed > 0 || bothWritten || report.Corrupt)
            {
                Damage(report, "no valid snapshot");
            }
            else
            {
                report.Fresh = true;
            }
            if (!WriteSnapshot(_sequence))
            {
                throw new StorageException("the state does not fit into the store's budget of " + Budget + " bytes");
            }
        }

        private bool CheckSlot(int slot, out uint sequence, out long payload)
        {
            IStorageFile file = _slots[slot];
            long length = file.Length;
            _slotLengths[slot] = length;
            sequence = 0;
            payload = 0;
            int size = StoreLayout.SnapshotHeaderSize;
            if (length < size || ReadFully(file, 0, size) != size || U32(0) != StoreLayout.SnapshotMagic
                || Crc32.Compute(_header, 0, 16) != U32(16) || U32(8) > length - size)
            {
                return false;
            }
            sequence = U32(4);
            payload = U32(8);
            uint expected = U32(12);
            _reader.Begin(file, size, size + payload);
            uint crc = Crc32.Finish(_reader.Checksum(Crc32.Initial));
            return !_reader.Failed && crc == expected;
        }

        private bool Load(IStorageFile file, long payload)
        {
            int start = StoreLayout.SnapshotHeaderSize;
            _reader.Begin(file, start, start + payload);
            while (!_reader.AtEnd)
            {
                if (!_content.Apply(_reader) || _reader.Failed)
                {
                    return false;
                }
            }
            return true;
        }

        private void ReplayJournal(OpenReport report)
        {
            int size = StoreLayout.RecordHeaderSize;
            long length = _journal.Length;
            long position = 0;
            while (length - position >= size && ReadFully(_journal, position, size) == size
                && U32(0) == StoreLayout.RecordMagic && U32(8) <= length - position - size)
            {
                uint sequence = U32(4);
                long start = position + size;
                long end = start + U32(8);
                uint expected = U32(12);
                _reader.Begin(_journal, start, end);
                uint crc = Crc32.Finish(Crc32.Update(_reader.Checksum(Crc32.Initial), _header, 4, 8));
                if (_reader.Failed || crc != expected)
                {
                    break;
                }
                if (sequence != _sequence + 1)
                {
                    // Lower: stale records left behind by a compaction. Higher: records whose predecessors are gone.
                    if (sequence > _sequence + 1)
                    {
                        Damage(report, "journal record " + sequence + " follows commit " + _sequence);
                    }
                    break;
                }
                _reader.Begin(_journal, start, end);
                while (!_reader.AtEnd)
                {
                    if (!_content.Apply(_reader) || _reader.Failed)
                    {
                        Damage(report, "journal record " + sequence + " does not decode");
                        break;
                    }
                }
                _sequence = sequence;
                report.CommitsReplayed++;
                position = end;
            }
            _journalLength = position;
            if (length > position)
            {
                report.DiscardedBytes = length - position;
                _journal.SetLength(position);
                _journal.Flush();
            }
        }

        private bool Append(IStoreDelta delta)
        {
            if (_journalStale && !ResetJournal())
            {
                return false;
            }
            int size = StoreLayout.RecordHeaderSize;
            long start = _journalLength;
            long room = Min(Budget - _slotLengths[0] - _slotLengths[1] - start, Budget / 2 - SnapshotLength - start);
            if (room <= size)
            {
                return false;
            }
            try
            {
                _writer.Begin(_journal, start, size, room - size);
                delta.Write(_writer);
                if (_writer.Overflowed)
                {
                    Discard(start);
                    return false;
                }
                _writer.Finish();
                uint payload = (uint)_writer.Length;
                PutU32(0, StoreLayout.RecordMagic);
                PutU32(4, _sequence + 1);
                PutU32(8, payload);
                PutU32(12, Crc32.Finish(Crc32.Update(_writer.RunningCrc, _header, 4, 8)));
                _journal.Write(start, _header, 0, size);
                _journal.Flush();
                _sequence++;
                _journalLength = start + size + payload;
                return true;
            }
            catch (StorageException)
            {
                Discard(start);
                return false;
            }
        }

        /// <summary>Writes the state into the slot that does not hold the newest snapshot, then empties the journal.</summary>
        private bool WriteSnapshot(uint sequence)
        {
            int target = _newest == 0 ? 1 : 0;
            int size = StoreLayout.SnapshotHeaderSize;
            long room = Min(Budget - _slotLengths[1 - target] - _journalLength, Budget / 2);
            IStorageFile slot = _slots[target];
            try
            {
                slot.SetLength(0);
                _slotLengths[target] = 0;
                _writer.Begin(slot, 0, size, room - size);
                _content.WriteSnapshot(_writer);
                if (_writer.Overflowed)
                {
                    slot.SetLength(0);
                    return false;
                }
                _writer.Finish();
                uint payload = (uint)_writer.Length;
                PutU32(0, StoreLayout.SnapshotMagic);
                PutU32(4, sequence);
                PutU32(8, payload);
                PutU32(12, Crc32.Finish(_writer.RunningCrc));
                PutU32(16, Crc32.Compute(_header, 0, 16));
                slot.Write(0, _header, 0, size);
                slot.Flush();
                _slotLengths[target] = size + payload;
            }
            catch (StorageException)
            {
                _slotLengths[target] = LengthOf(slot);
                return false;
            }
            _newest = target;
            _sequence = sequence;
            Compactions++;
            NeedsSnapshot = false;
            ResetJournal();
            return true;
        }

        /// <summary>Empties the journal after a compaction. If that fails the stale records stay (recovery ignores them,
        /// their sequence numbers are not above the snapshot's) but must go before anything is appended behind them.</summary>
        private bool ResetJournal()
        {
            try
            {
                _journal.SetLength(0);
                _journal.Flush();
                _journalLength = 0;
                _journalStale = false;
                return true;
            }
            catch (StorageException)
            {
                _journalStale = true;
                return false;
            }
        }

        /// <summary>Drops the start of a record that was not completed. Leaving it would be harmless too: its header was
        /// never written, and the next record overwrites it.</summary>
        private void Discard(long start)
        {
            try
            {
                _journal.SetLength(start);
            }
            catch (StorageException)
            {
            }
        }

        private int ReadFully(IStorageFile file, long position, int count)
        {
            int done = 0;
            while (done < count)
            {
                int read = file.Read(position + done, _header, done, count - done);
                if (read <= 0)
                {
                    break;
                }
                done += read;
            }
            return done;
        }

        private static void Damage(OpenReport report, string problem)
        {
            report.Corrupt = true;
            if (report.Problem == null)
            {
                report.Problem = problem;
            }
        }

        private static long Min(long a, long b)
        {
            return a < b ? a : b;
        }

        private static long LengthOf(IStorageFile file)
        {
            try
            {
                return file.Length;
            }
            catch (StorageException)
            {
                return 0;
            }
        }

        private static void Close(IStorageFile file)
        {
            if (file == null)
            {
                return;
            }
            try
            {
                file.Dispose();
            }
            catch (StorageException)
            {
            }
        }

        private uint U32(int offset)
        {
            return (uint)(_header[offset] | (_header[offset + 1] << 8) | (_header[offset + 2] << 16) | (_header[offset + 3] << 24));
        }

        private void PutU32(int offset, uint value)
        {
            _header[offset] = (byte)value;
            _header[offset + 1] = (byte)(value >> 8);
            _header[offset + 2] = (byte)(value >> 16);
            _header[offset + 3] = (byte)(value >> 24);
        }
    }
}

using System;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The agent's whole management state in a <see cref="LogStore"/>: the tree (values and properties, ACLs,
    /// DMAcc credentials and nonces), the queued Generic Alerts and keyed records for other components (SCOMO states,
    /// download progress). Hand it to <see cref="DmAgent"/>, which attaches it before the standard MOs register.
    ///
    /// One commit each: a DM command or an Atomic block (<see cref="Committer"/>, while its changes can still be rolled
    /// back: false means storage is full and the session answers 420); a device-side tree change outside a block (seen
    /// through <see cref="DmTree.Changed"/>); an alert queued or acknowledged; a record put or deleted. After a power
    /// loss the state is that of the last completed commit or of the one in flight.
    ///
    /// A device-side change happens before it is announced, so when it cannot be stored the tree is ahead of the
    /// store: the next commit that may compact then writes a full snapshot (<see cref="InSync"/> tells). Renames are
    /// only stored through blocks, the only way the tree makes them (server Replace of ?prop=Name). Thread-safe.</summary>
    public sealed class PersistentAgentState : IAlertPersistence, IRecordStore, IDisposable
    {
        private static readonly byte[] Empty = new byte[0];

        private readonly object _sync = new object();
        private readonly StoreOptions _options;
        private readonly ILogSink _log;
        private readonly AgentStateContent _content = new AgentStateContent();
        private readonly PendingChangesDelta _pending = new PendingChangesDelta();
        private readonly ChangeDelta _change = new ChangeDelta();
        private readonly CommitEcho _echo = new CommitEcho();
        private DmTree _tree;
        private GenericAlertQueue _alerts;

        public PersistentAgentState(IFileStorage storage, StoreOptions options, ILogSink log)
        {
            _options = options ?? new StoreOptions();
            _log = log;
            Store = new LogStore(storage, _options);
            Committer = CommitPending;
        }

        /// <summary>The underlying store, for its figures (sequence, sizes, compactions). Commit through this class only:
        /// it serializes access and keeps the content consistent with what is stored.</summary>
        public readonly LogStore Store;

        /// <summary>Set it as <see cref="DmAgent.Committer"/> (the agent does that itself).</summary>
        public readonly CommitHandler Committer;

        /// <summary>The tree this state keeps (null before <see cref="Attach"/>).</summary>
        public DmTree Tree
        {
            get { return _tree; }
        }

        /// <summary>What was found in storage at <see cref="Attach"/>; null before.</summary>
        public OpenReport Report { get; private set; }

        /// <summary>False while the tree holds a change that no commit has stored yet (see the class summary).</summary>
        public bool InSync
        {
            get { return !Store.NeedsSnapshot; }
        }

        /// <summary>Restores the tree and the alert queue from storage (or formats a new store), then keeps them
        /// durable. Call once, before anything else uses the tree.</summary>
        public void Attach(DmTree tree, GenericAlertQueue alerts)
        {
            lock (_sync)
            {
                if (_tree != null)
                {
                    throw new InvalidOperationException("the state is already attached");
                }
                _tree = tree;
                _alerts = alerts;
                _content.Tree = tree;
                _pending.Tree = tree;
                Report = Store.Open(_content);
                LogReport();
                for (int i = 0; i < _content.Alerts.Count; i++)
                {
                    alerts.Enqueue(((StoredAlert)_content.Alerts[i]).Alert);
                }
                alerts.Persistence = this;
                tree.Changed += OnTreeChanged;
            }
        }

        /// <summary>Stores <paramref name="value"/> (owned by the store from now on) under <paramref name="key"/>; one
        /// commit. False if the key or size is out of bounds or storage is full: the previous value stays.</summary>
        public bool PutRecord(string key, byte[] value)
        {
            if (!IsValidKey(key) || (value != null && value.Length > _options.MaxRecordSize))
            {
                return false;
            }
            lock (_sync)
            {
                byte[] previous = (byte[])_content.Records[key];
                byte[] stored = value ?? Empty;
                _content.Records[key] = stored;
                _change.SetRecord(StoreOp.RecordPut, key, stored);
                if (Commit(_change))
                {
                    return true;
                }
                Restore(key, previous);
                return false;
            }
        }

        /// <summary>The stored value (do not modify it), or null.</summary>
        public byte[] GetRecord(string key)
        {
            lock (_sync)
            {
                return key == null ? null : (byte[])_content.Records[key];
            }
        }

        /// <summary>Deletes a record; one commit. True if it is gone (or never existed).</summary>
        public bool DeleteRecord(string key)
        {
            lock (_sync)
            {
                byte[] previous = key == null ? null : (byte[])_content.Records[key];
                if (previous == null)
                {
                    return true;
                }
                _content.Records.Remove(key);
                _change.SetRecord(StoreOp.RecordDelete, key, null);
                if (Commit(_change))
                {
                    return true;
                }
                Restore(key, previous);
                return false;
            }
        }

        public string[] RecordKeys()
        {
            lock (_sync)
            {
                string[] keys = new string[_content.Records.Count];
                _content.Records.Keys.CopyTo(keys, 0);
                return keys;
            }
        }

        /// <summary>The alerts as stored, oldest first.</summary>
        public GenericAlert[] StoredAlerts()
        {
            lock (_sync)
            {
                GenericAlert[] alerts = new GenericAlert[_content.Alerts.Count];
                for (int i = 0; i < alerts.Length; i++)
                {
                    alerts[i] = ((StoredAlert)_content.Alerts[i]).Alert;
                }
                return alerts;
            }
        }

        /// <summary>Rewrites the snapshot and empties the journal now (not inside a block).</summary>
        public bool Compact()
        {
            lock (_sync)
            {
                return MayCompact() && Store.Compact();
            }
        }

        bool IAlertPersistence.Added(GenericAlert alert)
        {
            lock (_sync)
            {
                StoredAlert stored = _content.AddAlert(alert);
                _change.SetAlert(StoreOp.AlertPut, stored);
                if (Commit(_change))
                {
                    return true;
                }
                _content.Alerts.Remove(stored);
                Log(LogLevel.Warning, "generic alert " + alert.Type + " could not be stored: it is lost if the device restarts before delivering it");
                return false;
            }
        }

        bool IAlertPersistence.Removed(GenericAlert alert)
        {
            lock (_sync)
            {
                StoredAlert stored = _content.FindAlert(alert);
                if (stored == null)
                {
                    return true;
                }
                _content.Alerts.Remove(stored);
                _change.SetAlert(StoreOp.AlertDelete, stored);
                if (Commit(_change))
                {
                    return true;
                }
                // The server has it: keep it out of the state, which the next snapshot then stores.
                Store.NeedsSnapshot = Store.IsOpen;
                return false;
            }
        }

        public void Dispose()
        {
            lock (_sync)
            {
                if (_tree != null)
                {
                    _tree.Changed -= OnTreeChanged;
                    _alerts.Persistence = null;
                }
                Store.Dispose();
            }
        }

        private bool CommitPending()
        {
            lock (_sync)
            {
                _echo.Clear();
                if (_tree == null)
                {
                    return false;
                }
                int count = _tree.PendingChangeCount;
                if (count == 0)
                {
                    return true;
                }
                // The block's changes are all in the tree now, so a snapshot taken here is the state after this commit.
                if (!Store.Commit(_pending, true))
                {
                    Log(LogLevel.Warning, "storage full: " + count + " tree change(s) not stored, the command is undone");
                    return false;
                }
                _echo.Expect(_tree, count);
                return true;
            }
        }

        private void OnTreeChanged(DmNode node, TreeChange kind)
        {
            lock (_sync)
            {
                // CommitAtomic announces the changes that CommitPending has just stored.
                if (_echo.Consume(node, kind))
                {
                    return;
                }
                _change.SetNode(node, kind);
                if (!Commit(_change) && Store.IsOpen)
                {
                    Store.NeedsSnapshot = true;
                    Log(LogLevel.Warning, "storage full: the change of " + node.Uri + " is stored with the next snapshot");
                }
            }
        }

        private bool Commit(IStoreDelta delta)
        {
            bool stored = Store.Commit(delta, MayCompact());
            _change.Clear();
            return stored;
        }

        /// <summary>A snapshot writes the live tree, which inside a block holds changes that may still be rolled back.</summary>
        private bool MayCompact()
        {
            return _tree == null || !_tree.IsAtomicActive;
        }

        private void Restore(string key, byte[] previous)
        {
            if (previous == null)
            {
                _content.Records.Remove(key);
            }
            else
            {
                _content.Records[key] = previous;
            }
        }

        private bool IsValidKey(string key)
        {
            return key != null && key.Length > 0 && key.Length <= _options.MaxRecordKeyLength;
        }

        private void LogReport()
        {
            OpenReport r = Report;
            if (r.Unavailable || r.Corrupt)
            {
                Log(LogLevel.Error, (r.Unavailable ? "state not persisted: " : "stored state damaged, restored what was readable: ") + r.Problem);
                return;
            }
            Log(LogLevel.Info, r.Fresh ? "new state store formatted"
                : "state restored: commit " + r.Sequence + " (snapshot " + (r.Slot == 0 ? "A" : "B") + " + " + r.CommitsReplayed
                  + " journal record(s)" + (r.DiscardedBytes > 0 ? ", " + r.DiscardedBytes + " torn byte(s) discarded" : "") + ")");
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, "store", message);
            }
        }
    }
}

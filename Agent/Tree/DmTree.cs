using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>The management tree. This part holds the structure primitives that every change goes through (so that
    /// TStamp/VerNo, the Atomic journal and change notification are never bypassed), the device-side API used by the
    /// agent and the MOs (no ACL checks), and Atomic bracketing. Server commands live in the other parts.
    /// Byte arrays passed in become owned by the tree: callers must not write into them afterwards.</summary>
    public sealed partial class DmTree
    {
        private static readonly byte[] EmptyValue = new byte[0];

        private readonly IClock _clock;
        private readonly AtomicJournal _journal = new AtomicJournal();
        private TreeChangedHandler _changed;

        public DmTree(IClock clock, TreeLimits limits)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }
            _clock = clock;
            Limits = limits ?? new TreeLimits();
            Root = new DmNode(".", null, true, true);
            Root.Acl = Acl.RootDefault;
            Root.Format = DmFormat.Node;
            Root.TStamp = clock.UtcNow;
        }

        public DmNode Root { get; }

        public TreeLimits Limits { get; }

        /// <summary>Most changes one Atomic block may journal through server commands; a command that would exceed it
        /// fails with 420 so that the block can still be rolled back (bounded memory for any server input).</summary>
        public int MaxAtomicChanges = 256;

        public bool IsAtomicActive
        {
            get { return _journal.IsActive; }
        }

        // Explicit accessors: a field-like event would be lowered to the generic Interlocked.CompareExchange<T>.
        /// <summary>Raised after every committed change (at once outside Atomic, at <see cref="CommitAtomic"/> inside).
        /// Exceptions thrown by subscribers are swallowed: the change has happened and the command that caused it must
        /// still get its status; a store has to report its own failures.</summary>
        public event TreeChangedHandler Changed
        {
            add { _changed = (TreeChangedHandler)Delegate.Combine(_changed, value); }
            remove { _changed = (TreeChangedHandler)Delegate.Remove(_changed, value); }
        }

        // ---- Device-side API: trusted callers, no ACL or permanence checks, no URI limits. ----

        /// <summary>The node at <paramref name="uri"/> ("./A", "A" or "."), or null if absent or not a valid node URI.</summary>
        public DmNode Find(string uri)
        {
            string[] segments = ParseDeviceUri(uri);
            return segments == null ? null : Resolve(segments);
        }

        /// <summary>Returns the interior node at <paramref name="uri"/>, creating it and missing ancestors (with the same
        /// permanence). An existing node gets <paramref name="type"/> when given and becomes permanent when asked.
        /// Null if the URI is invalid or a leaf is in the way.</summary>
        public DmNode EnsureInterior(string uri, string type, bool permanent)
        {
            string[] segments = ParseDeviceUri(uri);
            if (segments == null)
            {
                return null;
            }
            DmNode node = EnsurePath(segments, segments.Length, permanent);
            if (node == null)
            {
                return null;
            }
            bool retype = type != null && type != node.Type;
            if (retype || (permanent && !node.IsPermanent))
            {
                BeginChange(node, TreeChange.PropertyChanged);
                if (retype)
                {
                    node.Type = type;
                }
                node.IsPermanent |= permanent;
                EndChange(node, TreeChange.PropertyChanged);
            }
            return node;
        }

        /// <summary>Creates or updates a leaf (missing ancestors are created as interior nodes with the same permanence).
        /// Null format means chr, null type text/plain. Null if the URI is invalid, names the root or an interior node,
        /// or a leaf is in the way.</summary>
        public DmNode SetLeaf(string uri, string format, string type, byte[] value, bool permanent)
        {
            string[] segments = ParseDeviceUri(uri);
            if (segments == null || segments.Length == 0)
            {
                return null;
            }
            DmNode parent = EnsurePath(segments, segments.Length - 1, permanent);
            if (parent == null)
            {
                return null;
            }
            string leafFormat = DmFormat.NormalizeLeaf(format) ?? format;
            string leafType = type == null || type.Length == 0 ? DmFormat.DefaultLeafType : type;
            string name = segments[segments.Length - 1];
            DmNode node = parent.FindChild(name);
            if (node == null)
            {
                return AttachNew(parent, name, false, permanent, leafFormat, leafType, value ?? EmptyValue, string.Empty);
            }
            if (node.IsInterior)
            {
                return null;
            }
            // MOs re-register at every boot: an unchanged leaf must not cost a VerNo bump and a store write.
            if (SameBytes(node.Value, value) && node.Format == leafFormat && node.Type == leafType
                && (node.IsPermanent || !permanent))
            {
                return node;
            }
            BeginChange(node, TreeChange.Replaced);
            node.Value = value ?? EmptyValue;
            node.Format = leafFormat;
            node.Type = leafType;
            node.IsPermanent |= permanent;
            EndChange(node, TreeChange.Replaced);
            return node;
        }

        /// <summary>The UTF-8 value of a leaf, or null if there is no such leaf or its bytes are not text.</summary>
        public string GetString(string uri)
        {
            DmNode node = Find(uri);
            if (node == null || node.IsInterior)
            {
                return null;
            }
            return Utf8Text.Decode(node.Value);
        }

        /// <summary>Writes a leaf value as UTF-8 keeping its Format, or creates a dynamic chr leaf. False if the URI is
        /// invalid or names an interior node.</summary>
        public bool SetString(string uri, string value)
        {
            byte[] bytes = Utf8Text.Encode(value);
            DmNode node = Find(uri);
            if (node == null)
            {
                return SetLeaf(uri, DmFormat.Chr, DmFormat.DefaultLeafType, bytes, false) != null;
            }
            if (node.IsInterior)
            {
                return false;
            }
            if (!SameBytes(node.Value, bytes))
            {
                ChangeValue(node, bytes, null, null);
            }
            return true;
        }

        /// <summary>Sets a node's ACL as given (the device may set any value). False if the node does not exist.</summary>
        public bool SetAcl(string uri, string acl)
        {
            DmNode node = Find(uri);
            if (node == null)
            {
                return false;
            }
            if (node.Acl != (acl ?? string.Empty))
            {
                SetProperty(node, NodeProperty.Acl, acl ?? string.Empty);
            }
            return true;
        }

        /// <summary>Makes a leaf write-only for servers (credentials): Get, ?list=StructData and Copy never return its
        /// value, independent of ACLs, which a server holding Replace on the parent could rewrite. False if no such leaf.</summary>
        public bool MarkSecret(string uri)
        {
            DmNode node = Find(uri);
            if (node == null || node.IsInterior)
            {
                return false;
            }
            if (!node.IsSecret)
            {
                // Not a DM property, so TStamp/VerNo stay; journaled and announced so that a store can keep it.
                BeginChange(node, TreeChange.PropertyChanged);
                node.IsSecret = true;
                Notify(node, TreeChange.PropertyChanged);
            }
            return true;
        }

        /// <summary>Attaches an Exec handler (null detaches it). Handlers are code, not tree state: they are neither
        /// journaled nor announced. False if the node does not exist.</summary>
        public bool RegisterExec(string uri, ExecHandler handler)
        {
            DmNode node = Find(uri);
            if (node == null)
            {
                return false;
            }
            node.ExecHandler = handler;
            return true;
        }

        /// <summary>Attaches a handler that completes each interior node a server adds directly below the node at
        /// <paramref name="uri"/> (null detaches it): it runs inside the adding command, so what it creates is
        /// journaled, committed and rolled back with that command. Like Exec handlers it is code, not tree state.
        /// False if the node does not exist.</summary>
        public bool RegisterChildAdded(string uri, NodeAddedHandler handler)
        {
            DmNode node = Find(uri);
            if (node == null)
            {
                return false;
            }
            node.ChildAddedHandler = handler;
            return true;
        }

        /// <summary>Deletes a node and its subtree regardless of permanence. False for the root or an absent node.</summary>
        public bool Remove(string uri)
        {
            DmNode node = Find(uri);
            if (node == null || node.Parent == null)
            {
                return false;
            }
            Detach(node);
            return true;
        }

        /// <summary>Scrubs a server id from every ACL in the tree (DM TND: required when a server account is deleted).</summary>
        public void RemoveServerFromAcls(string serverId)
        {
            ScrubAcls(Root, serverId);
        }

        // ---- Atomic ----

        /// <summary>Starts journaling. Nested calls join the running block (the session rejects nested Atomic itself).</summary>
        public void BeginAtomic()
        {
            if (!_journal.IsActive)
            {
                _journal.Clear();
                _journal.IsActive = true;
            }
        }

        /// <summary>Keeps the block's changes and announces them in the order they were made.</summary>
        public void CommitAtomic()
        {
            if (!_journal.IsActive)
            {
                return;
            }
            _journal.IsActive = false;
            for (int i = 0; i < _journal.Count; i++)
            {
                JournalEntry entry = _journal[i];
                Fire(entry.Node, entry.Change);
            }
            _journal.Clear();
        }

        /// <summary>Restores values, properties, created and deleted nodes; nothing is announced. False if the rollback
        /// could not be completed (only possible if the tree was changed behind the journal's back).</summary>
        public bool RollbackAtomic()
        {
            if (!_journal.IsActive)
            {
                return true;
            }
            _journal.IsActive = false;
            bool complete = _journal.Rollback();
            _journal.Clear();
            return complete;
        }

        // ---- Structure primitives ----

        private DateTime Now
        {
            get { return _clock.UtcNow; }
        }

        private static string[] ParseDeviceUri(string uri)
        {
            TreeUri parsed = TreeUri.Parse(uri, null);
            return parsed.IsValid && parsed.QueryKey == null ? parsed.Segments : null;
        }

        private DmNode Resolve(string[] segments)
        {
            int depth;
            DmNode node = FindDeepest(segments, segments.Length, out depth);
            return depth == segments.Length ? node : null;
        }

        /// <summary>Walks down the first <paramref name="count"/> segments as far as nodes exist; <paramref name="depth"/>
        /// is how many segments matched. Stops at a leaf (a leaf has no children to match).</summary>
        private DmNode FindDeepest(string[] segments, int count, out int depth)
        {
            DmNode node = Root;
            depth = 0;
            while (depth < count && node.IsInterior)
            {
                DmNode child = node.FindChild(segments[depth]);
                if (child == null)
                {
                    break;
                }
                node = child;
                depth++;
            }
            return node;
        }

        /// <summary>The interior node at the first <paramref name="count"/> segments, creating what is missing; null (and
        /// nothing created) if an existing leaf is in the way.</summary>
        private DmNode EnsurePath(string[] segments, int count, bool permanent)
        {
            int depth;
            DmNode node = FindDeepest(segments, count, out depth);
            if (!node.IsInterior)
            {
                return null;
            }
            for (int i = depth; i < count; i++)
            {
                node = AttachNew(node, segments[i], true, permanent, DmFormat.Node, null, null, string.Empty);
            }
            return node;
        }

        private DmNode AttachNew(DmNode parent, string name, bool interior, bool permanent, string format, string type,
            byte[] value, string acl)
        {
            DmNode node = new DmNode(name, parent, interior, permanent);
            node.Format = format;
            node.Type = type;
            node.Value = value;
            node.Acl = acl;
            node.TStamp = Now;
            parent.InsertChild(parent.ChildCount, node);
            if (_journal.IsActive)
            {
                _journal.RecordAdded(node);
            }
            Notify(node, TreeChange.Added);
            return node;
        }

        private void Detach(DmNode node)
        {
            DmNode parent = node.Parent;
            int index = parent.DetachChild(node);
            if (_journal.IsActive)
            {
                _journal.RecordDeleted(node, parent, index);
            }
            Notify(node, TreeChange.Deleted);
        }

        /// <summary>New leaf value; null format/type keep the current ones.</summary>
        private void ChangeValue(DmNode node, byte[] value, string format, string type)
        {
            BeginChange(node, TreeChange.Replaced);
            node.Value = value;
            if (format != null)
            {
                node.Format = format;
            }
            if (type != null && type.Length > 0)
            {
                node.Type = type;
            }
            EndChange(node, TreeChange.Replaced);
        }

        /// <summary>Writes one of the writable properties (ACL, Name, Title).</summary>
        private void SetProperty(DmNode node, string property, string value)
        {
            BeginChange(node, TreeChange.PropertyChanged);
            if (property == NodeProperty.Acl)
            {
                node.Acl = value;
            }
            else if (property == NodeProperty.Name)
            {
                node.Name = value;
            }
            else
            {
                node.Title = value;
            }
            EndChange(node, TreeChange.PropertyChanged);
        }

        private static bool SameBytes(byte[] current, byte[] value)
        {
            int length = value == null ? 0 : value.Length;
            if ((current == null ? 0 : current.Length) != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (current[i] != value[i])
                {
                    return false;
                }
            }
            return true;
        }

        private void ScrubAcls(DmNode node, string serverId)
        {
            bool isRoot = node.Parent == null;
            if (isRoot || (node.Acl != null && node.Acl.Length > 0))
            {
                string scrubbed = Acl.WithoutServer(node.Acl, serverId, isRoot);
                if (scrubbed != node.Acl)
                {
                    SetProperty(node, NodeProperty.Acl, scrubbed);
                }
            }
            for (int i = 0; i < node.ChildCount; i++)
            {
                ScrubAcls(node.GetChild(i), serverId);
            }
        }

        private void BeginChange(DmNode node, TreeChange change)
        {
            if (_journal.IsActive)
            {
                _journal.RecordModified(node, change);
            }
        }

        // TStamp/VerNo describe the node's own value and properties; a child being added or removed does not touch the
        // parent (its child list is derived, not stored), which keeps a change to one notification.
        private void EndChange(DmNode node, TreeChange change)
        {
            node.TStamp = Now;
            node.VerNo = (node.VerNo + 1) & 0xFFFF;
            Notify(node, change);
        }

        private void Notify(DmNode node, TreeChange change)
        {
            if (!_journal.IsActive)
            {
                Fire(node, change);
            }
        }

        private void Fire(DmNode node, TreeChange change)
        {
            TreeChangedHandler handler = _changed;
            if (handler == null)
            {
                return;
            }
            try
            {
                handler(node, change);
            }
            catch (Exception)
            {
                // See Changed: a subscriber failure must not turn a completed change into a failed command.
            }
        }
    }
}

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>What a persistent store needs from the tree: the changes of the running block, read while they can still
    /// be undone (see <see cref="CommitHandler"/>), and boot-time primitives that rebuild stored nodes exactly.</summary>
    public sealed partial class DmTree
    {
        /// <summary>Changes made since <see cref="BeginAtomic"/> and not yet committed or rolled back (0 outside a block).</summary>
        public int PendingChangeCount
        {
            get { return _journal.IsActive ? _journal.Count : 0; }
        }

        /// <summary>Node of pending change <paramref name="index"/>, oldest first. A deleted node keeps its Parent.</summary>
        public DmNode PendingNode(int index)
        {
            return _journal[index].Node;
        }

        public TreeChange PendingKind(int index)
        {
            return _journal[index].Change;
        }

        /// <summary>The node's name just before pending change <paramref name="index"/>, or null for Added and Deleted.
        /// A rename is a PropertyChanged whose former name differs from the name the node had after it.</summary>
        public string PendingFormerName(int index)
        {
            JournalEntry entry = _journal[index];
            return entry.Change == TreeChange.Added || entry.Change == TreeChange.Deleted ? null : entry.Name;
        }

        // ---- Restore at boot, before anything uses the tree: nothing is journaled or announced, and TStamp/VerNo are
        // the stored ones, which the caller writes into the node's public fields. ----

        /// <summary>The child <paramref name="name"/> of <paramref name="parent"/>, created (appended) when missing; a
        /// child of the other kind is replaced in place. Null if the parent is a leaf.</summary>
        internal DmNode RestoreChild(DmNode parent, string name, bool interior)
        {
            if (!parent.IsInterior)
            {
                return null;
            }
            DmNode child = parent.FindChild(name);
            if (child != null && child.IsInterior == interior)
            {
                return child;
            }
            int index = child == null ? parent.ChildCount : parent.DetachChild(child);
            DmNode node = new DmNode(name, parent, interior, false);
            parent.InsertChild(index, node);
            return node;
        }

        internal void RestoreFlags(DmNode node, bool permanent, bool secret)
        {
            node.IsPermanent = permanent;
            node.IsSecret = secret;
        }

        /// <summary>False for the root or if a sibling already has the name.</summary>
        internal bool RestoreName(DmNode node, string name)
        {
            if (node.Parent == null)
            {
                return false;
            }
            DmNode sibling = node.Parent.FindChild(name);
            if (sibling != null && sibling != node)
            {
                return false;
            }
            node.Name = name;
            return true;
        }

        /// <summary>False for the root.</summary>
        internal bool RestoreRemove(DmNode node)
        {
            return node.Parent != null && node.Parent.DetachChild(node) >= 0;
        }
    }
}

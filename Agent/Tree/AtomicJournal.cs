using System.Collections;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Undo log of one Atomic block. Changes are applied to the tree at once and undone in reverse order on
    /// rollback; their notifications are held back until commit so that persistence never sees a rolled-back state.</summary>
    internal sealed class AtomicJournal
    {
        private readonly ArrayList _entries = new ArrayList();

        public bool IsActive;

        public int Count
        {
            get { return _entries.Count; }
        }

        public JournalEntry this[int index]
        {
            get { return (JournalEntry)_entries[index]; }
        }

        public void RecordAdded(DmNode node)
        {
            Append(TreeChange.Added, node);
        }

        public void RecordDeleted(DmNode node, DmNode parent, int index)
        {
            JournalEntry entry = Append(TreeChange.Deleted, node);
            entry.Parent = parent;
            entry.Index = index;
        }

        /// <summary>Must be called before the node is changed: captures the state to restore.</summary>
        public void RecordModified(DmNode node, TreeChange change)
        {
            Append(change, node).Capture(node);
        }

        /// <summary>Undoes every recorded change, newest first. False if the tree no longer matches the log (a node to
        /// detach is gone, a slot to re-insert into is taken); the remaining entries are still undone.</summary>
        public bool Rollback()
        {
            bool complete = true;
            for (int i = _entries.Count - 1; i >= 0; i--)
            {
                JournalEntry entry = (JournalEntry)_entries[i];
                if (entry.Change == TreeChange.Added)
                {
                    complete &= entry.Node.Parent != null && entry.Node.Parent.DetachChild(entry.Node) >= 0;
                }
                else if (entry.Change == TreeChange.Deleted)
                {
                    complete &= Reinsert(entry);
                }
                else
                {
                    entry.Restore();
                }
            }
            return complete;
        }

        public void Clear()
        {
            _entries.Clear();
        }

        private static bool Reinsert(JournalEntry entry)
        {
            if (entry.Parent.FindChild(entry.Node.Name) != null || entry.Index > entry.Parent.ChildCount)
            {
                return false;
            }
            entry.Parent.InsertChild(entry.Index, entry.Node);
            return true;
        }

        private JournalEntry Append(TreeChange change, DmNode node)
        {
            JournalEntry entry = new JournalEntry();
            entry.Change = change;
            entry.Node = node;
            _entries.Add(entry);
            return entry;
        }
    }
}

using System;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>One change made inside an Atomic block: enough to undo it, and to announce it once committed.
    /// For Replaced/PropertyChanged it holds the node's state before the change; for Deleted the former parent and
    /// index (the detached subtree itself is kept alive by the entry, so undoing costs no copy).</summary>
    internal sealed class JournalEntry
    {
        public TreeChange Change;
        public DmNode Node;
        public DmNode Parent;
        public int Index;

        public string Name;
        public string Acl;
        public string Format;
        public string Type;
        public string Title;
        public DateTime TStamp;
        public int VerNo;
        public byte[] Value;
        public bool IsPermanent;
        public bool IsSecret;

        public void Capture(DmNode node)
        {
            Name = node.Name;
            Acl = node.Acl;
            Format = node.Format;
            Type = node.Type;
            Title = node.Title;
            TStamp = node.TStamp;
            VerNo = node.VerNo;
            Value = node.Value;
            IsPermanent = node.IsPermanent;
            IsSecret = node.IsSecret;
        }

        public void Restore()
        {
            Node.Name = Name;
            Node.Acl = Acl;
            Node.Format = Format;
            Node.Type = Type;
            Node.Title = Title;
            Node.TStamp = TStamp;
            Node.VerNo = VerNo;
            Node.Value = Value;
            Node.IsPermanent = IsPermanent;
            Node.IsSecret = IsSecret;
        }
    }
}

using System;
using System.Collections;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>A node of the management tree. Interior nodes have children and no value; leaves have a value (possibly
    /// empty) and no children. Structure, permanence and the secret flag change only through <see cref="DmTree"/> so that
    /// Atomic rollback and change notification see every change; the public property fields may be read freely, and
    /// device code that writes them directly takes TStamp/VerNo and persistence into its own hands.</summary>
    public sealed class DmNode
    {
        // Created on the first child: most nodes are leaves, and an empty ArrayList still costs a heap object.
        private ArrayList _children;

        internal DmNode(string name, DmNode parent, bool interior, bool permanent)
        {
            Name = name;
            Parent = parent;
            IsInterior = interior;
            IsPermanent = permanent;
            Acl = string.Empty;
            Title = string.Empty;
        }

        public string Name { get; internal set; }

        /// <summary>Null for the root. A deleted node keeps its former parent (see <see cref="TreeChangedHandler"/>).</summary>
        public DmNode Parent { get; internal set; }

        public bool IsInterior { get; }

        /// <summary>Built-in node: a server can neither delete nor rename it (405).</summary>
        public bool IsPermanent { get; internal set; }

        /// <summary>Write-only leaf (credentials): its value is never returned to a server, whatever the ACL says.</summary>
        public bool IsSecret { get; internal set; }

        public string Acl;
        public string Format;
        public string Type;
        public string Title;
        public DateTime TStamp;
        public int VerNo;

        /// <summary>Decoded value of a leaf; null for interior nodes. The tree replaces the array on change and never writes
        /// into it, so an array handed out by Get stays a consistent snapshot.</summary>
        public byte[] Value;

        internal ExecHandler ExecHandler;

        internal NodeAddedHandler ChildAddedHandler;

        /// <summary>"." for the root, otherwise "./A/B".</summary>
        public string Uri
        {
            get { return Parent == null ? "." : Parent.Uri + "/" + Name; }
        }

        public int ChildCount
        {
            get { return _children == null ? 0 : _children.Count; }
        }

        public DmNode GetChild(int i)
        {
            return (DmNode)_children[i];
        }

        public DmNode FindChild(string name)
        {
            int count = ChildCount;
            for (int i = 0; i < count; i++)
            {
                DmNode child = (DmNode)_children[i];
                if (child.Name == name)
                {
                    return child;
                }
            }
            return null;
        }

        internal void InsertChild(int index, DmNode child)
        {
            if (_children == null)
            {
                _children = new ArrayList();
            }
            _children.Insert(index, child);
            child.Parent = this;
        }

        /// <summary>Detaches a child and returns its former index (-1 if it was not a child). The child keeps Parent.</summary>
        internal int DetachChild(DmNode child)
        {
            if (_children == null)
            {
                return -1;
            }
            int index = _children.IndexOf(child);
            if (index >= 0)
            {
                _children.RemoveAt(index);
            }
            return index;
        }
    }
}

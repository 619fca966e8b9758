using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The nodes from below the root down to a node, collected into a reused array (paths are written root
    /// first, but found by walking up).</summary>
    internal sealed class NodePath
    {
        private DmNode[] _nodes = new DmNode[16];

        public int Count { get; private set; }

        public DmNode this[int index]
        {
            get { return _nodes[index]; }
        }

        /// <summary>Works for a deleted node too: it keeps its former parent.</summary>
        public void Load(DmNode node)
        {
            int count = 0;
            for (DmNode n = node; n.Parent != null; n = n.Parent)
            {
                count++;
            }
            if (count > _nodes.Length)
            {
                _nodes = new DmNode[count + 8];
            }
            Count = count;
            for (DmNode n = node; n.Parent != null; n = n.Parent)
            {
                _nodes[--count] = n;
            }
        }

        /// <summary>Writes the path with the nodes' current names.</summary>
        public void Write(StoreWriter writer)
        {
            writer.WriteVarint((uint)Count);
            for (int i = 0; i < Count; i++)
            {
                writer.WriteString(_nodes[i].Name);
            }
        }

        /// <summary>Drops the references (a deleted subtree must not stay alive through a scratch array).</summary>
        public void Clear()
        {
            for (int i = 0; i < Count; i++)
            {
                _nodes[i] = null;
            }
            Count = 0;
        }
    }
}

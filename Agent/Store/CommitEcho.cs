using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The changes a block commit has stored, which the tree announces again right afterwards (CommitAtomic
    /// fires them in order): recognized one by one so that they are not stored twice, while any other change that
    /// happens meanwhile (a subscriber reacting to one of them) still is.</summary>
    internal sealed class CommitEcho
    {
        private DmNode[] _nodes = new DmNode[8];
        private TreeChange[] _kinds = new TreeChange[8];
        private int _count;
        private int _next;

        public void Expect(DmTree tree, int count)
        {
            if (count > _nodes.Length)
            {
                _nodes = new DmNode[count];
                _kinds = new TreeChange[count];
            }
            for (int i = 0; i < count; i++)
            {
                _nodes[i] = tree.PendingNode(i);
                _kinds[i] = tree.PendingKind(i);
            }
            _count = count;
            _next = 0;
        }

        public bool Consume(DmNode node, TreeChange kind)
        {
            if (_next >= _count || _nodes[_next] != node || _kinds[_next] != kind)
            {
                return false;
            }
            _nodes[_next++] = null;
            return true;
        }

        public void Clear()
        {
            for (int i = _next; i < _count; i++)
            {
                _nodes[i] = null;
            }
            _count = 0;
            _next = 0;
        }
    }
}

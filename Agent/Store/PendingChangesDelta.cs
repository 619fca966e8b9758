using System.Collections;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The pending changes of a tree block (one DM command or one Atomic) as the operations of one commit,
    /// in the order they were made, each addressed by the path the node had at that moment: a later rename of the node
    /// or of an ancestor must not redirect an earlier operation. A node's state is written once, at its first change,
    /// with the values it ends up with (later changes of it only add renames and deletes), so replaying the operations
    /// gives exactly the tree the block committed, including the order of children.</summary>
    internal sealed class PendingChangesDelta : IStoreDelta
    {
        private readonly NodePath _path = new NodePath();
        private readonly ArrayList _propertyChanges = new ArrayList();

        public DmTree Tree;

        public void Write(StoreWriter writer)
        {
            int count = Tree.PendingChangeCount;
            CollectPropertyChanges(count);
            for (int i = 0; i < count && !writer.Overflowed; i++)
            {
                DmNode node = Tree.PendingNode(i);
                TreeChange kind = Tree.PendingKind(i);
                if (kind == TreeChange.Deleted)
                {
                    writer.WriteByte(StoreOp.NodeDelete);
                    WritePath(writer, node, i);
                    continue;
                }
                if (IsFirstChange(node, i))
                {
                    writer.WriteByte(StoreOp.NodePut);
                    WritePath(writer, node, i);
                    TreeCodec.WriteState(writer, node);
                }
                if (kind == TreeChange.PropertyChanged)
                {
                    string after = NameAt(node, i + 1);
                    if (after != Tree.PendingFormerName(i))
                    {
                        writer.WriteByte(StoreOp.NodeRename);
                        WritePath(writer, node, i);
                        writer.WriteString(after);
                    }
                }
            }
            _path.Clear();
            _propertyChanges.Clear();
        }

        private void CollectPropertyChanges(int count)
        {
            _propertyChanges.Clear();
            for (int i = 0; i < count; i++)
            {
                if (Tree.PendingKind(i) == TreeChange.PropertyChanged)
                {
                    _propertyChanges.Add(i);
                }
            }
        }

        private bool IsFirstChange(DmNode node, int index)
        {
            for (int i = 0; i < index; i++)
            {
                if (Tree.PendingNode(i) == node)
                {
                    return false;
                }
            }
            return true;
        }

        private void WritePath(StoreWriter writer, DmNode node, int time)
        {
            _path.Load(node);
            writer.WriteVarint((uint)_path.Count);
            for (int i = 0; i < _path.Count; i++)
            {
                writer.WriteString(NameAt(_path[i], time));
            }
        }

        /// <summary>The node's name before change <paramref name="time"/>: the former name recorded by its next property
        /// change at or after that point (only property changes rename), else its current name.</summary>
        private string NameAt(DmNode node, int time)
        {
            for (int i = 0; i < _propertyChanges.Count; i++)
            {
                int index = (int)_propertyChanges[i];
                if (index >= time && Tree.PendingNode(index) == node)
                {
                    return Tree.PendingFormerName(index);
                }
            }
            return node.Name;
        }
    }
}

using System;
using System.Collections;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>Encodes tree nodes into store operations and applies them to a tree. A node's state is everything needed
    /// to rebuild it exactly: kind, permanence, secret flag, Format, Type, ACL, Title, TStamp, VerNo and value (Exec
    /// handlers are code: the MOs attach them again when they register at boot).</summary>
    internal static class TreeCodec
    {
        private const int Interior = 1;
        private const int Permanent = 2;
        private const int Secret = 4;

        /// <summary>Frequent Format and Type values cost one byte: code 0 is null, 1 a literal string, 2 + i Atoms[i].</summary>
        private static readonly string[] Atoms =
        {
            DmFormat.Node, DmFormat.Chr, DmFormat.Int, DmFormat.Bool, DmFormat.Bin, DmFormat.B64, DmFormat.Xml,
            DmFormat.Null, DmFormat.Date, DmFormat.Time, DmFormat.Float, DmFormat.DefaultLeafType,
            "application/octet-stream", string.Empty
        };

        /// <summary>The whole tree in preorder, so that every parent precedes its children.</summary>
        public static void WriteSnapshot(StoreWriter writer, DmTree tree)
        {
            WriteSubtree(writer, tree.Root, 0);
        }

        public static void WriteState(StoreWriter writer, DmNode node)
        {
            int flags = (node.IsInterior ? Interior : 0) | (node.IsPermanent ? Permanent : 0) | (node.IsSecret ? Secret : 0);
            writer.WriteByte((byte)flags);
            WriteAtom(writer, node.Format);
            WriteAtom(writer, node.Type);
            writer.WriteString(node.Acl);
            writer.WriteString(node.Title);
            writer.WriteInt64(node.TStamp.Ticks);
            writer.WriteVarint((uint)node.VerNo);
            writer.WriteBlob(node.Value);
        }

        /// <summary>A snapshot node: <paramref name="stack"/> holds the last node seen at each depth (depth 0, the root,
        /// starts over).</summary>
        public static bool ApplyTreeNode(StoreReader reader, DmTree tree, ArrayList stack)
        {
            uint depth = reader.ReadVarint();
            if (reader.Failed || depth > stack.Count)
            {
                return false;
            }
            DmNode node;
            if (depth == 0)
            {
                node = ReadState(reader, tree, null, null);
            }
            else
            {
                string name = reader.ReadString();
                node = name == null ? null : ReadState(reader, tree, (DmNode)stack[(int)depth - 1], name);
            }
            if (node == null)
            {
                return false;
            }
            while (stack.Count > depth)
            {
                stack.RemoveAt(stack.Count - 1);
            }
            stack.Add(node);
            return true;
        }

        public static bool ApplyPut(StoreReader reader, DmTree tree)
        {
            uint count = reader.ReadVarint();
            if (count == 0)
            {
                return !reader.Failed && ReadState(reader, tree, null, null) != null;
            }
            DmNode parent = Walk(reader, tree, count - 1);
            string name = parent == null ? null : reader.ReadString();
            return name != null && ReadState(reader, tree, parent, name) != null;
        }

        public static bool ApplyDelete(StoreReader reader, DmTree tree)
        {
            DmNode node = Walk(reader, tree, reader.ReadVarint());
            return node != null && tree.RestoreRemove(node);
        }

        public static bool ApplyRename(StoreReader reader, DmTree tree)
        {
            DmNode node = Walk(reader, tree, reader.ReadVarint());
            string name = node == null ? null : reader.ReadString();
            return name != null && name.Length > 0 && tree.RestoreName(node, name);
        }

        private static void WriteSubtree(StoreWriter writer, DmNode node, int depth)
        {
            writer.WriteByte(StoreOp.TreeNode);
            writer.WriteVarint((uint)depth);
            if (depth > 0)
            {
                writer.WriteString(node.Name);
            }
            WriteState(writer, node);
            for (int i = 0; i < node.ChildCount && !writer.Overflowed; i++)
            {
                WriteSubtree(writer, node.GetChild(i), depth + 1);
            }
        }

        /// <summary>Follows <paramref name="count"/> names from the root; null if one is missing.</summary>
        private static DmNode Walk(StoreReader reader, DmTree tree, uint count)
        {
            DmNode node = tree.Root;
            for (uint i = 0; i < count && node != null; i++)
            {
                string name = reader.ReadString();
                node = name == null ? null : node.FindChild(name);
            }
            return reader.Failed ? null : node;
        }

        /// <summary>Reads a node state and gives it to the child <paramref name="name"/> of <paramref name="parent"/>
        /// (created when missing), or to the root when <paramref name="parent"/> is null. Nothing is changed if the state
        /// is malformed.</summary>
        private static DmNode ReadState(StoreReader reader, DmTree tree, DmNode parent, string name)
        {
            int flags = reader.ReadByte();
            string format = ReadAtom(reader);
            string type = ReadAtom(reader);
            string acl = reader.ReadString();
            string title = reader.ReadString();
            long ticks = reader.ReadInt64();
            uint verNo = reader.ReadVarint();
            byte[] value = reader.ReadBlob();
            bool interior = (flags & Interior) != 0;
            if (reader.Failed || ticks < 0 || ticks > DateTime.MaxValue.Ticks || verNo > 0xFFFF
                || (parent == null && !interior) || name == string.Empty)
            {
                return null;
            }
            DmNode node = parent == null ? tree.Root : tree.RestoreChild(parent, name, interior);
            if (node == null)
            {
                return null;
            }
            tree.RestoreFlags(node, (flags & Permanent) != 0, (flags & Secret) != 0);
            node.Format = format;
            node.Type = type;
            node.Acl = acl;
            node.Title = title;
            node.TStamp = new DateTime(ticks, DateTimeKind.Utc);
            node.VerNo = (int)verNo;
            node.Value = value;
            return node;
        }

        private static void WriteAtom(StoreWriter writer, string value)
        {
            if (value == null)
            {
                writer.WriteByte(0);
                return;
            }
            for (int i = 0; i < Atoms.Length; i++)
            {
                if (Atoms[i] == value)
                {
                    writer.WriteByte((byte)(i + 2));
                    return;
                }
            }
            writer.WriteByte(1);
            writer.WriteString(value);
        }

        private static string ReadAtom(StoreReader reader)
        {
            int code = reader.ReadByte();
            if (code == 0)
            {
                return null;
            }
            if (code == 1)
            {
                return reader.ReadString();
            }
            if (code - 2 < Atoms.Length)
            {
                return Atoms[code - 2];
            }
            reader.Fail();
            return null;
        }
    }
}

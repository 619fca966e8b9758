using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The device-owned nodes of SCOMO entries (Status, State, Operations) and typed reads and writes of their
    /// leaves. The server creates an entry and the leaves it sets (PkgID, PkgURL, Data, ...); the device adds the rest,
    /// read-only to servers, so that a server's Add of a leaf never collides with a node the device made.</summary>
    internal static class ScomoEntries
    {
        public const string ReadOnlyAcl = "Get=*";
        public const string OperationsAcl = "Get=*&Exec=*";

        /// <summary>Adds what an entry of <paramref name="collection"/> needs besides the server's leaves and attaches
        /// <paramref name="handler"/> to its operations. Nodes already there are kept (entries restored at boot).</summary>
        public static void Complete(DmTree tree, string collection, string name, ExecHandler handler)
        {
            string entry = ScomoTree.Entry(collection, name);
            if (tree.Find(entry + "/" + ScomoTree.Status) == null)
            {
                SetInt(tree, entry + "/" + ScomoTree.Status, ScomoStatus.Idle);
                tree.SetAcl(entry + "/" + ScomoTree.Status, ReadOnlyAcl);
            }
            if (collection != ScomoTree.Download && tree.Find(entry + "/" + ScomoTree.State) == null)
            {
                SetInt(tree, entry + "/" + ScomoTree.State, collection == ScomoTree.Delivered ? ScomoTree.StateDelivered : ScomoTree.StateInactive);
                tree.SetAcl(entry + "/" + ScomoTree.State, ReadOnlyAcl);
            }
            string operations = entry + "/" + ScomoTree.Operations;
            if (tree.Find(operations) == null)
            {
                tree.EnsureInterior(operations, null, false);
                tree.SetAcl(operations, OperationsAcl);
            }
            string[] names = ScomoOperations.NamesFor(collection);
            for (int i = 0; i < names.Length; i++)
            {
                string uri = operations + "/" + names[i];
                if (tree.Find(uri) == null)
                {
                    tree.SetLeaf(uri, DmFormat.Null, null, null, false);
                }
                tree.RegisterExec(uri, handler);
            }
        }

        public static string GetString(DmTree tree, string collection, string name, string leaf)
        {
            return tree.GetString(ScomoTree.Leaf(collection, name, leaf));
        }

        /// <summary>The leaf's integer value, or <paramref name="missing"/> when it is absent or not a number.</summary>
        public static int GetInt(DmTree tree, string collection, string name, string leaf, int missing)
        {
            string text = GetString(tree, collection, name, leaf);
            if (text == null || text.Length == 0)
            {
                return missing;
            }
            try
            {
                return int.Parse(text);
            }
            catch (System.Exception)
            {
                return missing;
            }
        }

        /// <summary>Nothing happens when the entry is gone (a server may delete it while an operation runs).</summary>
        public static void SetStatus(DmTree tree, string collection, string name, int status)
        {
            SetExistingInt(tree, collection, name, ScomoTree.Status, status);
        }

        public static void SetState(DmTree tree, string collection, string name, int state)
        {
            SetExistingInt(tree, collection, name, ScomoTree.State, state);
        }

        private static void SetExistingInt(DmTree tree, string collection, string name, string leaf, int value)
        {
            if (tree.Find(ScomoTree.Entry(collection, name)) != null)
            {
                SetInt(tree, ScomoTree.Leaf(collection, name, leaf), value);
            }
        }

        /// <summary>Writes a chr leaf when <paramref name="value"/> is not null (creating it).</summary>
        public static void SetString(DmTree tree, string uri, string value)
        {
            if (value != null)
            {
                tree.SetLeaf(uri, DmFormat.Chr, null, Utf8Text.Encode(value), false);
            }
        }

        private static void SetInt(DmTree tree, string uri, int value)
        {
            tree.SetLeaf(uri, DmFormat.Int, null, Utf8Text.Encode(value.ToString()), false);
        }
    }
}

using System.Collections;
using System.Text;
using NanoOmaDm.Agent.Tree;
using Xunit;

namespace NanoOmaDm.Tests.Tree
{
    /// <summary>Shared helpers: a tree with a fake clock, UTF-8 conversions and a complete textual dump of a tree
    /// (every node, property and value) to compare trees before and after Atomic rollback.</summary>
    public static class TreeKit
    {
        public const string SrvA = "srvA";
        public const string SrvB = "srvB";

        public static DmTree NewTree(FakeClock clock = null, TreeLimits limits = null)
        {
            return new DmTree(clock ?? new FakeClock(), limits ?? new TreeLimits());
        }

        public static byte[] Bytes(string text)
        {
            return text == null ? null : Encoding.UTF8.GetBytes(text);
        }

        public static string Text(byte[] bytes)
        {
            return bytes == null ? null : Encoding.UTF8.GetString(bytes);
        }

        /// <summary>Runs a Get and returns its status and items.</summary>
        public static int Get(DmTree tree, string serverId, string uri, out List<TreeItem> items)
        {
            var results = new ArrayList();
            int status = tree.Get(serverId, uri, results);
            items = results.Cast<TreeItem>().ToList();
            return status;
        }

        /// <summary>Value of a successful single-item Get as text; fails the test otherwise.</summary>
        public static string GetText(DmTree tree, string serverId, string uri)
        {
            int status = Get(tree, serverId, uri, out var items);
            Assert.Equal(200, status);
            Assert.Single(items);
            return Text(items[0].Value);
        }

        public static string Dump(DmTree tree)
        {
            var sb = new StringBuilder();
            DumpNode(tree.Root, sb);
            return sb.ToString();
        }

        private static void DumpNode(DmNode node, StringBuilder sb)
        {
            sb.Append(node.Uri)
                .Append(" interior=").Append(node.IsInterior)
                .Append(" permanent=").Append(node.IsPermanent)
                .Append(" secret=").Append(node.IsSecret)
                .Append(" acl=").Append(node.Acl)
                .Append(" format=").Append(node.Format)
                .Append(" type=").Append(node.Type)
                .Append(" title=").Append(node.Title)
                .Append(" tstamp=").Append(node.TStamp.Ticks)
                .Append(" verno=").Append(node.VerNo)
                .Append(" value=").Append(node.Value == null ? "(null)" : Convert.ToBase64String(node.Value))
                .Append('\n');
            for (int i = 0; i < node.ChildCount; i++)
            {
                DumpNode(node.GetChild(i), sb);
            }
        }
    }
}

using System.Collections;
using System.Text;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>The server Get command: node values, child lists, properties and structure listings.</summary>
    public sealed partial class DmTree
    {
        public const string ListStruct = "Struct";
        public const string ListStructData = "StructData";

        /// <summary>Appends the result(s) of a Get to <paramref name="results"/> (of <see cref="TreeItem"/>) and returns
        /// the status. A leaf gives its value; an interior node the child names joined by "/" with Format node (empty
        /// data when it has none). <c>?prop=X</c> gives one chr item, 406 for an unknown property or Size of an interior
        /// node. <c>?list=Struct|StructData</c> gives the node and its subtree in pre-order; TNDS is not supported (406).
        /// Needs Get on the addressed node (425). A secret leaf's value is never returned (425).</summary>
        public int Get(string serverId, string uri, ArrayList results)
        {
            if (results == null)
            {
                return StatusCode.CommandFailed;
            }
            TreeUri target = TreeUri.Parse(uri, Limits);
            if (!target.IsValid)
            {
                return target.Status;
            }
            DmNode node = Resolve(target.Segments);
            if (node == null)
            {
                return StatusCode.NotFound;
            }
            if (!Permits(node, Acl.Get, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (target.QueryKey == TreeUri.PropQuery)
            {
                return GetProperty(node, uri, target.QueryValue, results);
            }
            if (target.QueryKey == TreeUri.ListQuery)
            {
                return GetList(serverId, node, target.QueryValue, results);
            }
            if (node.IsSecret)
            {
                return StatusCode.PermissionDenied;
            }
            results.Add(NewItem(uri, node, ValueOf(node)));
            return StatusCode.Ok;
        }

        private static int GetProperty(DmNode node, string uri, string property, ArrayList results)
        {
            string value = NodeProperty.Read(node, property);
            if (value == null)
            {
                return StatusCode.OptionalFeatureNotSupported;
            }
            TreeItem item = new TreeItem();
            item.Uri = uri;
            item.Format = DmFormat.Chr;
            item.Type = DmFormat.DefaultLeafType;
            item.Value = Encoding.UTF8.GetBytes(value);
            results.Add(item);
            return StatusCode.Ok;
        }

        private static int GetList(string serverId, DmNode node, string list, ArrayList results)
        {
            if (list != ListStruct && list != ListStructData)
            {
                return StatusCode.OptionalFeatureNotSupported;
            }
            AppendStructure(serverId, node, list == ListStructData, results);
            return StatusCode.Ok;
        }

        // ACL per node: the caller checked the listed node; a descendant the server may not Get is left out together
        // with its subtree (listing its children would reveal what the ACL hides). Secret leaves are listed without data.
        private static void AppendStructure(string serverId, DmNode node, bool withData, ArrayList results)
        {
            byte[] value = null;
            if (withData && !node.IsInterior && !node.IsSecret)
            {
                value = node.Value ?? EmptyValue;
            }
            results.Add(NewItem(node.Uri, node, value));
            for (int i = 0; i < node.ChildCount; i++)
            {
                DmNode child = node.GetChild(i);
                if (Permits(child, Acl.Get, serverId))
                {
                    AppendStructure(serverId, child, withData, results);
                }
            }
        }

        private static TreeItem NewItem(string uri, DmNode node, byte[] value)
        {
            TreeItem item = new TreeItem();
            item.Uri = uri;
            item.Format = node.IsInterior ? DmFormat.Node : node.Format;
            item.Type = node.Type;
            item.Value = value;
            return item;
        }

        private static byte[] ValueOf(DmNode node)
        {
            if (!node.IsInterior)
            {
                return node.Value ?? EmptyValue;
            }
            int count = node.ChildCount;
            if (count == 0)
            {
                return EmptyValue;
            }
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    names.Append('/');
                }
                names.Append(node.GetChild(i).Name);
            }
            return Encoding.UTF8.GetBytes(names.ToString());
        }
    }
}

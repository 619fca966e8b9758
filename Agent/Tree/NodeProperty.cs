using System;
using System.Text;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Run-time node properties addressed as <c>uri?prop=Name</c>; their values travel as UTF-8 strings, numbers
    /// in decimal.</summary>
    public static class NodeProperty
    {
        public const string Acl = "ACL";
        public const string Format = "Format";
        public const string Name = "Name";
        public const string Size = "Size";
        public const string Title = "Title";
        public const string TStamp = "TStamp";
        public const string Type = "Type";
        public const string VerNo = "VerNo";

        public const int MaxTitleBytes = 255;

        public static bool IsKnown(string property)
        {
            return property == Acl || property == Format || property == Name || property == Size || property == Title
                || property == TStamp || property == Type || property == VerNo;
        }

        /// <summary>The property's value, or null when the node does not have it (unknown name, Size of an interior
        /// node). ACL is the node's own value, empty when it inherits (DM TND: no ancestor lookup).</summary>
        public static string Read(DmNode node, string property)
        {
            if (property == Acl)
            {
                return node.Acl ?? string.Empty;
            }
            if (property == Format)
            {
                return node.IsInterior ? DmFormat.Node : node.Format ?? DmFormat.Chr;
            }
            if (property == Name)
            {
                return node.Name;
            }
            if (property == Size)
            {
                return node.IsInterior ? null : (node.Value == null ? 0 : node.Value.Length).ToString();
            }
            if (property == Title)
            {
                return node.Title ?? string.Empty;
            }
            if (property == TStamp)
            {
                return FormatTStamp(node.TStamp);
            }
            if (property == Type)
            {
                return node.Type ?? string.Empty;
            }
            if (property == VerNo)
            {
                return node.VerNo.ToString();
            }
            return null;
        }

        /// <summary>ISO 8601 basic format in UTC: YYYYMMDDThhmmssZ.</summary>
        public static string FormatTStamp(DateTime utc)
        {
            StringBuilder sb = new StringBuilder(16);
            sb.Append(utc.Year.ToString("D4")).Append(utc.Month.ToString("D2")).Append(utc.Day.ToString("D2"));
            sb.Append('T');
            sb.Append(utc.Hour.ToString("D2")).Append(utc.Minute.ToString("D2")).Append(utc.Second.ToString("D2"));
            sb.Append('Z');
            return sb.ToString();
        }
    }
}

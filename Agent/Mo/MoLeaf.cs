using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Mo
{
    /// <summary>Typed leaf writers shared by the standard MOs (DM values travel as text: int in decimal, bool as
    /// lower-case true/false).</summary>
    internal static class MoLeaf
    {
        public static DmNode Chr(DmTree tree, string uri, string value, bool permanent)
        {
            return tree.SetLeaf(uri, DmFormat.Chr, DmFormat.DefaultLeafType, Utf8Text.Encode(value), permanent);
        }

        public static DmNode Int(DmTree tree, string uri, int value, bool permanent)
        {
            return tree.SetLeaf(uri, DmFormat.Int, DmFormat.DefaultLeafType, Utf8Text.Encode(value.ToString()),
                permanent);
        }

        public static DmNode Bool(DmTree tree, string uri, bool value, bool permanent)
        {
            return tree.SetLeaf(uri, DmFormat.Bool, DmFormat.DefaultLeafType, Utf8Text.Encode(value ? "true" : "false"),
                permanent);
        }

        /// <summary>The UTF-8 text of a leaf, or null if there is no leaf or its bytes are not text.</summary>
        public static string Text(DmNode leaf)
        {
            return leaf == null || leaf.IsInterior ? null : Utf8Text.Decode(leaf.Value);
        }
    }
}

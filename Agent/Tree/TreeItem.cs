namespace NanoOmaDm.Agent.Tree
{
    /// <summary>One result of a server Get: becomes an Item of the Results command.</summary>
    public sealed class TreeItem
    {
        /// <summary>Source LocURI of the result (the requested URI for a single node, canonical "./..." inside a list).</summary>
        public string Uri;
        public string Format;
        public string Type;
        /// <summary>Decoded value bytes, null when the item carries no data. Shared with the tree: read-only.</summary>
        public byte[] Value;
    }
}

namespace NanoOmaDm.Agent.Store
{
    /// <summary>Operation codes of the payloads. A snapshot holds TreeNode (preorder), AlertPut and RecordPut; a journal
    /// record the others as well. A node's state is written the same way by TreeNode and NodePut, and a path costs at
    /// least as much as a depth and a name, so the snapshot of a state is never larger than the snapshot it started from
    /// plus the journal written since: the bound the store's space accounting relies on.</summary>
    public static class StoreOp
    {
        /// <summary>Depth (0 = root), name (not for the root), node state.</summary>
        public const byte TreeNode = 1;
        /// <summary>Path (segment count, names), node state: creates or updates the node.</summary>
        public const byte NodePut = 2;
        /// <summary>Path: deletes the node and its subtree.</summary>
        public const byte NodeDelete = 3;
        /// <summary>Path, new name.</summary>
        public const byte NodeRename = 4;
        /// <summary>Alert id, then ServerId, Correlator, SourceUri, TargetUri, Type, Format, Mark, Data.</summary>
        public const byte AlertPut = 5;
        public const byte AlertDelete = 6;
        /// <summary>Key, value.</summary>
        public const byte RecordPut = 7;
        public const byte RecordDelete = 8;
    }
}

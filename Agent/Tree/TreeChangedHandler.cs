namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Called after a change is committed. For Deleted the node is already detached but keeps its Parent,
    /// so its Uri still names where it was.</summary>
    public delegate void TreeChangedHandler(DmNode node, TreeChange kind);
}

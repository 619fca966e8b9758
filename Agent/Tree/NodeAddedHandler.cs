namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Completes an interior node a server has just added (e.g. SCOMO gives a new Download/&lt;x&gt; its Status
    /// and Operations); see <see cref="DmTree.RegisterChildAdded"/>.</summary>
    public delegate void NodeAddedHandler(DmNode node);
}

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Kind of a committed tree change, for persistence.</summary>
    public enum TreeChange
    {
        Added,
        Replaced,
        Deleted,
        PropertyChanged
    }
}

namespace NanoOmaDm.Agent
{
    /// <summary>Makes the tree changes of the command just executed durable, while they can still be undone.
    /// Returns false when storage cannot take them (device full): the command is then rolled back and answered 420.</summary>
    public delegate bool CommitHandler();
}

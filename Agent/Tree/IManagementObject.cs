namespace NanoOmaDm.Agent.Tree
{
    /// <summary>A management object plug-in (DevInfo, SCOMO, ...): builds its subtree and registers its Exec handlers.</summary>
    public interface IManagementObject
    {
        void Register(DmTree tree);
    }
}

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The operations of one commit, written into a journal record.</summary>
    public interface IStoreDelta
    {
        void Write(StoreWriter writer);
    }
}

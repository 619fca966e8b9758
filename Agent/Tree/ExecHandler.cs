namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Executes an Exec on a node. Returns 200 (done), 202 (accepted, result reported later) or an error status.</summary>
    public delegate int ExecHandler(ExecRequest request);
}

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>What an Exec handler gets: the caller, the target node, the argument and the ids needed to report an
    /// asynchronous result later (Generic Alert echoing the Correlator).</summary>
    public sealed class ExecRequest
    {
        public string ServerId;
        public string Uri;
        public string Data;
        public string Correlator;
        public string CmdId;
    }
}

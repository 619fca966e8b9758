namespace NanoOmaDm.Agent.Tree
{
    /// <summary>URI limits published in ./DevDetail/URI and enforced on server commands (414). 0 = unlimited.</summary>
    public sealed class TreeLimits
    {
        /// <summary>Maximum number of segments below the root ("./A/B" has depth 2).</summary>
        public int MaxDepth;
        /// <summary>Maximum length in characters of a URI exactly as the server sent it, property query included.</summary>
        public int MaxTotLen;
        /// <summary>Maximum length in characters of one segment.</summary>
        public int MaxSegLen;
    }
}

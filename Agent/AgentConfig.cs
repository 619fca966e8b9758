namespace NanoOmaDm.Agent
{
    /// <summary>Limits and policies of the agent. Defaults suit an ESP32 without PSRAM (~100 KB managed heap).</summary>
    public sealed class AgentConfig
    {
        /// <summary>Largest DM message the agent accepts and sends (advertised as MaxMsgSize).</summary>
        public int MaxMsgSize = 16384;
        /// <summary>Largest object (reassembled large object, one leaf value) the agent accepts (MaxObjSize).</summary>
        public int MaxObjSize = 65536;
        /// <summary>Guards against a server that never ends a session.</summary>
        public int MaxMessagesPerSession = 500;
        /// <summary>URI limits published in ./DevDetail/URI and enforced on every command (0 = unlimited).</summary>
        public int MaxUriDepth = 16;
        public int MaxUriTotalLength = 255;
        public int MaxUriSegmentLength = 64;
        public int HttpTimeoutMs = 30000;
        /// <summary>Send WBXML (application/vnd.syncml.dm+wbxml) instead of XML; replies are read in either encoding.</summary>
        public bool UseWbxml;
        /// <summary>When true the agent refuses a server that does not authenticate itself, if the account holds a
        /// server secret.</summary>
        public bool RequireServerAuthentication = true;
    }
}

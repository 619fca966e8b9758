namespace NanoOmaDm.Agent.Protocol
{
    public sealed class SyncHeader
    {
        public string VerDtd = "1.2";
        public string VerProto = "DM/1.2";
        public string SessionId;
        public string MsgId;
        public string TargetUri;
        public string TargetName;
        public string SourceUri;
        public string SourceName;
        public string RespUri;
        public Cred Cred;
        /// <summary>MaxMsgSize / MaxObjSize live here; null when the header had no Meta.</summary>
        public Meta Meta;
    }
}

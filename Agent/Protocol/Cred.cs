namespace NanoOmaDm.Agent.Protocol
{
    /// <summary>SyncHdr credentials: Meta Type (syncml:auth-basic / syncml:auth-md5), Format (b64) and Data.</summary>
    public sealed class Cred
    {
        public string Type;
        public string Format;
        public string Data;
    }
}

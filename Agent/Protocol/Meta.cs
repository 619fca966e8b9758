namespace NanoOmaDm.Agent.Protocol
{
    /// <summary>MetInf content of a Meta or Chal element. Unset strings are null, unset numbers -1.</summary>
    public sealed class Meta
    {
        public string Type;
        public string Format;
        public string Mark;
        public string NextNonce;
        public string Version;
        public string Emi;
        public long Size = -1;
        public long MaxMsgSize = -1;
        public long MaxObjSize = -1;

        public bool IsEmpty
        {
            get
            {
                return Type == null && Format == null && Mark == null && NextNonce == null && Version == null
                    && Emi == null && Size < 0 && MaxMsgSize < 0 && MaxObjSize < 0;
            }
        }
    }
}

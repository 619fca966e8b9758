namespace NanoOmaDm.Agent.Session
{
    /// <summary>A Generic Alert (1226) waiting to be reported to a server, e.g. the result of an asynchronous Exec.</summary>
    public sealed class GenericAlert
    {
        /// <summary>Server that must receive it (DMAcc ServerID); null = any server the next session talks to.</summary>
        public string ServerId;
        /// <summary>Echo of the Exec's Correlator when the alert reports that Exec's outcome.</summary>
        public string Correlator;
        public string SourceUri;
        public string TargetUri;
        /// <summary>Meta Type: the alert type URN, e.g. urn:oma:at:scomo:1.0:OperationComplete.</summary>
        public string Type;
        public string Format = "chr";
        /// <summary>fatal, critical, minor, warning, informational (default), harmless, indeterminate.</summary>
        public string Mark;
        public string Data;
    }
}

namespace NanoOmaDm.Agent.Protocol
{
    public static class CommandName
    {
        public const string Add = "Add";
        public const string Alert = "Alert";
        public const string Atomic = "Atomic";
        public const string Copy = "Copy";
        public const string Delete = "Delete";
        public const string Exec = "Exec";
        public const string Get = "Get";
        public const string Replace = "Replace";
        public const string Results = "Results";
        public const string Sequence = "Sequence";
        public const string Status = "Status";
        public const string SyncHdr = "SyncHdr";
    }
}

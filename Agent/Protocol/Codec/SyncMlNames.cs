namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>Element names and namespaces of SyncML 1.2 and MetInf that the codec reads and writes.</summary>
    internal static class SyncMlNames
    {
        public const string SyncMl12Namespace = "SYNCML:SYNCML1.2";
        public const string SyncMl11Namespace = "SYNCML:SYNCML1.1";
        public const string MetInfNamespace = "syncml:metinf";

        public const string SyncMl = "SyncML";
        public const string SyncHdr = "SyncHdr";
        public const string SyncBody = "SyncBody";
        public const string VerDtd = "VerDTD";
        public const string VerProto = "VerProto";
        public const string SessionId = "SessionID";
        public const string MsgId = "MsgID";
        public const string Target = "Target";
        public const string Source = "Source";
        public const string LocUri = "LocURI";
        public const string LocName = "LocName";
        public const string RespUri = "RespURI";
        public const string Cred = "Cred";
        public const string Meta = "Meta";
        public const string Data = "Data";
        public const string Final = "Final";
        public const string CmdId = "CmdID";
        public const string NoResp = "NoResp";
        public const string Correlator = "Correlator";
        public const string Item = "Item";
        public const string MoreData = "MoreData";
        public const string MsgRef = "MsgRef";
        public const string CmdRef = "CmdRef";
        public const string Cmd = "Cmd";
        public const string TargetRef = "TargetRef";
        public const string SourceRef = "SourceRef";
        public const string Chal = "Chal";

        public const string MetInf = "MetInf";
        public const string Type = "Type";
        public const string Format = "Format";
        public const string Mark = "Mark";
        public const string NextNonce = "NextNonce";
        public const string Size = "Size";
        public const string MaxMsgSize = "MaxMsgSize";
        public const string MaxObjSize = "MaxObjSize";
        public const string Version = "Version";
        public const string Emi = "EMI";

        /// <summary>Element names that are commands when they appear inside another command (Atomic, Sequence
        /// and the DS-only Sync); DM-foreign ones are kept so the session can answer them.</summary>
        public static readonly string[] Commands =
        {
            CommandName.Add, CommandName.Alert, CommandName.Atomic, CommandName.Copy, CommandName.Delete,
            CommandName.Exec, CommandName.Get, CommandName.Replace, CommandName.Results, CommandName.Sequence,
            CommandName.Status, "Sync", "Map", "Put", "Search", "Move"
        };

        /// <summary>Vocabulary handed to the XML reader so that these names are never allocated per message.</summary>
        public static readonly string[] Vocabulary =
        {
            SyncMl12Namespace, SyncMl11Namespace, MetInfNamespace,
            SyncMl, SyncHdr, SyncBody, VerDtd, VerProto, SessionId, MsgId, Target, Source, LocUri, LocName, RespUri,
            Cred, Meta, Data, Final, CmdId, NoResp, Correlator, Item, MoreData, MsgRef, CmdRef, Cmd, TargetRef,
            SourceRef, Chal, MetInf, Type, Format, Mark, NextNonce, Size, MaxMsgSize, MaxObjSize, Version, Emi,
            CommandName.Add, CommandName.Alert, CommandName.Atomic, CommandName.Copy, CommandName.Delete,
            CommandName.Exec, CommandName.Get, CommandName.Replace, CommandName.Results, CommandName.Sequence,
            CommandName.Status
        };

        /// <summary>Comparison ignoring ASCII case only (namespace URIs, media types), whatever the culture.</summary>
        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (ToLowerAscii(a[i]) != ToLowerAscii(b[i]))
                {
                    return false;
                }
            }
            return true;
        }

        private static char ToLowerAscii(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }

        public static bool IsCommand(string name)
        {
            for (int i = 0; i < Commands.Length; i++)
            {
                if (Commands[i] == name)
                {
                    return true;
                }
            }
            return false;
        }
    }
}

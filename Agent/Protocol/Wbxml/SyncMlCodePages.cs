namespace NanoOmaDm.Agent.Protocol.Wbxml
{
    /// <summary>
    /// The WBXML vocabulary of SyncML: tag tokens of code page 0 (SyncML) and 1 (MetInf), public identifiers and
    /// the namespace each page stands for. No tag name occurs on both pages, so a name alone picks page and token
    /// (libwbxml encodes MetInf elements on page 1 whether or not they carry the MetInf namespace).
    /// </summary>
    internal static class SyncMlCodePages
    {
        public const int SyncMlPage = 0;
        public const int MetInfPage = 1;

        /// <summary>"Unknown" public id (libwbxml -a); the media type already says the document is SyncML.</summary>
        public const int PublicIdUnknown = 0x01;
        public const int PublicIdSyncMl11 = 0x0FD3;
        public const int PublicIdSyncMl12 = 0x1201;
        public const string PublicIdTextSyncMl11 = "-//SYNCML//DTD SyncML 1.1//EN";
        public const string PublicIdTextSyncMl12 = "-//SYNCML//DTD SyncML 1.2//EN";

        public const string SyncMl12Namespace = "SYNCML:SYNCML1.2";
        public const string SyncMl11Namespace = "SYNCML:SYNCML1.1";
        public const string MetInfNamespace = "syncml:metinf";

        /// <summary>Page 0 from token 0x05 on (0x30 is unassigned).</summary>
        private static readonly string[] SyncMlTags =
        {
            "Add", "Alert", "Archive", "Atomic", "Chal", "Cmd", "CmdID", "CmdRef", "Copy", "Cred", "Data", "Delete",
            "Exec", "Final", "Get", "Item", "Lang", "LocName", "LocURI", "Map", "MapItem", "Meta", "MsgID", "MsgRef",
            "NoResp", "NoResults", "Put", "Replace", "RespURI", "Results", "Search", "Sequence", "SessionID", "SftDel",
            "Source", "SourceRef", "Status", "Sync", "SyncBody", "SyncHdr", "SyncML", "Target", "TargetRef", null,
            "VerDTD", "VerProto", "NumberOfChanges", "MoreData", "Field", "Filter", "Record", "FilterType",
            "SourceParent", "TargetParent", "Move", "Correlator"
        };

        /// <summary>Page 1 from token 0x05 on.</summary>
        private static readonly string[] MetInfTags =
        {
            "Anchor", "EMI", "Format", "FreeID", "FreeMem", "Last", "Mark", "MaxMsgSize", "Mem", "MetInf", "Next",
            "NextNonce", "SharedMem", "Size", "Type", "Version", "MaxObjSize", "FieldLevel"
        };

        public static bool IsKnownPage(int page)
        {
            return page == SyncMlPage || page == MetInfPage;
        }

        /// <summary>Element name of a tag token (flags stripped); null when the page does not define it.</summary>
        public static string TagName(int page, int token)
        {
            string[] tags = page == SyncMlPage ? SyncMlTags : page == MetInfPage ? MetInfTags : null;
            int index = token - WbxmlToken.FirstTag;
            return tags == null || index < 0 || index >= tags.Length ? null : tags[index];
        }

        /// <summary>Page in the high byte, token in the low byte; -1 for a name neither page defines.</summary>
        public static int Find(string name)
        {
            if (name == null)
            {
                return -1;
            }
            int token = IndexOf(SyncMlTags, name);
            if (token >= 0)
            {
                return (SyncMlPage << 8) | token;
            }
            token = IndexOf(MetInfTags, name);
            return token >= 0 ? (MetInfPage << 8) | token : -1;
        }

        /// <summary>Namespace of the elements of a page: SyncML 1.1 or 1.2 after the document's public id.</summary>
        public static string Namespace(int page, bool syncMl11)
        {
            if (page == MetInfPage)
            {
                return MetInfNamespace;
            }
            return syncMl11 ? SyncMl11Namespace : SyncMl12Namespace;
        }

        private static int IndexOf(string[] tags, string name)
        {
            for (int i = 0; i < tags.Length; i++)
            {
                if (tags[i] == name)
                {
                    return i + WbxmlToken.FirstTag;
                }
            }
            return -1;
        }
    }
}

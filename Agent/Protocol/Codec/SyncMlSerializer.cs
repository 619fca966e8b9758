using System.Collections;

namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>
    /// Writes the model as SyncML 1.2 in either encoding (through <see cref="ISyncMlOutput"/>), children in the
    /// order the SyncML DTD prescribes. Callers check <see cref="ISyncMlOutput.Overflowed"/> afterwards; nothing
    /// here decides what happens when a message is full. Unset (null) values are left out; "" becomes an empty
    /// element.
    /// </summary>
    internal static class SyncMlSerializer
    {
        /// <summary>SyncHdr: VerDTD, VerProto, SessionID, MsgID, Target, Source, RespURI, Cred, Meta.</summary>
        public static void WriteHeader(ISyncMlOutput o, SyncHeader h)
        {
            o.StartElement(SyncMlNames.SyncHdr);
            Leaf(o, SyncMlNames.VerDtd, h.VerDtd);
            Leaf(o, SyncMlNames.VerProto, h.VerProto);
            Leaf(o, SyncMlNames.SessionId, h.SessionId);
            Leaf(o, SyncMlNames.MsgId, h.MsgId);
            Location(o, SyncMlNames.Target, h.TargetUri, h.TargetName);
            Location(o, SyncMlNames.Source, h.SourceUri, h.SourceName);
            Leaf(o, SyncMlNames.RespUri, h.RespUri);
            WriteCred(o, h.Cred);
            WriteMeta(o, h.Meta);
            o.EndElement(SyncMlNames.SyncHdr);
        }

        /// <summary>
        /// One order serves every command because the DTD content models agree on it:
        /// Status  (CmdID, MsgRef, CmdRef, Cmd, TargetRef*, SourceRef*, Cred?, Chal?, Data, Item*)
        /// Results (CmdID, MsgRef?, CmdRef, Meta?, TargetRef?, SourceRef?, Item+)
        /// Alert   (CmdID, NoResp?, Cred?, Data?, Correlator?, Item*)
        /// Exec    (CmdID, NoResp?, Cred?, Meta?, Correlator?, Item)
        /// Add/Copy/Delete/Get/Replace (CmdID, NoResp?, Cred?, Meta?, Item+)
        /// Atomic/Sequence (CmdID, NoResp?, Meta?, commands+)
        /// Results is the one that puts Meta before the references.
        /// </summary>
        public static void WriteCommand(ISyncMlOutput o, Command c)
        {
            bool response = c.Name == CommandName.Status || c.Name == CommandName.Results;
            bool metaFirst = c.Name == CommandName.Results;
            o.StartElement(c.Name);
            Leaf(o, SyncMlNames.CmdId, c.CmdId);
            if (response)
            {
                Leaf(o, SyncMlNames.MsgRef, c.MsgRef);
                Leaf(o, SyncMlNames.CmdRef, c.CmdRef);
                Leaf(o, SyncMlNames.Cmd, c.Cmd);
            }
            else if (c.NoResp)
            {
                o.EmptyElement(SyncMlNames.NoResp);
            }
            if (metaFirst)
            {
                WriteMeta(o, c.Meta);
            }
            Leaves(o, SyncMlNames.TargetRef, c.TargetRefs);
            Leaves(o, SyncMlNames.SourceRef, c.SourceRefs);
            WriteCred(o, c.Cred);
            if (c.Chal != null && !c.Chal.IsEmpty)
            {
                o.StartElement(SyncMlNames.Chal);
                WriteMeta(o, c.Chal);
                o.EndElement(SyncMlNames.Chal);
            }
            if (!metaFirst)
            {
                WriteMeta(o, c.Meta);
            }
            Leaf(o, SyncMlNames.Data, c.Data);
            Leaf(o, SyncMlNames.Correlator, c.Correlator);
            for (int i = 0; i < c.Items.Count; i++)
            {
                WriteItem(o, (Item)c.Items[i]);
            }
            for (int i = 0; i < c.Children.Count; i++)
            {
                WriteCommand(o, (Command)c.Children[i]);
            }
            o.EndElement(c.Name);
        }

        /// <summary>Item (Target?, Source?, Meta?, Data?, MoreData?).</summary>
        private static void WriteItem(ISyncMlOutput o, Item item)
        {
            o.StartElement(SyncMlNames.Item);
            Location(o, SyncMlNames.Target, item.TargetUri, item.TargetName);
            Location(o, SyncMlNames.Source, item.SourceUri, item.SourceName);
            WriteMeta(o, item.Meta);
            o.BinaryElement(SyncMlNames.Data, item.OpaqueData, item.Data);
            if (item.MoreData)
            {
                o.EmptyElement(SyncMlNames.MoreData);
            }
            o.EndElement(SyncMlNames.Item);
        }

        /// <summary>Cred (Meta?, Data).</summary>
        private static void WriteCred(ISyncMlOutput o, Cred cred)
        {
            if (cred == null)
            {
                return;
            }
            o.StartElement(SyncMlNames.Cred);
            if (cred.Type != null || cred.Format != null)
            {
                o.StartElement(SyncMlNames.Meta);
                MetInf(o, SyncMlNames.Format, cred.Format);
                MetInf(o, SyncMlNames.Type, cred.Type);
                o.EndElement(SyncMlNames.Meta);
            }
            Leaf(o, SyncMlNames.Data, cred.Data);
            o.EndElement(SyncMlNames.Cred);
        }

        /// <summary>MetInf order: Format, Type, Mark, Size, Version, NextNonce, MaxMsgSize, MaxObjSize, EMI.</summary>
        private static void WriteMeta(ISyncMlOutput o, Meta meta)
        {
            if (meta == null || meta.IsEmpty)
            {
                return;
            }
            o.StartElement(SyncMlNames.Meta);
            MetInf(o, SyncMlNames.Format, meta.Format);
            MetInf(o, SyncMlNames.Type, meta.Type);
            MetInf(o, SyncMlNames.Mark, meta.Mark);
            MetInfNumber(o, SyncMlNames.Size, meta.Size);
            MetInf(o, SyncMlNames.Version, meta.Version);
            MetInf(o, SyncMlNames.NextNonce, meta.NextNonce);
            MetInfNumber(o, SyncMlNames.MaxMsgSize, meta.MaxMsgSize);
            MetInfNumber(o, SyncMlNames.MaxObjSize, meta.MaxObjSize);
            MetInf(o, SyncMlNames.Emi, meta.Emi);
            o.EndElement(SyncMlNames.Meta);
        }

        private static void MetInf(ISyncMlOutput o, string name, string value)
        {
            if (value != null)
            {
                o.MetInfElement(name, value);
            }
        }

        private static void MetInfNumber(ISyncMlOutput o, string name, long value)
        {
            if (value >= 0)
            {
                MetInf(o, name, value.ToString());
            }
        }

        /// <summary>Target/Source (LocURI, LocName?); written when either part is set.</summary>
        private static void Location(ISyncMlOutput o, string name, string uri, string locName)
        {
            if (uri == null && locName == null)
            {
                return;
            }
            o.StartElement(name);
            o.Element(SyncMlNames.LocUri, uri == null ? "" : uri);
            Leaf(o, SyncMlNames.LocName, locName);
            o.EndElement(name);
        }

        private static void Leaves(ISyncMlOutput o, string name, ArrayList values)
        {
            for (int i = 0; i < values.Count; i++)
            {
                Leaf(o, name, (string)values[i]);
            }
        }

        private static void Leaf(ISyncMlOutput o, string name, string value)
        {
            if (value != null)
            {
                o.Element(name, value);
            }
        }
    }
}

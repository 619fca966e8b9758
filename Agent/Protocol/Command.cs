using System.Collections;

namespace NanoOmaDm.Agent.Protocol
{
    /// <summary>One SyncBody command. A single shape serves every element name (as in the SyncML RTK), which keeps the
    /// codec free of per-command types; fields that a command does not use stay null.</summary>
    public sealed class Command
    {
        public Command(string name)
        {
            Name = name;
        }

        /// <summary>Element name: Add, Alert, Atomic, Copy, Delete, Exec, Get, Replace, Results, Sequence, Status.</summary>
        public readonly string Name;
        public string CmdId;
        public bool NoResp;
        public Meta Meta;
        public Cred Cred;
        /// <summary>Alert code, or status code for Status.</summary>
        public string Data;
        public string Correlator;
        /// <summary>Items (of <see cref="Item"/>).</summary>
        public readonly ArrayList Items = new ArrayList();
        /// <summary>Nested commands of Atomic and Sequence.</summary>
        public readonly ArrayList Children = new ArrayList();

        // Status and Results only.
        public string MsgRef;
        public string CmdRef;
        /// <summary>Status: name of the command it answers ("SyncHdr" for the header).</summary>
        public string Cmd;
        /// <summary>Status TargetRef / SourceRef values (strings).</summary>
        public readonly ArrayList TargetRefs = new ArrayList();
        public readonly ArrayList SourceRefs = new ArrayList();
        /// <summary>Status: authentication challenge (Chal/Meta), null when none.</summary>
        public Meta Chal;

        public Item FirstItem
        {
            get { return Items.Count > 0 ? (Item)Items[0] : null; }
        }

        public void AddItem(Item item)
        {
            Items.Add(item);
        }
    }
}

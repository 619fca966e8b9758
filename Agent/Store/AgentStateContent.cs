using System.Collections;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The agent's persistent state as store content: the management tree, the queued Generic Alerts (oldest
    /// first) and the keyed records. The alerts and records kept here are exactly what is stored; the tree is the live
    /// one, whose uncommitted changes the commit protocol keeps out of the store.</summary>
    internal sealed class AgentStateContent : IStoreContent
    {
        private readonly ArrayList _snapshotPath = new ArrayList();

        /// <summary>Highest alert id seen, so that a new alert never takes the id of one whose operations are still in
        /// the journal.</summary>
        private uint _lastAlertId;

        public DmTree Tree;

        /// <summary>StoredAlert, oldest first.</summary>
        public readonly ArrayList Alerts = new ArrayList();

        /// <summary>Key (string) to value (byte[]).</summary>
        public readonly Hashtable Records = new Hashtable();

        public void WriteSnapshot(StoreWriter writer)
        {
            TreeCodec.WriteSnapshot(writer, Tree);
            for (int i = 0; i < Alerts.Count; i++)
            {
                writer.WriteByte(StoreOp.AlertPut);
                ((StoredAlert)Alerts[i]).Write(writer);
            }
            foreach (DictionaryEntry entry in Records)
            {
                writer.WriteByte(StoreOp.RecordPut);
                writer.WriteString((string)entry.Key);
                writer.WriteBlob((byte[])entry.Value);
            }
        }

        public bool Apply(StoreReader reader)
        {
            byte op = reader.ReadByte();
            switch (op)
            {
                case StoreOp.TreeNode:
                    return TreeCodec.ApplyTreeNode(reader, Tree, _snapshotPath);
                case StoreOp.NodePut:
                    return TreeCodec.ApplyPut(reader, Tree);
                case StoreOp.NodeDelete:
                    return TreeCodec.ApplyDelete(reader, Tree);
                case StoreOp.NodeRename:
                    return TreeCodec.ApplyRename(reader, Tree);
                case StoreOp.AlertPut:
                    return ApplyAlertPut(reader);
                case StoreOp.AlertDelete:
                    return ApplyAlertDelete(reader);
                case StoreOp.RecordPut:
                    return ApplyRecordPut(reader);
                case StoreOp.RecordDelete:
                    return ApplyRecordDelete(reader);
                default:
                    return false;
            }
        }

        /// <summary>Appends an alert under a new id.</summary>
        public StoredAlert AddAlert(GenericAlert alert)
        {
            StoredAlert stored = new StoredAlert();
            stored.Id = ++_lastAlertId;
            stored.Alert = alert;
            Alerts.Add(stored);
            return stored;
        }

        public StoredAlert FindAlert(GenericAlert alert)
        {
            for (int i = 0; i < Alerts.Count; i++)
            {
                StoredAlert stored = (StoredAlert)Alerts[i];
                if (stored.Alert == alert)
                {
                    return stored;
                }
            }
            return null;
        }

        private StoredAlert FindAlert(uint id)
        {
            for (int i = 0; i < Alerts.Count; i++)
            {
                StoredAlert stored = (StoredAlert)Alerts[i];
                if (stored.Id == id)
                {
                    return stored;
                }
            }
            return null;
        }

        private bool ApplyAlertPut(StoreReader reader)
        {
            StoredAlert stored = StoredAlert.Read(reader);
            if (stored == null || FindAlert(stored.Id) != null)
            {
                return false;
            }
            Alerts.Add(stored);
            if (stored.Id > _lastAlertId)
            {
                _lastAlertId = stored.Id;
            }
            return true;
        }

        private bool ApplyAlertDelete(StoreReader reader)
        {
            StoredAlert stored = FindAlert(reader.ReadVarint());
            if (stored == null || reader.Failed)
            {
                return false;
            }
            Alerts.Remove(stored);
            return true;
        }

        private bool ApplyRecordPut(StoreReader reader)
        {
            string key = reader.ReadString();
            byte[] value = reader.ReadBlob();
            if (key == null || value == null)
            {
                return false;
            }
            Records[key] = value;
            return true;
        }

        private bool ApplyRecordDelete(StoreReader reader)
        {
            string key = reader.ReadString();
            if (key == null || !Records.Contains(key))
            {
                return false;
            }
            Records.Remove(key);
            return true;
        }
    }
}

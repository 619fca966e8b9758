using NanoOmaDm.Agent.Session;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>A queued Generic Alert with the id its journal operations refer to.</summary>
    internal sealed class StoredAlert
    {
        public uint Id;
        public GenericAlert Alert;

        public void Write(StoreWriter writer)
        {
            writer.WriteVarint(Id);
            writer.WriteString(Alert.ServerId);
            writer.WriteString(Alert.Correlator);
            writer.WriteString(Alert.SourceUri);
            writer.WriteString(Alert.TargetUri);
            writer.WriteString(Alert.Type);
            writer.WriteString(Alert.Format);
            writer.WriteString(Alert.Mark);
            writer.WriteString(Alert.Data);
        }

        /// <summary>Null if the data is malformed.</summary>
        public static StoredAlert Read(StoreReader reader)
        {
            StoredAlert stored = new StoredAlert();
            stored.Id = reader.ReadVarint();
            GenericAlert alert = new GenericAlert();
            alert.ServerId = reader.ReadString();
            alert.Correlator = reader.ReadString();
            alert.SourceUri = reader.ReadString();
            alert.TargetUri = reader.ReadString();
            alert.Type = reader.ReadString();
            alert.Format = reader.ReadString();
            alert.Mark = reader.ReadString();
            alert.Data = reader.ReadString();
            stored.Alert = alert;
            return reader.Failed ? null : stored;
        }
    }
}

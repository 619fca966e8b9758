using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>A commit of a single operation: a device-side tree change, an alert queued or acknowledged, a record
    /// put or deleted. One reused instance; <see cref="Clear"/> drops the references after the commit.</summary>
    internal sealed class ChangeDelta : IStoreDelta
    {
        private readonly NodePath _path = new NodePath();
        private byte _op;
        private DmNode _node;
        private StoredAlert _alert;
        private string _key;
        private byte[] _value;

        public void SetNode(DmNode node, TreeChange kind)
        {
            _op = kind == TreeChange.Deleted ? StoreOp.NodeDelete : StoreOp.NodePut;
            _node = node;
        }

        public void SetAlert(byte op, StoredAlert alert)
        {
            _op = op;
            _alert = alert;
        }

        public void SetRecord(byte op, string key, byte[] value)
        {
            _op = op;
            _key = key;
            _value = value;
        }

        public void Clear()
        {
            _node = null;
            _alert = null;
            _key = null;
            _value = null;
            _path.Clear();
        }

        public void Write(StoreWriter writer)
        {
            writer.WriteByte(_op);
            switch (_op)
            {
                case StoreOp.NodePut:
                case StoreOp.NodeDelete:
                    _path.Load(_node);
                    _path.Write(writer);
                    if (_op == StoreOp.NodePut)
                    {
                        TreeCodec.WriteState(writer, _node);
                    }
                    break;
                case StoreOp.AlertPut:
                    _alert.Write(writer);
                    break;
                case StoreOp.AlertDelete:
                    writer.WriteVarint(_alert.Id);
                    break;
                default:
                    writer.WriteString(_key);
                    if (_op == StoreOp.RecordPut)
                    {
                        writer.WriteBlob(_value);
                    }
                    break;
            }
        }
    }
}

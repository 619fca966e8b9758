using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>SyncML as XML: MetInf elements carry the MetInf namespace themselves, as the DM 1.2 examples do;
    /// raw binary cannot be carried, so only the text form of binary elements is written.</summary>
    internal sealed class XmlSyncMlOutput : ISyncMlOutput
    {
        /// <summary>Room for "&lt;Final/&gt;&lt;/SyncBody&gt;&lt;/SyncML&gt;".</summary>
        private const int Closing = 28;

        private readonly XmlOutput output;

        public XmlSyncMlOutput(XmlOutput output)
        {
            this.output = output;
        }

        public byte[] Buffer
        {
            get { return output.Buffer; }
        }

        public int Length
        {
            get { return output.Length; }
        }

        public int Capacity
        {
            get { return output.Capacity; }
        }

        public int Limit
        {
            get { return output.Limit; }
            set { output.Limit = value; }
        }

        public int Remaining
        {
            get { return output.Remaining; }
        }

        public bool Overflowed
        {
            get { return output.Overflowed; }
        }

        public int ClosingReserve
        {
            get { return Closing; }
        }

        public void Reset()
        {
            output.Reset();
        }

        /// <summary>XML output has no state that carries over from one element to the next.</summary>
        public void ResetToContinue(ISyncMlOutput other)
        {
            output.Reset();
        }

        public bool StartDocument()
        {
            return output.StartElement(SyncMlNames.SyncMl, "xmlns", SyncMlNames.SyncMl12Namespace);
        }

        public bool StartElement(string name)
        {
            return output.StartElement(name);
        }

        public bool EndElement(string name)
        {
            return output.EndElement(name);
        }

        public bool EmptyElement(string name)
        {
            return output.EmptyElement(name);
        }

        public bool Element(string name, string value)
        {
            return output.Element(name, value);
        }

        public bool MetInfElement(string name, string value)
        {
            return output.Element(name, "xmlns", SyncMlNames.MetInfNamespace, value);
        }

        public bool BinaryElement(string name, byte[] bytes, string text)
        {
            return text == null || output.Element(name, text);
        }
    }
}

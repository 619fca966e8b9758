using NanoOmaDm.Agent.Protocol.Wbxml;

namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>SyncML as WBXML 1.3 with public id SyncML 1.2 and UTF-8: tags from the SyncML and MetInf code
    /// pages, text as inline strings, binary as OPAQUE.</summary>
    internal sealed class WbxmlSyncMlOutput : ISyncMlOutput
    {
        /// <summary>Room for a switch back to page 0, Final and two ENDs.</summary>
        private const int Closing = 5;

        private readonly WbxmlOutput output;
        /// <summary>A name without a token was asked for; the output refuses everything until reset.</summary>
        private bool failed;

        public WbxmlSyncMlOutput(WbxmlOutput output)
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
            get { return failed || output.Overflowed; }
        }

        public int ClosingReserve
        {
            get { return Closing; }
        }

        public void Reset()
        {
            failed = false;
            output.Reset();
        }

        public void ResetToContinue(ISyncMlOutput other)
        {
            failed = false;
            output.ResetToContinue(((WbxmlSyncMlOutput)other).output);
        }

        public bool StartDocument()
        {
            return output.Header(SyncMlCodePages.PublicIdSyncMl12) && StartElement(SyncMlNames.SyncMl);
        }

        public bool StartElement(string name)
        {
            int tag = Lookup(name);
            return tag >= 0 && output.Tag(tag >> 8, tag & 0xFF, true);
        }

        public bool EndElement(string name)
        {
            return !failed && output.End();
        }

        public bool EmptyElement(string name)
        {
            int tag = Lookup(name);
            return tag >= 0 && output.Tag(tag >> 8, tag & 0xFF, false);
        }

        public bool Element(string name, string value)
        {
            int tag = Lookup(name);
            return tag >= 0 && output.Element(tag >> 8, tag & 0xFF, value);
        }

        /// <summary>The code pages know which names are MetInf's.</summary>
        public bool MetInfElement(string name, string value)
        {
            return Element(name, value);
        }

        public bool BinaryElement(string name, byte[] bytes, string text)
        {
            if (bytes == null)
            {
                return text == null || Element(name, text);
            }
            int tag = Lookup(name);
            return tag >= 0 && output.OpaqueElement(tag >> 8, tag & 0xFF, bytes);
        }

        /// <summary>Page and token of a name (see <see cref="SyncMlCodePages.Find"/>); -1 and failed for an
        /// unknown name or after a failure.</summary>
        private int Lookup(string name)
        {
            int tag = failed ? -1 : SyncMlCodePages.Find(name);
            if (tag < 0)
            {
                failed = true;
            }
            return tag;
        }
    }
}

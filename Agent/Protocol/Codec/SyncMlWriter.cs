using NanoOmaDm.Agent.Protocol.Wbxml;
using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>
    /// Builds outgoing SyncML messages, XML or WBXML, in one buffer allocated once (capacity = the peer's
    /// MaxMsgSize) and reused for every message of a session: <see cref="Begin"/>, then <see cref="TryAppend"/>
    /// commands while they fit, then <see cref="Finish"/>. The closing bytes are reserved from the start, so a
    /// finished message never exceeds the capacity.
    /// </summary>
    public sealed class SyncMlWriter
    {
        private readonly ISyncMlOutput output;
        private readonly ISyncMlOutput counter;
        private readonly SyncMlEncoding encoding;
        private bool open;

        /// <summary>An XML writer.</summary>
        public SyncMlWriter(int capacity)
            : this(capacity, SyncMlEncoding.Xml)
        {
        }

        public SyncMlWriter(int capacity, SyncMlEncoding encoding)
        {
            this.encoding = encoding;
            if (encoding == SyncMlEncoding.Wbxml)
            {
                output = new WbxmlSyncMlOutput(new WbxmlOutput(capacity));
                counter = new WbxmlSyncMlOutput(WbxmlOutput.CreateCounter());
            }
            else
            {
                output = new XmlSyncMlOutput(new XmlOutput(capacity));
                counter = new XmlSyncMlOutput(XmlOutput.CreateCounter());
            }
        }

        public SyncMlEncoding Encoding
        {
            get { return encoding; }
        }

        public byte[] Buffer
        {
            get { return output.Buffer; }
        }

        /// <summary>Bytes written so far; after <see cref="Finish"/> the message is Buffer[0, Length).</summary>
        public int Length
        {
            get { return output.Length; }
        }

        public int Capacity
        {
            get { return output.Capacity; }
        }

        /// <summary>Bytes still available for commands.</summary>
        public int Remaining
        {
            get { return open ? output.Remaining : 0; }
        }

        /// <summary>Starts a message: the SyncML root (XML: with its namespace; WBXML: after the header), SyncHdr
        /// and the opening of SyncBody. False when the header alone does not fit the capacity; nothing can be sent
        /// then.</summary>
        public bool Begin(SyncHeader header)
        {
            output.Reset();
            output.Limit = output.Capacity - output.ClosingReserve;
            output.StartDocument();
            SyncMlSerializer.WriteHeader(output, header);
            output.StartElement(SyncMlNames.SyncBody);
            open = !output.Overflowed;
            return open;
        }

        /// <summary>Serialized size of a command in bytes, if it were appended now (WBXML: a code-page switch
        /// may be needed first); int.MaxValue when the encoding cannot express it.</summary>
        public int Measure(Command command)
        {
            counter.ResetToContinue(output);
            SyncMlSerializer.WriteCommand(counter, command);
            return counter.Overflowed ? int.MaxValue : counter.Length;
        }

        /// <summary>Appends the command if it fits; otherwise returns false and leaves the buffer untouched
        /// (measuring first means a refused command writes no byte, not even past <see cref="Length"/>).</summary>
        public bool TryAppend(Command command)
        {
            if (!open || command == null || Measure(command) > output.Remaining)
            {
                return false;
            }
            SyncMlSerializer.WriteCommand(output, command);
            return true;
        }

        /// <summary>Closes the message (with Final when final) and returns its length, or -1 when
        /// <see cref="Begin"/> did not succeed.</summary>
        public int Finish(bool final)
        {
            if (!open)
            {
                return -1;
            }
            open = false;
            output.Limit = output.Capacity;
            if (final)
            {
                output.EmptyElement(SyncMlNames.Final);
            }
            output.EndElement(SyncMlNames.SyncBody);
            output.EndElement(SyncMlNames.SyncMl);
            return output.Length;
        }
    }
}

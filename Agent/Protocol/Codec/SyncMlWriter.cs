using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>
    /// Builds outgoing SyncML messages in one buffer allocated once (capacity = the peer's MaxMsgSize) and reused
    /// for every message of a session: <see cref="Begin"/>, then <see cref="TryAppend"/> commands while they fit,
    /// then <see cref="Finish"/>. The closing tags are reserved from the start, so a finished message never
    /// exceeds the capacity.
    /// </summary>
    public sealed class SyncMlWriter
    {
        /// <summary>Room kept for "&lt;Final/&gt;&lt;/SyncBody&gt;&lt;/SyncML&gt;".</summary>
        private const int ClosingReserve = 28;

        private readonly XmlOutput output;
        private readonly XmlOutput counter = XmlOutput.CreateCounter();
        private bool open;

        public SyncMlWriter(int capacity)
        {
            output = new XmlOutput(capacity);
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

        /// <summary>Starts a message: &lt;SyncML xmlns="SYNCML:SYNCML1.2"&gt;&lt;SyncHdr&gt;…&lt;/SyncHdr&gt;&lt;SyncBody&gt;.
        /// False when the header alone does not fit the capacity; nothing can be sent then.</summary>
        public bool Begin(SyncHeader header)
        {
            output.Reset();
            output.Limit = output.Capacity - ClosingReserve;
            output.StartElement(SyncMlNames.SyncMl, "xmlns", SyncMlNames.SyncMl12Namespace);
            SyncMlSerializer.WriteHeader(output, header);
            output.StartElement(SyncMlNames.SyncBody);
            open = !output.Overflowed;
            return open;
        }

        /// <summary>Serialized size of a command in bytes.</summary>
        public int Measure(Command command)
        {
            counter.Reset();
            SyncMlSerializer.WriteCommand(counter, command);
            return counter.Length;
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

        /// <summary>Closes the message (with &lt;Final/&gt; when final) and returns its length, or -1 when
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

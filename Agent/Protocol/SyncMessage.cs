using System.Collections;

namespace NanoOmaDm.Agent.Protocol
{
    public sealed class SyncMessage
    {
        public SyncMessage()
        {
            Header = new SyncHeader();
        }

        public SyncHeader Header;
        /// <summary>Top-level SyncBody commands (of <see cref="Command"/>), in document order.</summary>
        public readonly ArrayList Commands = new ArrayList();
        public bool Final;
    }
}

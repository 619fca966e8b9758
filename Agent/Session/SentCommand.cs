using NanoOmaDm.Agent.Protocol;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>A command as it went on the wire and the queued command it came from (they differ when a Results or
    /// Alert was split), so a server Status can be traced back to what the agent asked to send.</summary>
    internal sealed class SentCommand
    {
        public SentCommand(Command wire, Command origin)
        {
            Wire = wire;
            Origin = origin;
        }

        public readonly Command Wire;
        public readonly Command Origin;
    }
}

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>Adds one line to the console's <c>status</c>, registered with <see cref="DmConsole.AddStatusSource"/>:
    /// the store reports its storage use under the label "storage", the download client its current download.</summary>
    public interface IStatusSource
    {
        /// <summary>Short lower-case label printed in the first column ("storage", "download").</summary>
        string Label { get; }

        /// <summary>The current state in a few words; called on the console thread each time status runs.</summary>
        string Describe();
    }
}

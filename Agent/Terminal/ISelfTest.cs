namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>A known-answer test run by the console's <c>selftest</c>, registered with
    /// <see cref="DmConsole.AddSelfTest"/> (the signature verifier and the store add theirs). Must be quick and leave no
    /// trace on the device: it runs on any board, at any time.</summary>
    public interface ISelfTest
    {
        /// <summary>Short lower-case name printed before PASS/FAIL ("md5", "sha256", "codec").</summary>
        string Name { get; }

        /// <summary>True when every known answer matched; an exception counts as a failure.</summary>
        bool Run();
    }
}

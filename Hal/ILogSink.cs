namespace NanoOmaDm.Hal
{
    /// <summary>Where the agent's log lines go: stdout in the emulator, a UART or file on the boards.</summary>
    public interface ILogSink
    {
        void Write(LogLevel level, string source, string message);
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>Thousands of simulated boots would drown any console.</summary>
internal sealed class SilentLog : ILogSink
{
    public static readonly SilentLog Instance = new SilentLog();

    public void Write(LogLevel level, string source, string message)
    {
    }
}

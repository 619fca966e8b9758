using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Writes the agent's log as readable lines on stdout: "12:00:01.234 INFO  session  message".
/// Debug lines only when verbose. Thread-safe: lines from the notification listener never interleave.</summary>
public sealed class ConsoleLogSink : ILogSink
{
    private readonly object _sync = new object();
    private readonly TextWriter _out;
    private readonly bool _color;

    public ConsoleLogSink(bool verbose)
        : this(Console.Out, verbose, !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
    {
    }

    public ConsoleLogSink(TextWriter output, bool verbose, bool color)
    {
        _out = output;
        Verbose = verbose;
        _color = color;
    }

    public bool Verbose { get; }

    /// <summary>The lock that every console writer of the emulator shares, so lines never interleave.</summary>
    public object Sync => _sync;

    public void Write(LogLevel level, string source, string message)
    {
        if (level == LogLevel.Debug && !Verbose)
        {
            return;
        }

        string line = DateTime.Now.ToString("HH:mm:ss.fff") + " " + Label(level) + " " + (source ?? "-").PadRight(8) + " " + message;
        lock (_sync)
        {
            ConsoleColor? color = _color ? ColorOf(level) : null;
            if (color.HasValue)
            {
                Console.ForegroundColor = color.Value;
            }

            _out.WriteLine(line);
            if (color.HasValue)
            {
                Console.ResetColor();
            }

            _out.Flush();
        }
    }

    /// <summary>Writes emulator output (not agent log) under the same lock.</summary>
    public void Print(string text)
    {
        lock (_sync)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }

    private static string Label(LogLevel level)
    {
        switch (level)
        {
            case LogLevel.Debug: return "DEBUG";
            case LogLevel.Info: return "INFO ";
            case LogLevel.Warning: return "WARN ";
            case LogLevel.Error: return "ERROR";
            default: return level.ToString().ToUpperInvariant();
        }
    }

    private static ConsoleColor? ColorOf(LogLevel level)
    {
        switch (level)
        {
            case LogLevel.Debug: return ConsoleColor.DarkGray;
            case LogLevel.Warning: return ConsoleColor.Yellow;
            case LogLevel.Error: return ConsoleColor.Red;
            default: return null;
        }
    }
}

using System.Collections.Concurrent;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>The console on standard input/output (<c>--console stdio</c>). Lines come from the emulator's one stdin
/// reader (<see cref="ConsoleInput"/>, which hands them to a UI-alert prompt first when one waits); output goes to stdout
/// under the log's lock with the serial "\r\n" turned into plain newlines. The terminal (or the pipe) does the echo.</summary>
public sealed class StdioConsolePort : IConsolePort
{
    private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();
    private readonly ConsoleLogSink _log;

    public StdioConsolePort(ConsoleInput input, ConsoleLogSink log)
    {
        _log = log;
        input.Start(line =>
        {
            if (line == null)
            {
                _lines.CompleteAdding();
            }
            else if (!_lines.IsAddingCompleted)
            {
                _lines.Add(line);
            }
        });
    }

    public bool IsOpen => !_lines.IsCompleted;

    public string ReadLine(int timeoutMs)
    {
        try
        {
            return _lines.TryTake(out string line, timeoutMs) ? line : null;
        }
        catch (InvalidOperationException)
        {
            // Completed while waiting.
            return null;
        }
    }

    public void Write(string text)
    {
        lock (_log.Sync)
        {
            Console.Out.Write(text.Replace("\r\n", "\n"));
            Console.Out.Flush();
        }
    }
}

using System.Collections.Concurrent;

namespace NanoOmaDm.Emulator;

/// <summary>The one reader of stdin. A background thread reads the lines; while a UI alert prompt (--ui-console) waits
/// for an answer the lines go to it, otherwise to the command handler (session, quit), so the two never race for the
/// console.</summary>
public sealed class ConsoleInput
{
    private readonly BlockingCollection<string> _answers = new BlockingCollection<string>();
    private readonly TextReader _reader;
    private readonly object _sync = new object();
    private Action<string> _commands;
    private int _prompts;
    private Thread _thread;
    private volatile bool _closed;

    public ConsoleInput(TextReader reader)
    {
        _reader = reader;
    }

    /// <summary>True once stdin has ended and every line typed for a prompt has been taken.</summary>
    public bool IsClosed => _closed && _answers.Count == 0;

    /// <summary>Starts reading. Lines that no prompt waits for go to <paramref name="commands"/> (null at the end of
    /// input); without a command handler they are kept for the next prompt.</summary>
    public void Start(Action<string> commands)
    {
        lock (_sync)
        {
            _commands = commands;
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(ReadAll) { IsBackground = true, Name = "stdin" };
            _thread.Start();
        }
    }

    /// <summary>Reads an answer for a prompt. Null at the end of input, on timeout (<paramref name="timedOut"/> set;
    /// <paramref name="timeoutMs"/> &lt; 0 waits without limit) or on cancellation.</summary>
    public string ReadAnswer(int timeoutMs, CancellationToken ct, out bool timedOut)
    {
        timedOut = false;
        Start(_commands);
        lock (_sync)
        {
            _prompts++;
        }

        try
        {
            string line;
            if (_answers.TryTake(out line, timeoutMs < 0 ? Timeout.Infinite : timeoutMs, ct))
            {
                return line;
            }

            timedOut = !_answers.IsCompleted;
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            lock (_sync)
            {
                _prompts--;
            }
        }
    }

    private void ReadAll()
    {
        try
        {
            string line;
            while ((line = _reader.ReadLine()) != null)
            {
                Action<string> target;
                lock (_sync)
                {
                    target = _prompts > 0 ? null : _commands;
                    if (target == null)
                    {
                        _answers.Add(line);
                    }
                }

                target?.Invoke(line);
            }
        }
        catch (IOException)
        {
            // stdin went away: same as its end.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _closed = true;
            _answers.CompleteAdding();
            Action<string> target;
            lock (_sync)
            {
                target = _commands;
            }

            target?.Invoke(null);
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>An in-memory console port: lines queued by the test are "typed", everything written is kept as the
    /// screen. Closing it ends the console thread like a closed stdin.</summary>
    internal sealed class ScriptedPort : IConsolePort
    {
        private readonly BlockingCollection<string> _typed = new BlockingCollection<string>();
        private readonly StringBuilder _screen = new StringBuilder();

        public bool IsOpen => !_typed.IsCompleted;

        public void Type(string line)
        {
            _typed.Add(line);
        }

        public void Close()
        {
            _typed.CompleteAdding();
        }

        public string ReadLine(int timeoutMs)
        {
            try
            {
                return _typed.TryTake(out string line, timeoutMs) ? line : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        public void Write(string text)
        {
            lock (_screen)
            {
                _screen.Append(text);
            }
        }

        public string Screen
        {
            get
            {
                lock (_screen)
                {
                    return _screen.ToString();
                }
            }
        }

        public void Clear()
        {
            lock (_screen)
            {
                _screen.Clear();
            }
        }

        public bool WaitFor(string text, TimeSpan timeout)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                if (Screen.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }

                Thread.Sleep(10);
            }

            return false;
        }
    }
}

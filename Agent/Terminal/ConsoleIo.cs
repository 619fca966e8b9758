using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>What commands write to and ask on the technician's terminal. Lines end in "\r\n" as a serial terminal
    /// expects. Output from other threads (a session that finished) goes through <see cref="Notice"/>, which puts it on a
    /// line of its own and shows the prompt again when the console was waiting for input.</summary>
    public sealed class ConsoleIo
    {
        public const string NewLine = "\r\n";

        private readonly IConsolePort _port;
        private readonly int _promptTimeoutMs;
        private readonly object _sync = new object();
        // The prompt on screen while the console waits for a command line; null while a command runs.
        private string _prompt;

        public ConsoleIo(IConsolePort port, int promptTimeoutMs)
        {
            _port = port;
            _promptTimeoutMs = promptTimeoutMs;
        }

        public void Line(string text)
        {
            Write(text + NewLine);
        }

        /// <summary>"usage: ..." of <paramref name="command"/>: the answer to arguments it cannot use.</summary>
        public void Usage(IConsoleCommand command)
        {
            Line("usage: " + command.Usage);
        }

        /// <summary>A line written from outside the command being run (any thread).</summary>
        public void Notice(string text)
        {
            lock (_sync)
            {
                Send(_prompt == null ? text + NewLine : NewLine + text + NewLine + _prompt);
            }
        }

        /// <summary>Writes <paramref name="question"/> and waits for the answer line (trimmed); null when none came in
        /// time or the port closed. Only for commands, which run on the console thread: it reads the port.</summary>
        public string Ask(string question)
        {
            Write(question);
            string answer = _port.ReadLine(_promptTimeoutMs);
            if (answer == null)
            {
                Line(string.Empty);
                return null;
            }
            return answer.Trim();
        }

        /// <summary>Asks the technician to type YES (exactly) before <paramref name="what"/> is done.</summary>
        public bool Confirm(string what)
        {
            return Ask(what + " Type YES to confirm: ") == "YES";
        }

        internal void ShowPrompt(string prompt)
        {
            lock (_sync)
            {
                _prompt = prompt;
                Send(prompt);
            }
        }

        internal void LeavePrompt()
        {
            lock (_sync)
            {
                _prompt = null;
            }
        }

        private void Write(string text)
        {
            lock (_sync)
            {
                Send(text);
            }
        }

        /// <summary>Callers hold _sync, so that lines from different threads never interleave.</summary>
        private void Send(string text)
        {
            try
            {
                _port.Write(text);
            }
            catch (Exception)
            {
                // A port that fails to write has nobody to tell; the console keeps serving the next line.
            }
        }
    }
}

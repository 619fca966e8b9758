using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>A technician's terminal on the emulator's pseudo-terminal: <c>socat - PTY,raw,echo=0</c> with its
    /// stdin as the keyboard and its stdout as the screen. Lines are typed with CR, as a terminal's Enter key sends.</summary>
    internal sealed class SocatTerminal : IDisposable
    {
        public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

        private readonly Process _socat;
        private readonly StringBuilder _screen = new StringBuilder();
        private readonly Thread _reader;
        private readonly StringBuilder _errors = new StringBuilder();
        private int _mark;

        private SocatTerminal(Process socat)
        {
            _socat = socat;
            _reader = new Thread(ReadScreen) { IsBackground = true, Name = "socat-screen" };
            _reader.Start();
        }

        /// <summary>Connects to <paramref name="ptyPath"/>. Fails (not skips) the test when socat is missing.</summary>
        public static SocatTerminal Connect(string ptyPath)
        {
            string socat = FindOnPath("socat");
            if (socat == null)
            {
                throw new XunitException("socat is not installed, but the console tests talk to the emulator's pseudo-terminal "
                    + "through it: install it (e.g. apt-get install socat) and run the tests again");
            }

            var start = new ProcessStartInfo(socat)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-");
            start.ArgumentList.Add(ptyPath + ",raw,echo=0");
            var terminal = new SocatTerminal(Process.Start(start));
            terminal._socat.ErrorDataReceived += (s, e) =>
            {
                lock (terminal._errors)
                {
                    terminal._errors.AppendLine(e.Data);
                }
            };
            terminal._socat.BeginErrorReadLine();
            return terminal;
        }

        /// <summary>Everything received so far.</summary>
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

        /// <summary>Types <paramref name="line"/> and Enter; later <see cref="Expect"/> calls look only at what follows.</summary>
        public void Type(string line)
        {
            TypeRaw(line + "\r");
        }

        /// <summary>Sends exactly <paramref name="keys"/> (control characters, other line ends).</summary>
        public void TypeRaw(string keys)
        {
            lock (_screen)
            {
                _mark = _screen.Length;
            }

            _socat.StandardInput.Write(keys);
            _socat.StandardInput.Flush();
        }

        /// <summary>Waits until <paramref name="text"/> appears after the last typed line and returns that output; fails
        /// the test with the whole screen when it does not come.</summary>
        public string Expect(string text)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Wait)
            {
                string since = Since();
                if (since.Contains(text, StringComparison.Ordinal))
                {
                    return since;
                }

                Thread.Sleep(20);
            }

            string socat;
            lock (_errors)
            {
                socat = (_socat.HasExited ? "socat exited with " + _socat.ExitCode : "socat running") + "; its errors: " + _errors;
            }

            throw new XunitException("'" + text + "' did not appear on the console within " + Wait.TotalSeconds + " s (" + socat
                + "); screen:\n" + Screen);
        }

        /// <summary>Output after the last typed line.</summary>
        public string Since()
        {
            lock (_screen)
            {
                return _screen.ToString(_mark, _screen.Length - _mark);
            }
        }

        // Raw bytes as they come: a StreamReader may hold back text until its buffer fills, and a prompt has no newline.
        private void ReadScreen()
        {
            var bytes = new byte[512];
            var chars = new char[512];
            Decoder decoder = Encoding.UTF8.GetDecoder();
            Stream stream = _socat.StandardOutput.BaseStream;
            try
            {
                int n;
                while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
                {
                    int count = decoder.GetChars(bytes, 0, n, chars, 0);
                    lock (_screen)
                    {
                        _screen.Append(chars, 0, count);
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private static string FindOnPath(string program)
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, program)))
                {
                    return Path.Combine(dir, program);
                }
            }

            return null;
        }

        public void Dispose()
        {
            try
            {
                if (!_socat.HasExited)
                {
                    _socat.Kill();
                }

                _socat.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            _socat.Dispose();
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace NanoOmaDm.Tests.Emulator
{
    /// <summary>Runs the real emulator (<c>dotnet nanoOmaDm-emulator.dll ...</c>) as a separate process and captures what a
    /// user would see. The emulator is found next to the test assembly (Agent.Tests references boards/Emulator) or, failing
    /// that, built once from the repository into a temporary directory.</summary>
    internal static class EmulatorProcess
    {
        public const string AssemblyFile = "nanoOmaDm-emulator.dll";

        private static readonly object BuildLock = new object();
        private static string _built;

        public sealed class Run
        {
            public int ExitCode;
            public string Output;
            public bool TimedOut;
            /// <summary>What the whileRunning callback threw (the process was then killed), or null.</summary>
            public Exception CallbackError;

            public override string ToString()
            {
                return "exit code " + ExitCode + (TimedOut ? " (timed out, killed)" : string.Empty)
                    + (CallbackError != null ? "\ndriver failed: " + CallbackError : string.Empty) + "\n" + Output;
            }
        }

        /// <summary>Runs the emulator with <paramref name="args"/>, stdin closed (or fed <paramref name="stdin"/>), and
        /// returns its exit code and interleaved stdout/stderr. Kills it after <paramref name="timeout"/>.</summary>
        public static Run Execute(TimeSpan timeout, string stdin, params string[] args)
        {
            return Execute(timeout, stdin, null, args);
        }

        public static Run Execute(TimeSpan timeout, string stdin, Action<Process, StringBuilder> whileRunning, params string[] args)
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                WorkingDirectory = Path.GetTempPath(),
            };
            start.ArgumentList.Add(Locate());
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            // The emulator must not pick up a developer's settings: plain output, no colors.
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["NO_COLOR"] = "1";

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (s, e) => Append(output, e.Data);
            process.ErrorDataReceived += (s, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (stdin != null)
            {
                process.StandardInput.Write(stdin);
            }

            var run = new Run();
            if (whileRunning == null)
            {
                process.StandardInput.Close();
            }
            else
            {
                try
                {
                    whileRunning(process, output);
                }
                catch (Exception e)
                {
                    run.CallbackError = e;
                    Kill(process);
                }
            }

            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                run.TimedOut = true;
                Kill(process);
            }

            // Drains the asynchronous readers.
            process.WaitForExit();
            run.ExitCode = run.TimedOut ? -1 : process.ExitCode;
            lock (output)
            {
                run.Output = output.ToString();
            }

            return run;
        }

        private static void Kill(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.WaitForExit(5000);
        }

        /// <summary>Waits until the captured output contains <paramref name="text"/>.</summary>
        public static bool WaitForOutput(StringBuilder output, string text, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                lock (output)
                {
                    if (output.ToString().Contains(text, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                Thread.Sleep(50);
            }

            return false;
        }

        private static void Append(StringBuilder output, string line)
        {
            if (line == null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static string DotnetHost()
        {
            string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return self;
            }

            return "dotnet";
        }

        /// <summary>Path of nanoOmaDm-emulator.dll.</summary>
        public static string Locate()
        {
            string beside = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
            if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
            {
                return beside;
            }

            lock (BuildLock)
            {
                if (_built == null)
                {
                    _built = Build();
                }

                return _built;
            }
        }

        private static string Build()
        {
            string project = FindProject();
            string outDir = Path.Combine(Path.GetTempPath(), "nanoOmaDm-emulator-tests", Guid.NewGuid().ToString("N"));
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "build", project, "-nologo", "-v", "q", "-o", outDir })
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start);
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(300000))
            {
                p.Kill(entireProcessTree: true);
                throw new InvalidOperationException("building the emulator took more than 5 minutes");
            }

            string dll = Path.Combine(outDir, AssemblyFile);
            if (p.ExitCode != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException("building " + project + " failed:\n" + stdout.Result + stderr.Result);
            }

            return dll;
        }

        private static string FindProject()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "boards", "Emulator", "Emulator.csproj");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("neither " + AssemblyFile + " next to the tests nor boards/Emulator/Emulator.csproj above them");
        }
    }
}

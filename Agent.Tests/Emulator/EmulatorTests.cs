using System.Text.RegularExpressions;
using NanoOmaDm.Emulator;
using Xunit;

namespace NanoOmaDm.Tests.Emulator
{
    /// <summary>End-to-end checks of the desktop emulator as a user runs it: a separate process, its output and exit code.</summary>
    public class EmulatorTests
    {
        private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

        [Fact]
        public void HelpListsEveryOption()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, null, "--help");

            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (string option in new[]
            {
                "--server", "--server-id", "--user", "--password", "--server-password", "--auth", "--device-id", "--state",
                "--once", "--notify-port", "--verbose", "--ui-answer", "--ui-console", "--max-msg-size", "--trusted-key",
                "--key-authority",
            })
            {
                Assert.True(Regex.IsMatch(run.Output, "(^|\\s)" + Regex.Escape(option) + "(\\s|,|$)", RegexOptions.Multiline),
                    option + " is not in the help:\n" + run.Output);
            }

            Assert.Contains("basic|md5|hmac", run.Output);
        }

        [Fact]
        public void DemoWithoutArgumentsRunsEveryCommandAndPasses()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, null);

            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (string command in new[] { "Get", "Replace", "Add", "Delete", "Exec", "Atomic" })
            {
                Assert.True(Regex.IsMatch(run.Output, "\\b" + command + "\\b"), command + " is not in the transcript:\n" + run.Output);
            }

            // The demo MO's asynchronous Exec result travels back as a Generic Alert and the server saw it.
            Assert.Contains("Hello from", run.Output);
            Assert.Contains("urn:nanoomadm:demo:HelloDone", run.Output);
            Assert.Matches(new Regex("generic alert.*delivered", RegexOptions.IgnoreCase), run.Output);
            Assert.Contains("SUCCESS", run.Output);
            Assert.Contains("PASSED", run.Output);

            // Part 2: a signed component delivered by alternate download, verified, installed, running and reported.
            Assert.Matches(new Regex(@"download \d+ / \d+ bytes \(100%\)"), run.Output);
            Assert.Contains("verified: signed by 'demo-key'", run.Output);
            Assert.Contains("hello from greeter 1.0.0", run.Output);
            Assert.Contains("greeter is running (tick", run.Output);
            Assert.Matches(new Regex("OperationComplete from ./SCOMO/Download/greeter/Operations/DownloadInstall .*<ResultCode>1200</ResultCode>"), run.Output);
            Assert.Contains("greeter stopped", run.Output);
            Assert.Contains("SCOMO part: PASSED", run.Output);
            Assert.Contains("DEMO PASSED", run.Output);
        }

        [Fact]
        public void OnceWithNothingListeningFailsWithAClearReason()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, null, "--once", "--server", "http://127.0.0.1:1/dm");

            Assert.False(run.TimedOut, run.ToString());
            Assert.True(run.ExitCode != 0, run.ToString());
            Assert.Contains("FAILED", run.Output);
            Assert.Matches(new Regex("cannot reach the server.*connection refused", RegexOptions.IgnoreCase), run.Output);
        }

        [Fact]
        public void InvalidOptionValuesAreRefused()
        {
            EmulatorProcess.Run badAuth = EmulatorProcess.Execute(Quick, null, "--auth", "plain", "--once", "--server", "http://127.0.0.1:1/dm");
            Assert.True(badAuth.ExitCode != 0, badAuth.ToString());
            Assert.Contains("plain", badAuth.Output);

            EmulatorProcess.Run badUrl = EmulatorProcess.Execute(Quick, null, "--once", "--server", "not a url");
            Assert.True(badUrl.ExitCode != 0, badUrl.ToString());
            Assert.Contains("not an absolute http", badUrl.Output);

            EmulatorProcess.Run badAnswer = EmulatorProcess.Execute(Quick, null, "--ui-answer", "maybe", "--once", "--server", "http://127.0.0.1:1/dm");
            Assert.True(badAnswer.ExitCode != 0, badAnswer.ToString());
            Assert.Contains("maybe", badAnswer.Output);
        }

        [Fact]
        public void StateDirectoryKeepsTheDeviceIdentity()
        {
            string state = Path.Combine(Path.GetTempPath(), "nanoOmaDm-emulator-state-" + Guid.NewGuid().ToString("N"));
            try
            {
                EmulatorProcess.Run first = EmulatorProcess.Execute(Quick, null, "--state", state, "--once", "--server", "http://127.0.0.1:1/dm");
                string file = Path.Combine(state, "device-id");
                Assert.True(File.Exists(file), first.ToString());
                string id = File.ReadAllText(file).Trim();
                Assert.StartsWith("IMEI:", id);
                Assert.Contains("Device " + id, first.Output);

                EmulatorProcess.Run second = EmulatorProcess.Execute(Quick, null, "--state", state, "--once", "--server", "http://127.0.0.1:1/dm");
                Assert.Contains("Device " + id + " (device id kept in", second.Output);
                // The device id and the persistent store (Agent/Store), nothing else.
                Assert.Equal(new[] { "device-id", "dmstate.a", "dmstate.b", "dmstate.log" },
                    Directory.GetFiles(state).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
            }
            finally
            {
                if (Directory.Exists(state))
                {
                    Directory.Delete(state, true);
                }
            }
        }

        [Fact]
        public void DeviceModeReadsCommandsFromTheConsole()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(Quick, "help\nlogin " + EmulatorOptions.DefaultConsolePin + "\nsession start\nquit\n",
                "--server", "http://127.0.0.1:1/dm");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Starting a client-initiated session", run.Output);
            Assert.Contains("connection refused", run.Output);
            Assert.Contains("Bye.", run.Output);
        }
    }
}

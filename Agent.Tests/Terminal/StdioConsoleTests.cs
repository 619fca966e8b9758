using System.Text.RegularExpressions;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Tests.Emulator;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The console on the emulator's standard input (the default with --server), and the options that choose it.</summary>
    public class StdioConsoleTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(45);

        [Fact]
        public void CommandsTypedOnStdinAreAnswered()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(Limit,
                "help\nstatus\ntree get ./DevInfo/Man\nset ./DMAcc/Acc1/Name x\nlogin 0000\nset ./DMAcc/Acc1/Name \"on site\"\n"
                + "tree get ./DMAcc/Acc1/Name\nsession start\nquit\n",
                "--server", "http://127.0.0.1:1/dm");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains(DmConsole.Banner, run.Output);
            Assert.Contains("  tree get URI | tree list URI", run.Output);
            Assert.Contains("session  idle", run.Output);
            Assert.Contains("./DevInfo/Man = nanoOmaDm", run.Output);
            Assert.Contains("refused: 'set' changes the device", run.Output);
            Assert.Contains("./DMAcc/Acc1/Name = on site", run.Output);
            // quit waits for the session the console started, which cannot reach the server.
            Assert.Matches(new Regex("Session [0-9A-F]+ with nanoOmaDm-demo: FAILED: cannot reach the server[^\n]*\n(.*\n)*Bye\\."), run.Output);
            Assert.DoesNotContain("\r", run.Output);
        }

        [Fact]
        public void RebootEndsTheEmulatorWithItsOwnExitCode()
        {
            EmulatorProcess.Run refused = EmulatorProcess.Execute(Limit, "reboot\n", "--server", "http://127.0.0.1:1/dm", "--console", "stdio");
            Assert.True(refused.ExitCode == 0, refused.ToString());
            Assert.Contains("refused: 'reboot'", refused.Output);

            EmulatorProcess.Run run = EmulatorProcess.Execute(Limit, "login 97531\nreboot\nstatus\n",
                "--server", "http://127.0.0.1:1/dm", "--console-pin", "97531");
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("Rebooting ...", run.Output);
            Assert.Contains("Reboot requested on the console", run.Output);
        }

        [Fact]
        public void ConsoleOptionsAreDocumentedAndChecked()
        {
            EmulatorProcess.Run help = EmulatorProcess.Execute(Limit, null, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("--console", help.Output);
            Assert.Contains("stdio|pty|none", help.Output);
            Assert.Contains("--console-pin", help.Output);

            EmulatorProcess.Run badMode = EmulatorProcess.Execute(Limit, null, "--server", "http://127.0.0.1:1/dm", "--console", "uart");
            Assert.True(badMode.ExitCode != 0, badMode.ToString());
            Assert.Contains("uart", badMode.Output);

            EmulatorProcess.Run badPin = EmulatorProcess.Execute(Limit, null, "--server", "http://127.0.0.1:1/dm", "--console-pin", "12");
            Assert.True(badPin.ExitCode != 0, badPin.ToString());
            Assert.Contains("--console-pin", badPin.Output);

            EmulatorProcess.Run none = EmulatorProcess.Execute(Limit, "help\n", "--server", "http://127.0.0.1:1/dm", "--console", "none");
            Assert.True(none.ExitCode == 0, none.ToString());
            Assert.Contains("No console and no --notify-port", none.Output);
            Assert.DoesNotContain(DmConsole.Banner, none.Output);
        }
    }
}

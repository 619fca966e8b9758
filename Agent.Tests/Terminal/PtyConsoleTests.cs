using System.Text.RegularExpressions;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Tests.Emulator;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The console as a field technician meets it: the real emulator process with <c>--console pty</c> against
    /// the in-process DM server, a terminal attached to the printed pseudo-terminal through socat, commands typed with
    /// Enter and the screen read back.</summary>
    public class PtyConsoleTests
    {
        private const string Pin = "2468";
        private const string ServerId = "console-server";
        private const string Password = "console-client-secret";
        private const string DeviceId = "IMEI:357000000000042";
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(45);

        [Fact]
        public void TechnicianInspectsChangesAndSynchronisesTheDevice()
        {
            using DmServerHost host = DmServerHost.Start(ServerOptions(
                "{ \"name\": \"console\", \"packages\": [ { \"delayMs\": 2500, \"commands\": [ "
                + "{ \"cmd\": \"Get\", \"target\": \"./DMAcc/Acc1/Name\", \"expect\": { \"status\": [200], \"data\": \"field tech\" } } ] } ] }"));
            SessionReport report = null;

            EmulatorProcess.Run run = WithTerminal(host, terminal =>
            {
                terminal.Expect(DmConsoleBanner);

                string help = Say(terminal, "help", "need 'login PIN' first");
                foreach (string usage in new[] { "status", "tree get URI | tree list URI", "set URI VALUE", "session start [SERVERID]",
                    "alerts", "log [N]", "login [PIN]", "selftest", "reboot", "factory-reset", "quit" })
                {
                    Assert.Contains("  " + usage + "\r\n", help);
                }

                string status = Say(terminal, "status", "console  ");
                Assert.Contains("device   " + DeviceId + " - nanoOmaDm Emulator", status);
                Assert.Contains("server   " + ServerId + " at " + host.Url, status);
                Assert.Contains("session  idle", status);
                Assert.Contains("console  not logged in", status);

                string model = new EmulatorIdentity(DeviceId).Model;
                Say(terminal, "tree get ./DevInfo/Mod", "./DevInfo/Mod = " + model + "\r\n");
                string list = Say(terminal, "tree list ./DevInfo", "  Ext/\r\n");
                Assert.Contains("./DevInfo/\r\n", list);
                Assert.Contains("  DevId [chr] = " + DeviceId + "\r\n", list);
                Assert.Contains("  Mod [chr] = " + model + "\r\n", list);
                Assert.Contains("  DmV [chr] = ", list);

                // Secrets: neither the client password nor the PIN record ever reach the screen.
                Say(terminal, "tree get ./DMAcc/Acc1/AppAuth/CLCRED/AAuthSecret", "./DMAcc/Acc1/AppAuth/CLCRED/AAuthSecret = (secret)\r\n");
                Say(terminal, "tree get ./DevDetail/Ext/Console/PinHash", "./DevDetail/Ext/Console/PinHash = (secret)\r\n");
                Say(terminal, "tree list ./DMAcc", "  Ext/\r\n");

                Say(terminal, "set ./DMAcc/Acc1/Name \"field tech\"", "refused: 'set' changes the device; log in first with 'login PIN'\r\n");
                Say(terminal, "tree get ./DMAcc/Acc1/Name", "./DMAcc/Acc1/Name = " + ServerId + "\r\n");
                Say(terminal, "frobnicate", "unknown command 'frobnicate' (type 'help' for the list)\r\n");
                Say(terminal, "tree fetch ./DevInfo", "usage: tree get URI | tree list URI\r\n");

                Say(terminal, "login " + Pin, "logged in");
                terminal.Expect("dm# ");
                Say(terminal, "set ./DMAcc/Acc1/Name \"field tech\"", "./DMAcc/Acc1/Name = field tech\r\n");
                Say(terminal, "tree get ./DMAcc/Acc1/Name", "./DMAcc/Acc1/Name = field tech\r\n");

                // The server holds its reply for 2.5 s: status typed meanwhile is answered at once.
                Say(terminal, "session start", "Starting a client-initiated session with " + ServerId);
                string during = Say(terminal, "status", "console  ");
                Assert.Contains("session  session running", during);
                Assert.DoesNotContain("Session ", during);
                Assert.Matches("Session [0-9A-F]+ with " + ServerId + ": SUCCESS", terminal.Expect(": SUCCESS"));
                report = host.WaitForSession(TimeSpan.FromSeconds(10));

                string selftest = Say(terminal, "selftest", "selftest: ");
                Assert.Contains("md5       PASS", selftest);
                Assert.Contains("sha256    PASS", selftest);
                Assert.Contains("codec     PASS", selftest);
                Assert.Contains("selftest: all 3 passed", selftest);
                Assert.DoesNotContain("FAIL", selftest);

                terminal.Type("factory-reset");
                terminal.Expect("Type YES to confirm: ");
                Say(terminal, "no", "factory reset cancelled\r\n");

                Say(terminal, "quit", "Stopping the emulator");
                Assert.DoesNotContain(Password, terminal.Screen);
                Assert.DoesNotContain("sha256:", terminal.Screen);
            });

            Assert.True(run.CallbackError == null, run.ToString());
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(report != null && report.Passed, report?.ToString());
            Assert.Contains("Bye.", run.Output);
        }

        [Fact]
        public void FiveWrongPinsLockTheConsole()
        {
            using DmServerHost host = DmServerHost.Start(ServerOptions(null));
            EmulatorProcess.Run run = WithTerminal(host, terminal =>
            {
                terminal.Expect(DmConsoleBanner);
                // Typed as terminals send it: DEL rubs out, LF alone or CR LF ends the line (once).
                terminal.TypeRaw("login 11x\u007f11\n");
                Assert.Contains("login 11x\b \b11\r\nwrong PIN (4 more attempt(s) before a lockout)\r\ndm> ", terminal.Expect("dm> "));
                terminal.TypeRaw("login 1111\r\n");
                terminal.Expect("wrong PIN (3 more attempt(s) before a lockout)\r\ndm> ");
                for (int left = 2; left >= 1; left--)
                {
                    string answer = Say(terminal, "login 1111", "wrong PIN (" + left + " more attempt(s) before a lockout)");
                    Assert.DoesNotContain("dm> dm> ", answer);
                }

                Say(terminal, "login 1111", "locked: too many wrong PINs, try again in 300 s");
                Say(terminal, "login " + Pin, "locked: too many wrong PINs");
                Say(terminal, "set ./DMAcc/Acc1/Name x", "refused: 'set' changes the device");
                Say(terminal, "session start", "refused: 'session' changes the device");
                Assert.Contains("console  locked for", Say(terminal, "status", "console  "));
                Say(terminal, "quit", "Stopping the emulator");
            });

            Assert.True(run.CallbackError == null, run.ToString());
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Empty(host.Reports);
        }

        [Fact]
        public void FactoryResetAfterYesErasesTheStateAndReboots()
        {
            string state = Path.Combine(Path.GetTempPath(), "nanoOmaDm-console-state-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(state, "tree"));
            File.WriteAllText(Path.Combine(state, "device-id"), DeviceId + "\n");
            File.WriteAllText(Path.Combine(state, "tree", "journal"), "old state");
            try
            {
                using DmServerHost host = DmServerHost.Start(ServerOptions(null));
                EmulatorProcess.Run run = WithTerminal(host, terminal =>
                {
                    terminal.Expect(DmConsoleBanner);
                    Say(terminal, "login " + Pin, "logged in");
                    terminal.Type("factory-reset");
                    terminal.Expect("Type YES to confirm: ");
                    Say(terminal, "YES", "Erased. Rebooting ...");
                }, "--state", state);

                Assert.True(run.CallbackError == null, run.ToString());
                Assert.True(run.ExitCode == 3, run.ToString());
                Assert.Contains("Reboot requested on the console", run.Output);
                Assert.Equal(new[] { "device-id" }, Directory.GetFileSystemEntries(state).Select(Path.GetFileName).ToArray());
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        private const string DmConsoleBanner = NanoOmaDm.Agent.Terminal.DmConsole.Banner;

        private static DmServerOptions ServerOptions(string scenario)
        {
            return new DmServerOptions
            {
                Port = 0,
                ServerId = ServerId,
                UserName = DeviceId,
                Password = Password,
                RequiredAuth = AuthScheme.None,
                Scenario = scenario == null ? null : DmServerHost.LoadScenario(scenario),
            };
        }

        /// <summary>Types a line and waits for <paramref name="expected"/> after it; returns the output since the line.</summary>
        private static string Say(SocatTerminal terminal, string line, string expected)
        {
            terminal.Type(line);
            return terminal.Expect(expected);
        }

        /// <summary>Runs the emulator with its console on a pty, attaches a terminal to the printed path and lets
        /// <paramref name="technician"/> work on it; returns when the emulator has exited.</summary>
        private static EmulatorProcess.Run WithTerminal(DmServerHost host, Action<SocatTerminal> technician, params string[] extra)
        {
            var args = new List<string>
            {
                "--server", host.Url, "--server-id", ServerId, "--device-id", DeviceId, "--password", Password,
                "--console", "pty", "--console-pin", Pin,
            };
            args.AddRange(extra);
            return EmulatorProcess.Execute(Limit, null, (process, output) =>
            {
                if (!EmulatorProcess.WaitForOutput(output, "Running. Console on /dev/", SocatTerminal.Wait))
                {
                    throw new InvalidOperationException("the emulator did not print its console's pseudo-terminal");
                }

                string path;
                lock (output)
                {
                    path = Regex.Match(output.ToString(), "Console on (/dev/\\S+) ").Groups[1].Value;
                }

                using SocatTerminal terminal = SocatTerminal.Connect(path);
                technician(terminal);
                if (!process.WaitForExit(15000))
                {
                    throw new InvalidOperationException("the emulator did not exit after the technician was done; screen:\n" + terminal.Screen);
                }
            }, args.ToArray());
        }
    }
}

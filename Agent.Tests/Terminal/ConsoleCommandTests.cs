using System.Collections;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Terminal;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The console's commands in-process: what a technician sees for each, refusals, secrets and board hooks.</summary>
    public class ConsoleCommandTests
    {
        [Fact]
        public void HelpListsEveryCommandAndExplainsOne()
        {
            var rig = new ConsoleRig();
            string screen = rig.Run("help");
            foreach (string usage in new[]
            {
                "help [COMMAND]", "status", "tree get URI | tree list URI", "set URI VALUE", "session start [SERVERID]", "alerts",
                "log [N]", "login [PIN]", "logout", "pin NEWPIN", "selftest", "reboot", "factory-reset",
            })
            {
                Assert.Contains("  " + usage + "\r\n", screen);
            }

            string one = rig.Run("help set");
            Assert.StartsWith("usage: set URI VALUE\r\n", one);
            Assert.Contains("Needs login", one);
            Assert.Contains("unknown command 'nope'", rig.Run("help nope"));
        }

        [Fact]
        public void StatusShowsIdentityServerSessionAlertsAndTheBoardHooks()
        {
            var rig = new ConsoleRig();
            rig.Board.BatteryPercent = 87;
            rig.Board.FreeMemoryBytes = 81920;
            rig.Board.IsNetworkUp = false;
            rig.Console.AddStatusSource(new FixedSource("storage", "12 KB of 1024 KB"));
            rig.Console.AddStatusSource(new FixedSource("download", "none"));
            rig.Agent.Alerts.Enqueue(new GenericAlert { Type = "urn:test", Data = "x" });

            string screen = rig.Run("status");

            var identity = new NanoOmaDm.Tests.Tree.FakeIdentity();
            Assert.Contains("device   " + identity.DeviceId + " - " + identity.Manufacturer + " " + identity.Model, screen);
            Assert.Contains("server   " + ConsoleRig.ServerId + " at http://127.0.0.1:1/dm\r\n", screen);
            Assert.Contains("session  idle\r\n", screen);
            Assert.Contains("last     no session since start\r\n", screen);
            Assert.Contains("alerts   1 pending\r\n", screen);
            Assert.Contains("storage  12 KB of 1024 KB\r\n", screen);
            Assert.Contains("battery  87 %\r\n", screen);
            Assert.Contains("memory   80 KB free\r\n", screen);
            Assert.Contains("network  down\r\n", screen);
            Assert.Contains("console  not logged in\r\n", screen);
            Assert.Contains("download none\r\n", screen);
            Assert.DoesNotContain(ConsoleRig.ClientSecret, screen);
        }

        [Fact]
        public void StatusWithoutHooksSaysUnknown()
        {
            var rig = new ConsoleRig(withBoard: false, configure: s => s.DeviceState = null);
            string screen = rig.Run("status");

            Assert.Contains("storage  unknown\r\n", screen);
            Assert.Contains("battery  unknown\r\n", screen);
            Assert.Contains("memory   unknown\r\n", screen);
            Assert.Contains("network  unknown\r\n", screen);

            var measured = new ConsoleRig();
            measured.Board.FreeStorageBytes = 3 * 1024 * 1024;
            Assert.Contains("storage  3072 KB free\r\n", measured.Run("status"));
            Assert.Contains("network  up\r\n", measured.Run("status"));
        }

        [Fact]
        public void TreeGetShowsLeafValuesAndChildren()
        {
            var rig = new ConsoleRig();
            var identity = new NanoOmaDm.Tests.Tree.FakeIdentity();

            Assert.Equal("./DevInfo/Mod = " + identity.Model + "\r\n", rig.Run("tree get ./DevInfo/Mod"));
            Assert.Equal("./DevInfo/Mod = " + identity.Model + "\r\n", rig.Run("TREE GET DevInfo/Mod"));
            Assert.Equal("./DevInfo/ : DevId Man Mod DmV Lang Ext/\r\n", rig.Run("tree get ./DevInfo"));
            Assert.Equal("no such node: ./Nope\r\n", rig.Run("tree get ./Nope"));
        }

        [Fact]
        public void TreeListShowsTheSubtreeWithFormatsAndIsBounded()
        {
            var rig = new ConsoleRig();
            string screen = rig.Run("tree list ./DevDetail/URI");
            Assert.Equal("./DevDetail/URI/\r\n  MaxDepth [int] = 16\r\n  MaxTotLen [int] = 255\r\n  MaxSegLen [int] = 64\r\n", screen);

            var small = new ConsoleRig(configure: s => s.MaxListedNodes = 3);
            string cut = small.Run("tree list ./DevInfo");
            Assert.Equal(3, cut.Split("\r\n").Count(l => l.Length > 0 && !l.StartsWith("...")));
            Assert.Contains("... more nodes not shown (limit 3)", cut);
        }

        [Fact]
        public void SecretsAreNeverPrinted()
        {
            var rig = new ConsoleRig();
            string acc = rig.Agent.Tree.Find("./DMAcc").GetChild(0).Uri;
            foreach (string leaf in new[] { "/AppAuth/CLCRED/AAuthSecret", "/AppAuth/SRVCRED/AAuthSecret", "/AppAuth/CLCRED/AAuthData" })
            {
                Assert.Equal(acc + leaf + " = (secret)\r\n", rig.Run("tree get " + acc + leaf));
            }

            Assert.Equal(ConsoleMo.PinHashUri + " = (secret)\r\n", rig.Run("tree get " + ConsoleMo.PinHashUri));
            string listing = rig.Run("tree list .") + rig.Run("status") + rig.Run("log 50");
            Assert.DoesNotContain(ConsoleRig.ClientSecret, listing);
            Assert.DoesNotContain(ConsoleRig.ServerSecret, listing);
            Assert.DoesNotContain(PinRecord.Scheme + ":", listing);
            Assert.Contains("AAuthSecret [chr] = (secret)", listing);
            Assert.Contains("PinHash [chr] = (secret)", listing);
        }

        [Fact]
        public void MutatingCommandsAreRefusedWithoutLoginAndReadCommandsAreNot()
        {
            var rig = new ConsoleRig();
            string acc = rig.Agent.Tree.Find("./DMAcc").GetChild(0).Uri;
            foreach (string line in new[] { "set " + acc + "/Name x", "session start", "pin 97531", "reboot", "factory-reset" })
            {
                string screen = rig.Run(line);
                Assert.StartsWith("refused: '" + line.Split(' ')[0] + "' changes the device; log in first with 'login PIN'", screen);
            }

            Assert.Equal(ConsoleRig.ServerId, rig.Agent.Tree.GetString(acc + "/Name"));
            Assert.Equal(0, rig.Board.Reboots + rig.Board.Resets);
            // A bad sub-command is not a change: its usage is shown without login.
            Assert.Equal("usage: session start [SERVERID]\r\n", rig.Run("session stop"));
        }

        [Fact]
        public void SetChangesExistingTextLeavesOnlyAfterLogin()
        {
            var rig = new ConsoleRig();
            string acc = rig.Agent.Tree.Find("./DMAcc").GetChild(0).Uri;
            rig.Login();

            Assert.Equal(acc + "/Name = field tech\r\n", rig.Run("set " + acc + "/Name field tech"));
            Assert.Equal("field tech", rig.Agent.Tree.GetString(acc + "/Name"));
            Assert.Equal(acc + "/Name = \"\"\r\n", rig.Run("set " + acc + "/Name \"\""));
            Assert.Equal(string.Empty, rig.Agent.Tree.GetString(acc + "/Name"));

            Assert.Contains("takes an integer", rig.Run("set " + acc + "/AppAddr/1/Port/1/PortNbr eighty"));
            Assert.Contains("no such node", rig.Run("set ./Vendor/New 1"));
            Assert.Null(rig.Agent.Tree.Find("./Vendor/New"));
            Assert.Contains("interior node", rig.Run("set ./DevInfo x"));
            Assert.Contains("'pin NEWPIN'", rig.Run("set " + ConsoleMo.PinHashUri + " sha256:00:00"));
            Assert.Contains("binary data", rig.Run("set " + acc + "/AppAuth/CLCRED/AAuthData 00"));
            Assert.Equal("usage: set URI VALUE\r\n", rig.Run("set " + acc + "/Name"));
        }

        [Fact]
        public void SetIsUndoneWhenStorageRefusesIt()
        {
            var rig = new ConsoleRig();
            string acc = rig.Agent.Tree.Find("./DMAcc").GetChild(0).Uri;
            rig.Agent.Committer = () => false;
            rig.Login();

            Assert.Contains("storage is full", rig.Run("set " + acc + "/Name other"));
            Assert.Equal(ConsoleRig.ServerId, rig.Agent.Tree.GetString(acc + "/Name"));
        }

        [Fact]
        public void FactoryResetNeedsTypedYes()
        {
            var rig = new ConsoleRig();
            rig.Login();

            string cancelled = rig.Run("factory-reset", "yes");
            Assert.Contains("Type YES to confirm: ", cancelled);
            Assert.Contains("factory reset cancelled", cancelled);
            Assert.Equal(0, rig.Board.Resets);

            Assert.Contains("factory reset cancelled", rig.Run("factory-reset"));

            string done = rig.Run("factory-reset", "YES");
            Assert.Contains("Erased. Rebooting", done);
            Assert.Equal(1, rig.Board.Resets);
            Assert.Equal(1, rig.Board.Reboots);

            rig.Board.ResetSucceeds = false;
            Assert.Contains("factory reset FAILED", rig.Run("factory-reset", "YES"));
            Assert.Equal(1, rig.Board.Reboots);
        }

        [Fact]
        public void RebootAndResetSayWhenTheBoardCannot()
        {
            var rig = new ConsoleRig(withBoard: false);
            rig.Login();
            Assert.Equal("this board cannot reboot on request\r\n", rig.Run("reboot"));
            Assert.Equal("this board cannot be reset from the console\r\n", rig.Run("factory-reset"));

            var board = new ConsoleRig();
            board.Login();
            Assert.Equal("Rebooting ...\r\n", board.Run("reboot"));
            Assert.Equal(1, board.Board.Reboots);
        }

        [Fact]
        public void SelftestPassesAndReportsAFailingOrThrowingTest()
        {
            var rig = new ConsoleRig();
            string screen = rig.Run("selftest");
            Assert.Equal("md5       PASS\r\nsha256    PASS\r\ncodec     PASS\r\nselftest: all 3 passed\r\n", screen);

            rig.Console.AddSelfTest(new FixedTest("store", false));
            rig.Console.AddSelfTest(new FixedTest("sig", true, throws: true));
            string failing = rig.Run("selftest");
            Assert.Contains("store     FAIL", failing);
            Assert.Contains("sig       FAIL", failing);
            Assert.Contains("selftest: 2 of 5 FAILED", failing);
        }

        [Fact]
        public void AlertsListsPendingGenericAlerts()
        {
            var rig = new ConsoleRig();
            rig.Agent.Alerts.Enqueue(new GenericAlert { Type = "urn:a", Mark = "critical", Data = "any" });
            rig.Agent.Alerts.Enqueue(new GenericAlert { ServerId = ConsoleRig.ServerId, Type = "urn:b", SourceUri = "./X", Correlator = "c1", Data = new string('d', 100) });
            rig.Agent.Alerts.Enqueue(new GenericAlert { ServerId = "gone", Type = "urn:c" });

            string screen = rig.Run("alerts");

            Assert.StartsWith("3 pending generic alert(s)\r\n", screen);
            Assert.Contains("to any server: urn:a, mark critical, data \"any\"", screen);
            Assert.Contains("to srv: urn:b, mark informational, source ./X, correlator c1, data \"" + new string('d', 60) + "...\"", screen);
            Assert.Contains("1 more for servers without an account", screen);
        }

        [Fact]
        public void LogShowsTheRecentLinesOfTheRing()
        {
            var rig = new ConsoleRig();
            for (int i = 1; i <= 10; i++)
            {
                rig.Clock.UptimeMs = i * 1500;
                rig.Log.Write(NanoOmaDm.Hal.LogLevel.Info, "test", "line " + i);
            }

            Assert.Equal("[13.500] INFO test: line 9\r\n[15.000] INFO test: line 10\r\n", rig.Run("log 2"));
            string all = rig.Run("log");
            Assert.DoesNotContain("line 2\r\n", all);
            Assert.StartsWith("[4.500] INFO test: line 3\r\n", all);
            Assert.Equal("usage: log [N]\r\n", rig.Run("log zero"));
            Assert.Equal("this device keeps no log lines for the console\r\n", new ConsoleRig(configure: s => s.Log = null).Run("log"));
        }

        [Fact]
        public void UnknownCommandsBadArgumentsAndBadLinesGetShortAnswers()
        {
            var rig = new ConsoleRig();
            Assert.Equal("unknown command 'frobnicate' (type 'help' for the list)\r\n", rig.Run("frobnicate now"));
            Assert.Equal("usage: tree get URI | tree list URI\r\n", rig.Run("tree fetch ./DevInfo"));
            Assert.Equal("usage: tree get URI | tree list URI\r\n", rig.Run("tree get"));
            Assert.Equal("unterminated quote\r\n", rig.Run("set ./A \"open"));
            Assert.StartsWith("line too long", rig.Run(new string('x', 600)));
            Assert.Equal(string.Empty, rig.Run("   "));
        }

        [Fact]
        public void ACommandThatThrowsIsReportedAndTheConsoleGoesOn()
        {
            var rig = new ConsoleRig();
            Assert.True(rig.Console.Register(new ThrowingCommand()));
            Assert.Equal("error: 'boom' failed: kaputt\r\n", rig.Run("boom"));
            Assert.Contains("./DevInfo/Mod = ", rig.Run("tree get ./DevInfo/Mod"));
        }

        [Fact]
        public void RegisteredCommandsJoinHelpAndTheLoginGate()
        {
            var rig = new ConsoleRig();
            var download = new DownloadLikeCommand();
            Assert.True(rig.Console.Register(download));
            Assert.False(rig.Console.Register(new DownloadLikeCommand()));
            Assert.False(rig.Console.Register(new NamedCommand("Upper")));
            Assert.False(rig.Console.Register(new NamedCommand("two words")));
            Assert.False(rig.Console.Register(new NamedCommand("help")));

            Assert.Contains("  download status|suspend|resume\r\n", rig.Run("help"));
            Assert.Equal("download: idle\r\n", rig.Run("download status"));
            Assert.StartsWith("refused: 'download' changes the device", rig.Run("download suspend"));
            Assert.Equal(0, download.Suspends);
            rig.Login();
            Assert.Equal("suspended\r\n", rig.Run("download suspend"));
            Assert.Equal(1, download.Suspends);
        }

        [Fact]
        public void SessionStartNamesAnUnknownServerWithoutStartingAnything()
        {
            var rig = new ConsoleRig();
            rig.Login();
            Assert.Equal("no DM account for server 'other'\r\n", rig.Run("session start other"));
            Assert.Null(rig.Agent.LastSession);
        }

        private sealed class FixedSource : IStatusSource
        {
            private readonly string _value;

            public FixedSource(string label, string value)
            {
                Label = label;
                _value = value;
            }

            public string Label { get; }

            public string Describe() => _value;
        }

        private sealed class FixedTest : ISelfTest
        {
            private readonly bool _result;
            private readonly bool _throws;

            public FixedTest(string name, bool result, bool throws = false)
            {
                Name = name;
                _result = result;
                _throws = throws;
            }

            public string Name { get; }

            public bool Run() => _throws ? throw new InvalidOperationException("broken") : _result;
        }

        private sealed class ThrowingCommand : IConsoleCommand
        {
            public string Name => "boom";
            public string Usage => "boom";
            public string Help => "Throws.";
            public bool IsMutating(CommandArgs args) => false;
            public void Execute(CommandArgs args, ConsoleIo io) => throw new InvalidOperationException("kaputt");
        }

        private sealed class NamedCommand : IConsoleCommand
        {
            public NamedCommand(string name)
            {
                Name = name;
            }

            public string Name { get; }
            public string Usage => Name;
            public string Help => "-";
            public bool IsMutating(CommandArgs args) => false;
            public void Execute(CommandArgs args, ConsoleIo io) => io.Line("ran");
        }

        /// <summary>The shape the download client's command will have: read-only and mutating sub-commands.</summary>
        private sealed class DownloadLikeCommand : IConsoleCommand
        {
            public int Suspends;
            public string Name => "download";
            public string Usage => "download status|suspend|resume";
            public string Help => "Shows, suspends or resumes the current download. suspend/resume need login.";
            public bool IsMutating(CommandArgs args) => args.Keyword(1) == "suspend" || args.Keyword(1) == "resume";

            public void Execute(CommandArgs args, ConsoleIo io)
            {
                switch (args.Keyword(1))
                {
                    case "status":
                        io.Line("download: idle");
                        break;
                    case "suspend":
                        Suspends++;
                        io.Line("suspended");
                        break;
                    default:
                        io.Usage(this);
                        break;
                }
            }
        }
    }
}

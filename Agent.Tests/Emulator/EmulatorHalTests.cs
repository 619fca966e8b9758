using NanoOmaDm.Emulator;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Emulator
{
    /// <summary>The emulator's small Hal pieces: identity, state, UI answers, clock, random, UDP listener.</summary>
    public class EmulatorHalTests
    {
        private static bool LuhnValid(string digits)
        {
            int sum = 0;
            for (int i = 0; i < digits.Length; i++)
            {
                int d = digits[digits.Length - 1 - i] - '0';
                if (i % 2 == 1)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }

                sum += d;
            }

            return sum % 10 == 0;
        }

        [Fact]
        public void DefaultDeviceIdsAreStableImeisWithACheckDigit()
        {
            string machine = EmulatorIdentity.MachineDeviceId();
            Assert.Equal(machine, EmulatorIdentity.MachineDeviceId());
            Assert.Matches("^IMEI:[0-9]{15}$", machine);
            Assert.True(LuhnValid(machine.Substring(5)), machine);
            string random = EmulatorIdentity.RandomDeviceId();
            Assert.Matches("^IMEI:[0-9]{15}$", random);
            Assert.True(LuhnValid(random.Substring(5)), random);

            var identity = new EmulatorIdentity("MAC:00:11:22:33:44:55");
            Assert.Equal("MAC:00:11:22:33:44:55", identity.DeviceId);
            Assert.Equal("nanoOmaDm", identity.Manufacturer);
            Assert.Equal("Emulator", identity.Model);
            Assert.Equal(Environment.Version.ToString(), identity.FirmwareVersion);
            Assert.False(string.IsNullOrEmpty(identity.SoftwareVersion));
            Assert.False(string.IsNullOrEmpty(identity.HardwareVersion));
        }

        [Fact]
        public void StateKeepsTheDeviceIdAndAnExplicitIdReplacesIt()
        {
            string dir = Path.Combine(Path.GetTempPath(), "nanoOmaDm-state-" + Guid.NewGuid().ToString("N"));
            try
            {
                string note;
                string first = DeviceState.ResolveDeviceId(dir, null, out note);
                Assert.StartsWith("new device", note);
                Assert.Equal(first, DeviceState.ResolveDeviceId(dir, null, out note));
                Assert.Equal("IMEI:490154203237518", DeviceState.ResolveDeviceId(dir, "IMEI:490154203237518", out note));
                Assert.Equal("IMEI:490154203237518", DeviceState.ResolveDeviceId(dir, null, out note));
                Assert.Equal("IMEI:490154203237518", File.ReadAllText(Path.Combine(dir, "device-id")).Trim());

                Assert.Equal("IMEI:1", DeviceState.ResolveDeviceId(null, "IMEI:1", out note));
                Assert.Equal(EmulatorIdentity.MachineDeviceId(), DeviceState.ResolveDeviceId(null, null, out note));
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        }

        [Theory]
        [InlineData("accept", UiAnswerKind.Accept)]
        [InlineData("REJECT", UiAnswerKind.Reject)]
        [InlineData("cancel", UiAnswerKind.Cancel)]
        [InlineData("timeout", UiAnswerKind.Timeout)]
        [InlineData("text:hello world", UiAnswerKind.Text)]
        [InlineData("choice:1,3", UiAnswerKind.Choice)]
        public void UiAnswersParse(string spec, UiAnswerKind kind)
        {
            string error;
            UiAnswer a = UiAnswer.Parse(spec, out error);
            Assert.NotNull(a);
            Assert.Null(error);
            Assert.Equal(kind, a.Kind);
        }

        [Theory]
        [InlineData("maybe")]
        [InlineData("choice:")]
        [InlineData("choice:0")]
        [InlineData("choice:x")]
        public void BadUiAnswersAreRefused(string spec)
        {
            string error;
            Assert.Null(UiAnswer.Parse(spec, out error));
            Assert.Contains(spec, error);
        }

        private static UiRequest Request(UiAlertKind kind, string dr = null, params string[] choices)
        {
            return new UiRequest { Kind = kind, Text = "?", DefaultResponse = dr, Choices = choices.Length == 0 ? null : choices, InputType = 'A', EchoType = 'T' };
        }

        private static UiResponse Answer(UiRequest r, string spec)
        {
            string error;
            return ScriptedUserInteraction.Answer(r, UiAnswer.Parse(spec, out error));
        }

        [Fact]
        public void ScriptedAnswersFitTheAlertKind()
        {
            Assert.Equal(UiOutcome.Accepted, Answer(Request(UiAlertKind.Display), "accept").Outcome);
            Assert.Equal(UiOutcome.Accepted, Answer(Request(UiAlertKind.Confirm), "accept").Outcome);
            Assert.Equal(UiOutcome.Rejected, Answer(Request(UiAlertKind.Confirm), "reject").Outcome);
            Assert.Equal(UiOutcome.Cancelled, Answer(Request(UiAlertKind.Display), "reject").Outcome);
            Assert.Equal(UiOutcome.Cancelled, Answer(Request(UiAlertKind.TextInput), "cancel").Outcome);
            Assert.Equal(UiOutcome.TimedOut, Answer(Request(UiAlertKind.Confirm), "timeout").Outcome);

            Assert.Equal("typed", Answer(Request(UiAlertKind.TextInput, "dflt"), "text:typed").Text);
            Assert.Equal("dflt", Answer(Request(UiAlertKind.TextInput, "dflt"), "accept").Text);
            var limited = Request(UiAlertKind.TextInput);
            limited.MaxLength = 3;
            Assert.Equal("abc", Answer(limited, "text:abcdef").Text);

            Assert.Equal(new[] { 2 }, Answer(Request(UiAlertKind.SingleChoice, "2", "a", "b", "c"), "accept").Selected);
            Assert.Equal(new[] { 3 }, Answer(Request(UiAlertKind.SingleChoice, null, "a", "b", "c"), "choice:3,1").Selected);
            Assert.Equal(new[] { 1, 3 }, Answer(Request(UiAlertKind.MultipleChoice, null, "a", "b", "c"), "choice:1,3,9").Selected);
            Assert.Equal(new[] { 1, 2 }, Answer(Request(UiAlertKind.MultipleChoice, "1-2", "a", "b", "c"), "accept").Selected);
            Assert.Equal(new[] { 1 }, Answer(Request(UiAlertKind.MultipleChoice, null, "a", "b"), "accept").Selected);
        }

        [Fact]
        public void ScriptedAnswersAreUsedInOrderAndTheLastRepeats()
        {
            string error;
            var printed = new List<string>();
            var ui = new ScriptedUserInteraction(
                new[] { UiAnswer.Parse("reject", out error), UiAnswer.Parse("accept", out error) }, null, printed.Add, CancellationToken.None);

            Assert.Equal(UiOutcome.Rejected, ui.Present(Request(UiAlertKind.Confirm)).Outcome);
            Assert.Equal(UiOutcome.Accepted, ui.Present(Request(UiAlertKind.Confirm)).Outcome);
            Assert.Equal(UiOutcome.Accepted, ui.Present(Request(UiAlertKind.Confirm)).Outcome);
            Assert.Contains(printed, line => line.StartsWith("[UI] Confirm (1101)"));
        }

        [Fact]
        public void ConsoleAnswersAreReadFromTheConsole()
        {
            var console = new ConsoleInput(new StringReader("what\nn\nAlice\n2\n"));
            var ui = new ScriptedUserInteraction(null, console, _ => { }, CancellationToken.None);

            Assert.Equal(UiOutcome.Rejected, ui.Present(Request(UiAlertKind.Confirm)).Outcome);
            Assert.Equal("Alice", ui.Present(Request(UiAlertKind.TextInput)).Text);
            Assert.Equal(new[] { 2 }, ui.Present(Request(UiAlertKind.SingleChoice, null, "a", "b")).Selected);
            // The console has ended: the script (default accept) answers.
            Assert.Equal(UiOutcome.Accepted, ui.Present(Request(UiAlertKind.Confirm)).Outcome);
        }

        [Fact]
        public void ClockAndRandomBehave()
        {
            var clock = new SystemClock();
            long a = clock.UptimeMs;
            Thread.Sleep(20);
            Assert.True(clock.UptimeMs >= a + 15);
            Assert.True(clock.IsWallClockValid);
            Assert.True(Math.Abs((clock.UtcNow - DateTime.UtcNow).TotalSeconds) < 5);

            var random = new CryptoRandom();
            byte[] x = new byte[16];
            byte[] y = new byte[16];
            random.NextBytes(x);
            random.NextBytes(y);
            Assert.NotEqual(x, y);
        }

        private sealed class NullLog : ILogSink
        {
            public void Write(LogLevel level, string source, string message)
            {
            }
        }

        [Fact]
        public void UdpListenerHandsEachDatagramToTheHandlerUntilStopped()
        {
            var received = new System.Collections.Concurrent.BlockingCollection<byte[]>();
            var listener = new UdpNotificationListener(0, new NullLog());
            listener.Start((message, length) => received.Add(message.Take(length).ToArray()));
            try
            {
                using var udp = new System.Net.Sockets.UdpClient();
                udp.Send(new byte[] { 1, 2, 3 }, 3, "127.0.0.1", listener.LocalPort);
                udp.Send(new byte[] { 4 }, 1, "127.0.0.1", listener.LocalPort);

                Assert.True(received.TryTake(out byte[] first, 5000));
                Assert.Equal(new byte[] { 1, 2, 3 }, first);
                Assert.True(received.TryTake(out byte[] second, 5000));
                Assert.Equal(new byte[] { 4 }, second);
            }
            finally
            {
                listener.Stop();
            }

            // Stopped: the port is free again.
            using var again = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, listener.LocalPort));
        }
    }
}

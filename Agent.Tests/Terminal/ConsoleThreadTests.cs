using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The console on its own thread: prompts, a session running beside it while the technician keeps typing,
    /// and the end of the port.</summary>
    public class ConsoleThreadTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        [Fact]
        public void StatusAnswersWhileASessionRunsAndTheOutcomeArrivesLater()
        {
            using var server = new HeldTransport();
            var rig = new ConsoleRig(http: server);
            rig.Console.Start();
            Assert.True(rig.Port.WaitFor(DmConsole.Banner + "\r\n" + DmConsole.Prompt, Wait), rig.Port.Screen);

            rig.Port.Type("login " + ConsoleRig.Pin);
            Assert.True(rig.Port.WaitFor(DmConsole.UnlockedPrompt, Wait), rig.Port.Screen);
            rig.Port.Type("session start");
            Assert.True(server.Reached.Wait(Wait), "the session never posted a message\n" + rig.Port.Screen);
            rig.Port.Type("status");
            Assert.True(rig.Port.WaitFor("session  session running", Wait), rig.Port.Screen);
            rig.Port.Type("session start");
            Assert.True(rig.Port.WaitFor("busy: a session is already running", Wait), rig.Port.Screen);
            Assert.DoesNotContain("Session ", rig.Port.Screen);

            server.Release();
            Assert.True(rig.Console.WaitForSession(10000));
            Assert.True(rig.Port.WaitFor("FAILED: ", Wait), rig.Port.Screen);
            // The outcome comes on a line of its own and the prompt is shown again.
            Assert.Matches("\r\nSession [0-9A-F]+ with srv: FAILED: [^\r\n]*\r\n" + System.Text.RegularExpressions.Regex.Escape(DmConsole.UnlockedPrompt) + "$", rig.Port.Screen);
            Assert.NotNull(rig.Agent.LastSession);
            Assert.False(rig.Agent.LastSession.Success);

            rig.Port.Type("status");
            Assert.True(rig.Port.WaitFor("session  idle", Wait), rig.Port.Screen);
            rig.Port.Close();
            Assert.True(rig.Console.Join(5000), "the console did not end with its port");
        }

        [Fact]
        public void StopEndsAnIdleConsole()
        {
            var rig = new ConsoleRig();
            rig.Console.Start();
            Assert.True(rig.Port.WaitFor(DmConsole.Prompt, Wait));
            rig.Console.Stop();
            Assert.True(rig.Console.Join(5000));
            Assert.False(rig.Console.IsRunning);
        }

        [Fact]
        public void IdleLogoutIsAnnouncedWithoutInput()
        {
            var rig = new ConsoleRig();
            rig.Console.Start();
            rig.Port.Type("login " + ConsoleRig.Pin);
            Assert.True(rig.Port.WaitFor(DmConsole.UnlockedPrompt, Wait), rig.Port.Screen);
            rig.Clock.Advance(301);
            Assert.True(rig.Port.WaitFor("(logged out after 300 s without input)\r\n" + DmConsole.Prompt, Wait), rig.Port.Screen);
            rig.Port.Close();
            Assert.True(rig.Console.Join(5000));
        }

        /// <summary>Holds the session's first POST until released, then fails it as an unreachable server.</summary>
        private sealed class HeldTransport : IHttpTransport, IDisposable
        {
            private readonly ManualResetEventSlim _release = new ManualResetEventSlim();

            public ManualResetEventSlim Reached { get; } = new ManualResetEventSlim();

            public void Post(HttpExchange exchange)
            {
                Reached.Set();
                _release.Wait(TimeSpan.FromSeconds(30));
                throw new TransportException("connection refused");
            }

            public void Release() => _release.Set();

            public void Dispose()
            {
                _release.Set();
            }
        }
    }
}

using System.Security.Cryptography;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Hal;
using NanoOmaDm.Tests.Tree;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The portable console in-process: a DmAgent on fakes (settable uptime, no network) with one DMAcc account,
    /// a <see cref="DmConsole"/> on a <see cref="ScriptedPort"/>, a recording board and a log ring. <see cref="Run"/>
    /// executes one line the way the console thread does and returns what it printed.</summary>
    internal sealed class ConsoleRig
    {
        public const string Pin = "2468";
        public const string ServerId = "srv";
        public const string ClientSecret = "client-secret-7Qx";
        public const string ServerSecret = "server-secret-9Zk";

        public readonly FakeClock Clock = new FakeClock();
        public readonly ScriptedPort Port = new ScriptedPort();
        public readonly FakeBoard Board = new FakeBoard();
        public readonly ConsoleSettings Settings;
        public readonly LogRing Log;
        public readonly DmAgent Agent;
        public readonly DmConsole Console;

        /// <param name="configure">Changes the settings before the console is built (limits, hooks).</param>
        /// <param name="http">Transport for sessions; null: none (a session would fail).</param>
        public ConsoleRig(string factoryPin = Pin, bool withBoard = true, Action<ConsoleSettings> configure = null, IHttpTransport http = null)
        {
            Log = new LogRing(null, Clock, 8);
            var platform = new AgentPlatform
            {
                Clock = Clock,
                Identity = new FakeIdentity(),
                Random = new OsRandom(),
                Log = Log,
                Http = http,
            };
            Agent = new DmAgent(platform, new AgentConfig());
            Agent.ProvisionAccount(new AccountSettings
            {
                ServerId = ServerId,
                ServerUri = "http://127.0.0.1:1/dm",
                ClientName = "device-user",
                ClientSecret = ClientSecret,
                ServerSecret = ServerSecret,
                AuthPref = "DIGEST",
            });
            Settings = new ConsoleSettings
            {
                FactoryPin = factoryPin,
                Board = withBoard ? Board : null,
                DeviceState = Board,
                Log = Log,
                // Unanswered questions (no answer queued) end quickly.
                PromptTimeoutMs = 300,
            };
            configure?.Invoke(Settings);
            Console = new DmConsole(Agent, platform, Port, Settings);
        }

        /// <summary>Runs <paramref name="line"/> (answers to its questions queued first) and returns the screen output.</summary>
        public string Run(string line, params string[] answers)
        {
            Port.Clear();
            foreach (string answer in answers)
            {
                Port.Type(answer);
            }

            Console.Execute(line);
            return Port.Screen;
        }

        public void Login()
        {
            string screen = Run("login " + Pin);
            Xunit.Assert.Contains("logged in", screen);
        }

        private sealed class OsRandom : IRandomSource
        {
            public void NextBytes(byte[] buffer)
            {
                RandomNumberGenerator.Fill(buffer);
            }
        }
    }
}

using System;
using System.Collections;
using System.Threading;
using NanoOmaDm.Agent.Terminal.Commands;
using NanoOmaDm.Agent.Terminal.SelfTests;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>The field technician's console: a line-based command interpreter on a <see cref="IConsolePort"/>, running
    /// on a thread of its own beside the agent. Read commands are open; commands that change the device need
    /// <c>login PIN</c> first (<see cref="ConsoleAccess"/>). Each line runs on the console thread, inside a catch-all, so
    /// no command takes the console down; sessions run on a worker thread so that the console keeps answering.
    ///
    /// Other subsystems extend it before or after <see cref="Start"/>: <see cref="Register"/> adds a command,
    /// <see cref="AddStatusSource"/> a status line, <see cref="AddSelfTest"/> a known-answer test.</summary>
    public sealed class DmConsole
    {
        public const string Prompt = "dm> ";
        /// <summary>The prompt while logged in, so that the technician sees that mutating commands are open.</summary>
        public const string UnlockedPrompt = "dm# ";
        public const string Banner = "nanoOmaDm console - type 'help' for the commands";

        private readonly IConsolePort _port;
        private readonly ConsoleSettings _settings;
        private readonly ConsoleIo _io;
        private readonly ConsoleAccess _access;
        private readonly SessionRunner _sessions;
        private readonly CommandRegistry _commands = new CommandRegistry();
        private readonly ArrayList _statusSources = new ArrayList();
        private readonly ArrayList _selfTests = new ArrayList();
        private readonly object _sync = new object();
        private Thread _thread;
        private bool _stopping;

        /// <summary>Registers the console's node (<see cref="ConsoleMo"/>, with the factory PIN on first boot) and the
        /// built-in commands and self-tests.</summary>
        public DmConsole(DmAgent agent, AgentPlatform platform, IConsolePort port, ConsoleSettings settings)
        {
            _port = port;
            _settings = settings ?? new ConsoleSettings();
            if (_settings.FactoryPin != null && !PinRecord.IsAcceptablePin(_settings.FactoryPin) && platform.Log != null)
            {
                platform.Log.Write(LogLevel.Warning, "console", "factory PIN not used: it needs " + PinRecord.MinPinLength.ToString()
                    + "-" + PinRecord.MaxPinLength.ToString() + " printable characters without blanks");
            }
            agent.Register(new ConsoleMo(platform.Random, _settings.FactoryPin));
            _io = new ConsoleIo(port, _settings.PromptTimeoutMs);
            _access = new ConsoleAccess(platform.Clock, agent.Tree, _settings);
            _sessions = new SessionRunner(agent, _io);

            Register(new HelpCommand(_commands));
            Register(new StatusCommand(agent, platform, _access, _sessions, _settings.DeviceState, _statusSources));
            Register(new TreeCommand(agent.Tree, _settings.MaxListedNodes));
            Register(new SetCommand(agent));
            Register(new SessionCommand(agent, _sessions));
            Register(new AlertsCommand(agent));
            Register(new LogCommand(_settings.Log));
            Register(new LoginCommand(_access, _settings));
            Register(new LogoutCommand(_access));
            Register(new PinCommand(agent, platform.Random));
            Register(new SelfTestCommand(_selfTests));
            Register(new RebootCommand(_settings.Board));
            Register(new FactoryResetCommand(agent, _settings.Board));
            AddSelfTest(new Md5SelfTest());
            AddSelfTest(new Sha256SelfTest());
            AddSelfTest(new CodecSelfTest());
        }

        public ConsoleAccess Access
        {
            get { return _access; }
        }

        /// <summary>True while the console thread runs.</summary>
        public bool IsRunning
        {
            get
            {
                lock (_sync)
                {
                    return _thread != null && _thread.IsAlive;
                }
            }
        }

        /// <summary>Adds a command; false if its name is invalid or taken (see <see cref="CommandRegistry.Add"/>).</summary>
        public bool Register(IConsoleCommand command)
        {
            return _commands.Add(command);
        }

        public void AddStatusSource(IStatusSource source)
        {
            lock (_statusSources)
            {
                _statusSources.Add(source);
            }
        }

        public void AddSelfTest(ISelfTest test)
        {
            lock (_selfTests)
            {
                _selfTests.Add(test);
            }
        }

        /// <summary>Starts serving the port on a new thread (once).</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_thread != null)
                {
                    return;
                }
                _thread = new Thread(Serve);
                _thread.Start();
            }
        }

        /// <summary>Asks the console thread to end; it does so within <see cref="ConsoleSettings.PollMs"/> when idle.</summary>
        public void Stop()
        {
            lock (_sync)
            {
                _stopping = true;
            }
        }

        /// <summary>Waits for the console thread to end (the port closed or <see cref="Stop"/>); true if it has.</summary>
        public bool Join(int timeoutMs)
        {
            Thread thread;
            lock (_sync)
            {
                thread = _thread;
            }
            return thread == null || thread.Join(timeoutMs);
        }

        /// <summary>Waits for a session started with <c>session start</c> to end and print its outcome; true if none runs.</summary>
        public bool WaitForSession(int timeoutMs)
        {
            return _sessions.Join(timeoutMs);
        }

        /// <summary>Runs one line as if typed (the console thread calls it for every line it reads).</summary>
        public void Execute(string line)
        {
            if (_access.ExpireIdle())
            {
                _io.Line(IdleLogoutMessage());
            }
            _access.Touch();
            if (line.Length > _settings.MaxLineLength)
            {
                _io.Line("line too long (at most " + _settings.MaxLineLength.ToString() + " characters)");
                return;
            }
            CommandArgs args = CommandArgs.Parse(line);
            if (args == null)
            {
                _io.Line("unterminated quote");
                return;
            }
            if (args.Count == 0)
            {
                return;
            }
            IConsoleCommand command = _commands.Find(args[0]);
            if (command == null)
            {
                _io.Line("unknown command '" + args[0] + "' (type 'help' for the list)");
                return;
            }
            try
            {
                if (command.IsMutating(args) && !_access.IsUnlocked)
                {
                    _io.Line("refused: '" + command.Name + "' changes the device; log in first with 'login PIN'");
                    return;
                }
                command.Execute(args, _io);
            }
            catch (Exception e)
            {
                _io.Line("error: '" + command.Name + "' failed: " + (e.Message ?? "unexpected error"));
            }
        }

        private void Serve()
        {
            _io.Line(string.Empty);
            _io.Line(Banner);
            ShowPrompt();
            while (!IsStopping)
            {
                string line = ReadLine();
                if (line == null)
                {
                    if (!_port.IsOpen)
                    {
                        break;
                    }
                    if (_access.ExpireIdle())
                    {
                        _io.LeavePrompt();
                        _io.Line(string.Empty);
                        _io.Line(IdleLogoutMessage());
                        ShowPrompt();
                    }
                    continue;
                }
                _io.LeavePrompt();
                Execute(line);
                if (!IsStopping)
                {
                    ShowPrompt();
                }
            }
            _io.LeavePrompt();
        }

        private string IdleLogoutMessage()
        {
            return "(logged out after " + StatusCommand.Seconds(_settings.IdleLogoutMs) + " s without input)";
        }

        private string ReadLine()
        {
            try
            {
                return _port.ReadLine(_settings.PollMs);
            }
            catch (Exception)
            {
                // A flaky UART must not spin the thread or end the console.
                Thread.Sleep(_settings.PollMs);
                return null;
            }
        }

        private void ShowPrompt()
        {
            _io.ShowPrompt(_access.IsUnlocked ? UnlockedPrompt : Prompt);
        }

        private bool IsStopping
        {
            get
            {
                lock (_sync)
                {
                    return _stopping;
                }
            }
        }
    }
}

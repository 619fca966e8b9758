using System;
using System.Collections;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Networking;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Agent.Terminal.Commands;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The device program shared by both boards: config file, network and SNTP time, the persistent store,
    /// the agent, its DM account, the console on the UART, the UDP notification listener, the session button and the
    /// status LED; then sessions on button presses and notifications (the console starts its own). Board differences
    /// come from a <see cref="BoardProfile"/>.</summary>
    public sealed class BoardApp
    {
        public const string DefaultServerId = "nanoOmaDm-server";
        private const string Source = "board";

        private readonly BoardProfile _board;
        private readonly ConsoleLogSink _log;
        private readonly BoardClock _clock = new BoardClock();
        private readonly LogRing _logRing;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly Queue _notifications = new Queue();
        private readonly object _queueLock = new object();
        private BoardConfig _config;
        private SerialConsolePort _port;
        private StatusLed _led;
        // Held so that the pin and its event handler stay alive.
        private SessionButton _button;
        private DmAgent _agent;
        private PersistentAgentState _state;
        private BoardScomo _scomo;
        private bool _buttonPressed;
        private string _serverId;

        public BoardApp(BoardProfile board)
        {
            _board = board;
            _log = new ConsoleLogSink(LogLevel.Info);
            _logRing = new LogRing(_log, _clock, 64);
        }

        /// <summary>Services the download client uses (transport, clock, sleeper, device state, log); ready for the
        /// firmware/software update objects that start downloads.</summary>
        public DownloadPlatform Downloads;

        /// <summary>The session button (null until Run opened it, or when the board has none).</summary>
        public SessionButton Button
        {
            get { return _button; }
        }

        /// <summary>Never returns: the device runs until it is rebooted.</summary>
        public void Run()
        {
            Print("nanoOmaDm " + DmAgent.ClientVersion + " on " + _board.Model + " booting");
            if (!_board.WaitForStorage(_logRing))
            {
                Print("WARNING: drive of " + _board.Root + " not available: no configuration file, state not persisted");
            }

            _config = LoadConfig();
            OpenConsolePort();

            var gpio = new GpioController();
            _led = StartLed(gpio);
            StartButton(gpio);

            ConnectNetwork();

            BoardDeviceState deviceState = new BoardDeviceState(_board.CreateBatteryGauge(_config, _logRing));
            string deviceId = _board.DeviceId();
            var identity = new BoardIdentity(deviceId, _board.Model, _board.DeviceType);
            var platform = new AgentPlatform();
            platform.Http = new WebRequestTransport(DmAgent.ClientVersion);
            platform.Clock = _clock;
            platform.Identity = identity;
            platform.Random = new BoardRandom(_board.DeviceSalt());
            platform.Log = _logRing;
            platform.Ui = null;

            var agentConfig = new AgentConfig();
            agentConfig.MaxMsgSize = _config.GetInt(BoardConfig.MaxMsgSize, _board.DefaultMaxMsgSize);

            FileSystemStorage storage = OpenState(deviceState);
            _agent = _state != null ? new DmAgent(platform, agentConfig, _state) : new DmAgent(platform, agentConfig);
            Print("Device " + deviceId + ", " + identity.FirmwareVersion + ", " + identity.HardwareVersion + ", MaxMsgSize " + agentConfig.MaxMsgSize);

            Downloads = new DownloadPlatform();
            Downloads.Transport = new WebRequestDownloadTransport(DmAgent.ClientVersion);
            Downloads.Clock = _clock;
            Downloads.Sleeper = new ThreadSleeper();
            Downloads.DeviceState = deviceState;
            Downloads.Log = _logRing;
            AttachScomo(storage);
            if (_led != null)
            {
                _led.Attach(_agent, _scomo == null ? null : _scomo.Executor);
            }

            Provision(deviceId);
            StartScomo();
            StartConsole(platform, storage, deviceState);
            StartNotifications();
            Print("Running. Press the button or type 'session start' on the console for a management session.");
            MainLoop();
        }

        private BoardConfig LoadConfig()
        {
            var config = new BoardConfig(_board.Root + "\\config.txt");
            config.Recover();
            AdoptDeployedConfig(config.Path);
            bool found = config.Load();
            config.Default(BoardConfig.ServerId, DefaultServerId);
            config.Default(BoardConfig.Auth, "md5");
            config.Default(BoardConfig.ConsoleBaud, "115200");
            config.Default(BoardConfig.NotifyPort, "0");
            config.Default(BoardConfig.SntpServer, "pool.ntp.org");
            config.Default(BoardConfig.StoreBudget, _board.DefaultStoreBudget.ToString());
            _board.ApplyDefaults(config);
            Print(found ? "Configuration read from " + config.Path : "No " + config.Path + ": board defaults (set server.url etc. with 'config set')");
            return config;
        }

        /// <summary>A config file deployed to the drive's root (<c>nanoff --filedeployment</c> to I:\\nanoOmaDm.txt or
        /// D:\\nanoOmaDm.txt, a path that needs no folder) replaces the folder's config.txt at the next boot.</summary>
        private void AdoptDeployedConfig(string path)
        {
            string deployed = _board.Root + ".txt";
            try
            {
                if (System.IO.File.Exists(deployed))
                {
                    if (System.IO.File.Exists(path))
                    {
                        System.IO.File.Delete(path);
                    }

                    System.IO.File.Move(deployed, path);
                    Print("Adopted " + deployed + " as " + path);
                }
            }
            catch (Exception e)
            {
                Print("WARNING: cannot adopt " + deployed + ": " + e.Message);
            }
        }

        private void OpenConsolePort()
        {
            try
            {
                _port = _board.OpenConsole(_config, 512);
                Print("Console on " + _port.PortName + " at " + _config.GetInt(BoardConfig.ConsoleBaud, 115200) + " 8N1");
            }
            catch (Exception e)
            {
                _port = null;
                Print("ERROR: cannot open the console UART: " + e.Message);
            }
        }

        private StatusLed StartLed(GpioController gpio)
        {
            try
            {
                return new StatusLed(gpio, _config.GetInt(BoardConfig.LedPin, -1), _board.LedActiveHigh);
            }
            catch (Exception e)
            {
                Print("WARNING: no status LED: " + e.Message);
                return null;
            }
        }

        private void StartButton(GpioController gpio)
        {
            try
            {
                _button = new SessionButton(gpio, _config.GetInt(BoardConfig.ButtonPin, -1), _board.ButtonActiveLow, OnButton);
            }
            catch (Exception e)
            {
                Print("WARNING: no session button: " + e.Message);
            }
        }

        private void ConnectNetwork()
        {
            Print("Connecting the network ...");
            bool up = false;
            try
            {
                up = _board.ConnectNetwork(_config, _logRing);
            }
            catch (Exception e)
            {
                Print("ERROR: network bring-up failed: " + e.Message);
            }

            try
            {
                Sntp.Server1 = _config.Get(BoardConfig.SntpServer);
                Sntp.Start();
                if (up)
                {
                    Sntp.UpdateNow();
                }
            }
            catch (Exception e)
            {
                Print("WARNING: SNTP: " + e.Message);
            }

            Print(up ? "Network up; time " + (_clock.IsWallClockValid ? _clock.UtcNow.ToString() + " UTC" : "not yet set")
                : "Network NOT up (the LED blinks slowly); sessions fail until it is");
        }

        private FileSystemStorage OpenState(BoardDeviceState deviceState)
        {
            try
            {
                var storage = new FileSystemStorage(_board.Root + "\\state", 0);
                var options = new StoreOptions();
                options.Budget = _config.GetInt(BoardConfig.StoreBudget, _board.DefaultStoreBudget);
                _state = new PersistentAgentState(storage, options, _logRing);
                deviceState.Attach(_state.Store);
                OpenReport r = _state.Report;
                Print("State: " + (r.Unavailable ? "NOT persisted: " + r.Problem
                    : r.Corrupt ? "damaged, restored what was readable: " + r.Problem
                    : r.Fresh ? "new device state in " + storage.Folder
                    : "restored (commit " + r.Sequence + ") from " + storage.Folder));
                return storage;
            }
            catch (Exception e)
            {
                Print("ERROR: no persistent state (" + e.Message + "): the device forgets everything at reboot");
                _state = null;
                return null;
            }
        }

        private void Provision(string deviceId)
        {
            _serverId = _config.Get(BoardConfig.ServerId);
            string url = _config.Get(BoardConfig.ServerUrl);
            if (url == null)
            {
                Print("No server.url configured: no DM account (log in on the console and 'config set server.url URL', then 'reboot')");
                return;
            }

            string auth = _config.Get(BoardConfig.Auth);
            var settings = new AccountSettings();
            settings.ServerId = _serverId;
            settings.ServerUri = url;
            settings.ClientName = _config.Get(BoardConfig.User) ?? deviceId;
            settings.ClientSecret = _config.Get(BoardConfig.Password) ?? string.Empty;
            settings.ServerSecret = _config.Get(BoardConfig.ServerPassword);
            settings.AuthPref = AuthPref(auth);
            DmAccount account = _agent.ProvisionAccount(settings);
            if (account == null)
            {
                Print("ERROR: the agent refused the account for server '" + _serverId + "' (invalid server id or settings)");
                return;
            }

            // A restored account keeps its nonces; the config file decides the address and the credentials.
            if (account.ServerUri != url)
            {
                account.ServerUri = url;
            }

            if (account.ClientName != settings.ClientName)
            {
                account.ClientName = settings.ClientName;
            }

            if (account.ClientSecret != settings.ClientSecret)
            {
                account.ClientSecret = settings.ClientSecret;
            }

            if (account.ServerSecret != (settings.ServerSecret ?? string.Empty))
            {
                account.ServerSecret = settings.ServerSecret;
            }

            Print("Account: server " + _serverId + " at " + url + ", user " + settings.ClientName + ", auth " + settings.AuthPref);
        }

        /// <summary>SCOMO keeps its jobs and packages in the persistent state: without it there is none.</summary>
        private void AttachScomo(FileSystemStorage storage)
        {
            if (_state == null)
            {
                Print("WARNING: no software management (SCOMO) without persistent state");
                return;
            }

            _scomo = new BoardScomo(_agent, _config, storage, _state, Downloads, _logRing);
        }

        /// <summary>After the account exists, so that results from before a restart can be delivered.</summary>
        private void StartScomo()
        {
            if (_scomo == null)
            {
                return;
            }

            try
            {
                _scomo.Start();
            }
            catch (Exception e)
            {
                Print("ERROR: software management (SCOMO) did not start: " + e.Message);
            }
        }

        private static string AuthPref(string auth)
        {
            string a = auth == null ? "md5" : auth.ToLower();
            if (a == "basic")
            {
                return "BASIC";
            }

            return a == "hmac" ? "HMAC" : "DIGEST";
        }

        private void StartConsole(AgentPlatform platform, FileSystemStorage storage, BoardDeviceState deviceState)
        {
            if (_port == null)
            {
                return;
            }

            var settings = new ConsoleSettings();
            settings.FactoryPin = _config.Get(BoardConfig.ConsolePin);
            settings.Board = storage != null ? new BoardControl(storage, CloseState) : null;
            settings.DeviceState = deviceState;
            settings.Log = _logRing;
            var console = new DmConsole(_agent, platform, _port, settings);
            console.Register(new ConfigCommand(_config));
            if (_scomo != null)
            {
                console.Register(new ScomoCommand(_agent, _scomo.Executor));
                console.Register(new DownloadCommand(_scomo.Executor));
                console.AddStatusSource(new ScomoStatusSource(_agent, _scomo.Executor));
            }

            console.Start();
        }

        /// <summary>Before a factory reset: the agent runs on until the reboot that follows, but writes nothing more.</summary>
        private void CloseState()
        {
            _agent.Committer = null;
            PersistentAgentState state = _state;
            _state = null;
            if (state != null)
            {
                state.Dispose();
            }
        }

        private void StartNotifications()
        {
            int port = _config.GetInt(BoardConfig.NotifyPort, 0);
            if (port <= 0)
            {
                return;
            }

            try
            {
                new UdpNotificationListener(port, _logRing).Start(OnNotification);
                Print("Listening for notifications (Pkg#0) on UDP port " + port
                    + (_config.Get(BoardConfig.ServerPassword) == null ? " - without server.password every one is refused" : string.Empty));
            }
            catch (Exception e)
            {
                Print("ERROR: cannot listen on UDP port " + port + ": " + e.Message);
            }
        }

        private void OnNotification(byte[] message, int length)
        {
            var copy = new byte[length];
            Array.Copy(message, copy, length);
            lock (_queueLock)
            {
                if (_notifications.Count < 4)
                {
                    _notifications.Enqueue(copy);
                }
            }

            _wake.Set();
        }

        private void OnButton()
        {
            _buttonPressed = true;
            _wake.Set();
        }

        private void MainLoop()
        {
            while (true)
            {
                _wake.WaitOne(10000, false);
                while (true)
                {
                    byte[] pkg0 = null;
                    lock (_queueLock)
                    {
                        if (_notifications.Count > 0)
                        {
                            pkg0 = (byte[])_notifications.Dequeue();
                        }
                    }

                    if (pkg0 == null)
                    {
                        break;
                    }

                    Flash();
                    Print("Notification received (" + pkg0.Length + " bytes)");
                    Report(RunGuarded(pkg0));
                }

                if (_buttonPressed)
                {
                    _buttonPressed = false;
                    Flash();
                    if (_agent.IsSessionRunning)
                    {
                        Print("Button: a session is already running");
                    }
                    else
                    {
                        Print("Button: starting a session with " + _serverId + " ...");
                        Report(RunGuarded(null));
                    }
                }
            }
        }

        private void Flash()
        {
            if (_led != null)
            {
                _led.Flash();
            }
        }

        /// <summary>Runs a notification's session (pkg0 not null) or a client-initiated one; an exception escaping the
        /// agent is a bug, reported as a failed result so that the device keeps going.</summary>
        private SessionResult RunGuarded(byte[] pkg0)
        {
            try
            {
                return pkg0 != null ? _agent.HandleNotification(pkg0, pkg0.Length) : _agent.StartSession(_serverId);
            }
            catch (OutOfMemoryException)
            {
                throw;
            }
            catch (Exception e)
            {
                _logRing.Write(LogLevel.Error, Source, "the agent threw " + e.GetType().Name + ": " + e.Message);
                return SessionResult.Failed(null, _serverId, "internal error in the agent: " + e.Message);
            }
        }

        private void Report(SessionResult r)
        {
            Print(r == null ? "Session: no result" : SessionRunner.Describe(r));
        }

        /// <summary>Boot and session messages: to the log (debugger channel, console ring) and to the console UART.</summary>
        private void Print(string text)
        {
            _logRing.Write(LogLevel.Info, Source, text);
            SerialConsolePort port = _port;
            if (port != null)
            {
                port.Write(text + "\r\n");
            }
        }
    }
}

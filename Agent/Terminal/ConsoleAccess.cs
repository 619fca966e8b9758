using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>Who may change the device from the console. <c>login PIN</c> unlocks mutating commands until
    /// <c>logout</c> or <see cref="ConsoleSettings.IdleLogoutMs"/> without input. After
    /// <see cref="ConsoleSettings.MaxFailures"/> wrong PINs in a row no PIN is checked for
    /// <see cref="ConsoleSettings.LockoutMs"/>, doubling with every further lockout until a right PIN. All times are
    /// uptime (monotonic), so setting the wall clock neither ends nor extends a lockout. The counters live in RAM: a
    /// reboot clears them, which costs an attacker a reboot per series of guesses.</summary>
    public sealed class ConsoleAccess
    {
        private readonly IClock _clock;
        private readonly DmTree _tree;
        private readonly ConsoleSettings _settings;
        private readonly object _sync = new object();
        private bool _unlocked;
        private long _lastInputMs;
        private int _failures;
        private int _lockouts;
        private long _lockedUntilMs;

        public ConsoleAccess(IClock clock, DmTree tree, ConsoleSettings settings)
        {
            _clock = clock;
            _tree = tree;
            _settings = settings;
            _lastInputMs = clock.UptimeMs;
        }

        public bool IsUnlocked
        {
            get
            {
                lock (_sync)
                {
                    return _unlocked;
                }
            }
        }

        /// <summary>Milliseconds until PINs are checked again; 0 when not locked.</summary>
        public long LockedForMs
        {
            get
            {
                lock (_sync)
                {
                    long left = _lockedUntilMs - _clock.UptimeMs;
                    return left > 0 ? left : 0;
                }
            }
        }

        /// <summary>Wrong PINs still allowed before the next lockout.</summary>
        public int AttemptsLeft
        {
            get
            {
                lock (_sync)
                {
                    return _settings.MaxFailures - _failures;
                }
            }
        }

        /// <summary>Milliseconds of input silence left before an unlocked console locks itself (-1: never).</summary>
        public long IdleLeftMs
        {
            get
            {
                lock (_sync)
                {
                    if (_settings.IdleLogoutMs <= 0)
                    {
                        return -1;
                    }
                    long left = _lastInputMs + _settings.IdleLogoutMs - _clock.UptimeMs;
                    return left > 0 ? left : 0;
                }
            }
        }

        /// <summary>True when a PIN record is in the tree (login is possible at all).</summary>
        public bool HasPin
        {
            get { return PinRecord.IsValid(_tree.GetString(ConsoleMo.PinHashUri)); }
        }

        /// <summary>Records input. Call <see cref="ExpireIdle"/> first, so that the line that ends a long silence does
        /// not count as activity of the login it ends.</summary>
        public void Touch()
        {
            lock (_sync)
            {
                _lastInputMs = _clock.UptimeMs;
            }
        }

        /// <summary>Ends the login after too long without input; true if it did so just now.</summary>
        public bool ExpireIdle()
        {
            lock (_sync)
            {
                if (!_unlocked || _settings.IdleLogoutMs <= 0 || _clock.UptimeMs - _lastInputMs < _settings.IdleLogoutMs)
                {
                    return false;
                }
                _unlocked = false;
                return true;
            }
        }

        public LoginResult Login(string pin)
        {
            lock (_sync)
            {
                long now = _clock.UptimeMs;
                if (now < _lockedUntilMs)
                {
                    return LoginResult.LockedOut;
                }
                string record = _tree.GetString(ConsoleMo.PinHashUri);
                if (!PinRecord.IsValid(record))
                {
                    return LoginResult.NoPin;
                }
                if (PinRecord.Matches(record, pin))
                {
                    _unlocked = true;
                    _failures = 0;
                    _lockouts = 0;
                    _lastInputMs = now;
                    return LoginResult.Unlocked;
                }
                _unlocked = false;
                _failures++;
                if (_failures < _settings.MaxFailures)
                {
                    return LoginResult.WrongPin;
                }
                _failures = 0;
                _lockedUntilMs = now + LockoutLength(_lockouts);
                _lockouts++;
                return LoginResult.LockedOut;
            }
        }

        public void Logout()
        {
            lock (_sync)
            {
                _unlocked = false;
            }
        }

        private long LockoutLength(int earlierLockouts)
        {
            long length = _settings.LockoutMs;
            for (int i = 0; i < earlierLockouts && length < _settings.MaxLockoutMs; i++)
            {
                length *= 2;
            }
            return length < _settings.MaxLockoutMs ? length : _settings.MaxLockoutMs;
        }
    }
}

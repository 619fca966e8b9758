namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>login [PIN]</c>: unlocks the commands that change the device (without PIN on the line it asks for
    /// it). Rules in <see cref="ConsoleAccess"/>.</summary>
    public sealed class LoginCommand : IConsoleCommand
    {
        private readonly ConsoleAccess _access;
        private readonly ConsoleSettings _settings;

        public LoginCommand(ConsoleAccess access, ConsoleSettings settings)
        {
            _access = access;
            _settings = settings;
        }

        public string Name
        {
            get { return "login"; }
        }

        public string Usage
        {
            get { return "login [PIN]"; }
        }

        public string Help
        {
            get
            {
                return "Unlocks the commands that change the device until 'logout' or " + StatusCommand.Seconds(_settings.IdleLogoutMs)
                    + " s without input. " + _settings.MaxFailures.ToString() + " wrong PINs in a row lock the console for "
                    + StatusCommand.Seconds(_settings.LockoutMs) + " s, twice as long after each further series.";
            }
        }

        public bool IsMutating(CommandArgs args)
        {
            return false;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count > 2)
            {
                io.Usage(this);
                return;
            }
            string pin = args.Count == 2 ? args[1] : io.Ask("PIN: ");
            if (pin == null)
            {
                io.Line("no PIN entered");
                return;
            }
            switch (_access.Login(pin))
            {
                case LoginResult.Unlocked:
                    io.Line("logged in: commands that change the device are allowed until 'logout'");
                    break;
                case LoginResult.WrongPin:
                    io.Line("wrong PIN (" + _access.AttemptsLeft.ToString() + " more attempt(s) before a lockout)");
                    break;
                case LoginResult.LockedOut:
                    io.Line("locked: too many wrong PINs, try again in " + StatusCommand.Seconds(_access.LockedForMs) + " s");
                    break;
                default:
                    io.Line("no console PIN is set on this device (a server provisions " + ConsoleMo.PinHashUri + ")");
                    break;
            }
        }
    }
}

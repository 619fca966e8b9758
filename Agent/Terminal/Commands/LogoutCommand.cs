namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>logout</c>: locks the commands that change the device again.</summary>
    public sealed class LogoutCommand : IConsoleCommand
    {
        private readonly ConsoleAccess _access;

        public LogoutCommand(ConsoleAccess access)
        {
            _access = access;
        }

        public string Name
        {
            get { return "logout"; }
        }

        public string Usage
        {
            get { return "logout"; }
        }

        public string Help
        {
            get { return "Ends the login: commands that change the device need the PIN again."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return false;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count != 1)
            {
                io.Usage(this);
                return;
            }
            _access.Logout();
            io.Line("logged out");
        }
    }
}

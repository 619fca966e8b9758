namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>logout</c>: locks the commands that change the device again.</summary>
    public sealed class LogoutCommand : NoArgumentCommand
    {
        private readonly ConsoleAccess _access;

        public LogoutCommand(ConsoleAccess access)
            : base("logout", "Ends the login: commands that change the device need the PIN again.", false)
        {
            _access = access;
        }

        protected override void Run(ConsoleIo io)
        {
            _access.Logout();
            io.Line("logged out");
        }
    }
}

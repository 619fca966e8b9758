namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>log [N]</c>: the last N lines of the agent's log (default 20) from the <see cref="LogRing"/>.</summary>
    public sealed class LogCommand : IConsoleCommand
    {
        private const int DefaultLines = 20;

        private readonly LogRing _log;

        /// <param name="log">Null when the board keeps no log lines: the command says so.</param>
        public LogCommand(LogRing log)
        {
            _log = log;
        }

        public string Name
        {
            get { return "log"; }
        }

        public string Usage
        {
            get { return "log [N]"; }
        }

        public string Help
        {
            get { return "Shows the most recent lines of the agent's log (default " + DefaultLines.ToString() + ", uptime in seconds first)."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return false;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            int count = DefaultLines;
            if (args.Count > 2 || (args.Count == 2 && (!int.TryParse(args[1], out count) || count < 1)))
            {
                io.Usage(this);
                return;
            }
            if (_log == null)
            {
                io.Line("this device keeps no log lines for the console");
                return;
            }
            string[] lines = _log.Recent(count);
            if (lines.Length == 0)
            {
                io.Line("(log is empty)");
            }
            for (int i = 0; i < lines.Length; i++)
            {
                io.Line(lines[i]);
            }
        }
    }
}

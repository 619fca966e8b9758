namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>help [COMMAND]</c>: the list of commands, or one command in detail.</summary>
    public sealed class HelpCommand : IConsoleCommand
    {
        private readonly CommandRegistry _commands;

        public HelpCommand(CommandRegistry commands)
        {
            _commands = commands;
        }

        public string Name
        {
            get { return "help"; }
        }

        public string Usage
        {
            get { return "help [COMMAND]"; }
        }

        public string Help
        {
            get { return "Lists the commands, or explains one."; }
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
            if (args.Count == 2)
            {
                IConsoleCommand command = _commands.Find(args[1]);
                if (command == null)
                {
                    io.Line("unknown command '" + args[1] + "' (type 'help' for the list)");
                    return;
                }
                io.Line("usage: " + command.Usage);
                io.Line("  " + command.Help);
                return;
            }
            io.Line("Commands:");
            IConsoleCommand[] all = _commands.All();
            for (int i = 0; i < all.Length; i++)
            {
                io.Line("  " + all[i].Usage);
            }
            io.Line("Commands that change the device need 'login PIN' first. 'help COMMAND' explains one.");
        }
    }
}

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary>Base of the console commands that take no arguments: their usage is their bare name, they are either
    /// always or never mutating, and any argument given earns the usage line instead of a run.</summary>
    public abstract class NoArgumentCommand : IConsoleCommand
    {
        private readonly string _name;
        private readonly string _help;
        private readonly bool _mutating;

        protected NoArgumentCommand(string name, string help, bool mutating)
        {
            _name = name;
            _help = help;
            _mutating = mutating;
        }

        public string Name
        {
            get { return _name; }
        }

        public string Usage
        {
            get { return _name; }
        }

        public string Help
        {
            get { return _help; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return _mutating;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count != 1)
            {
                io.Usage(this);
                return;
            }
            Run(io);
        }

        protected abstract void Run(ConsoleIo io);
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>reboot</c>: restarts the device through the board (a session in progress is cut off). Needs login.</summary>
    public sealed class RebootCommand : IConsoleCommand
    {
        private readonly IBoardControl _board;

        /// <param name="board">Null when the board cannot reboot on request: the command says so.</param>
        public RebootCommand(IBoardControl board)
        {
            _board = board;
        }

        public string Name
        {
            get { return "reboot"; }
        }

        public string Usage
        {
            get { return "reboot"; }
        }

        public string Help
        {
            get { return "Restarts the device; a session in progress is cut off. Needs login."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return true;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count != 1)
            {
                io.Usage(this);
                return;
            }
            if (_board == null)
            {
                io.Line("this board cannot reboot on request");
                return;
            }
            io.Line("Rebooting ...");
            _board.Reboot();
        }
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>reboot</c>: restarts the device through the board (a session in progress is cut off). Needs login.</summary>
    public sealed class RebootCommand : NoArgumentCommand
    {
        private readonly IBoardControl _board;

        /// <param name="board">Null when the board cannot reboot on request: the command says so.</param>
        public RebootCommand(IBoardControl board)
            : base("reboot", "Restarts the device; a session in progress is cut off. Needs login.", true)
        {
            _board = board;
        }

        protected override void Run(ConsoleIo io)
        {
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

using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>factory-reset</c>: after the technician types YES, erases what the device has persisted and reboots.
    /// Needs login; refused while a session runs (it would write into storage being erased).</summary>
    public sealed class FactoryResetCommand : NoArgumentCommand
    {
        private readonly DmAgent _agent;
        private readonly IBoardControl _board;

        public FactoryResetCommand(DmAgent agent, IBoardControl board)
            : base("factory-reset", "Erases the management tree, server accounts, downloads and installed components, then reboots; asks to type YES first. Needs login.", true)
        {
            _agent = agent;
            _board = board;
        }

        protected override void Run(ConsoleIo io)
        {
            if (_board == null)
            {
                io.Line("this board cannot be reset from the console");
                return;
            }
            if (_agent.IsSessionRunning)
            {
                io.Line("busy: a session is running; try again when it has ended");
                return;
            }
            if (!io.Confirm("Factory reset erases the management tree, the server accounts, downloads and installed components, then reboots."))
            {
                io.Line("factory reset cancelled");
                return;
            }
            if (!_board.FactoryReset())
            {
                io.Line("factory reset FAILED: the storage could not be erased completely");
                return;
            }
            io.Line("Erased. Rebooting ...");
            _board.Reboot();
        }
    }
}

using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>pin NEWPIN</c>: replaces the console PIN (asks for it a second time). Needs login.</summary>
    public sealed class PinCommand : IConsoleCommand
    {
        private readonly DmAgent _agent;
        private readonly IRandomSource _random;

        public PinCommand(DmAgent agent, IRandomSource random)
        {
            _agent = agent;
            _random = random;
        }

        public string Name
        {
            get { return "pin"; }
        }

        public string Usage
        {
            get { return "pin NEWPIN"; }
        }

        public string Help
        {
            get { return "Changes the console PIN (" + PinRecord.MinPinLength.ToString() + "-" + PinRecord.MaxPinLength.ToString() + " printable characters, no blanks); it is kept hashed in " + ConsoleMo.PinHashUri + ". Needs login."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return true;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count != 2)
            {
                io.Usage(this);
                return;
            }
            string pin = args[1];
            if (!PinRecord.IsAcceptablePin(pin))
            {
                io.Line("not changed: a PIN has " + PinRecord.MinPinLength.ToString() + " to " + PinRecord.MaxPinLength.ToString() + " printable characters and no blanks");
                return;
            }
            if (io.Ask("Repeat the new PIN: ") != pin)
            {
                io.Line("not changed: the PINs differ");
                return;
            }
            if (_agent.IsSessionRunning)
            {
                io.Line("busy: a session is running; try again when it has ended");
                return;
            }
            string record = PinRecord.Create(pin, _random);
            int status = _agent.ChangeTree(delegate(DmTree tree) { return tree.SetString(ConsoleMo.PinHashUri, record) ? StatusCode.Ok : StatusCode.CommandFailed; });
            io.Line(StatusCode.IsSuccess(status) ? "PIN changed" : "not changed: the tree refused it (" + status.ToString() + ")");
        }
    }
}

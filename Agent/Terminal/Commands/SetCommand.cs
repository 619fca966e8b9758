using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>set URI VALUE</c>: writes the value of an existing text leaf (chr, int, bool, ...) the way a server
    /// Replace does, but as the device: no ACL applies. Refused for missing or interior nodes, binary leaves, the PIN
    /// record (<c>pin</c> changes it) and while a session runs. Needs login.</summary>
    public sealed class SetCommand : IConsoleCommand
    {
        private readonly DmAgent _agent;

        public SetCommand(DmAgent agent)
        {
            _agent = agent;
        }

        public string Name
        {
            get { return "set"; }
        }

        public string Usage
        {
            get { return "set URI VALUE"; }
        }

        public string Help
        {
            get { return "Writes the value of an existing leaf (the rest of the line; \"\" for empty). Needs login."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return true;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count < 3)
            {
                io.Usage(this);
                return;
            }
            string uri = args[1];
            string value = args.Rest(2);
            DmNode node = _agent.Tree.Find(uri);
            string refusal = Check(node, uri, value);
            if (refusal != null)
            {
                io.Line(refusal);
                return;
            }
            if (_agent.IsSessionRunning)
            {
                io.Line("busy: a session is running; try again when it has ended");
                return;
            }
            string target = node.Uri;
            int status = _agent.ChangeTree(delegate(DmTree tree) { return tree.SetString(target, value) ? StatusCode.Ok : StatusCode.CommandFailed; });
            if (status == StatusCode.DeviceFull)
            {
                io.Line("not set: storage is full (the change was undone)");
            }
            else if (!StatusCode.IsSuccess(status))
            {
                io.Line("not set: the tree refused the value (" + status.ToString() + ")");
            }
            else
            {
                io.Line(target + " = " + NodeText.Value(node));
            }
        }

        private static string Check(DmNode node, string uri, string value)
        {
            if (node == null)
            {
                return "no such node: " + uri + " (set changes existing leaves only)";
            }
            if (node.IsInterior)
            {
                return node.Uri + " is an interior node; set changes leaf values";
            }
            if (node.Uri == ConsoleMo.PinHashUri)
            {
                return "the console PIN is changed with 'pin NEWPIN'";
            }
            if (node.Format == DmFormat.Bin)
            {
                return node.Uri + " holds binary data; it cannot be set from the console";
            }
            if (node.Format == DmFormat.Int && !IsInteger(value))
            {
                return node.Uri + " takes an integer";
            }
            if (node.Format == DmFormat.Bool && value != "true" && value != "false")
            {
                return node.Uri + " takes true or false";
            }
            return null;
        }

        private static bool IsInteger(string value)
        {
            int ignored;
            return int.TryParse(value, out ignored);
        }
    }
}

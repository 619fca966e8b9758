using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>tree get URI</c> (a leaf's value, an interior node's children) and <c>tree list URI</c> (the subtree in
    /// pre-order with formats and values, like ?list=StructData). The device's own view: no ACLs apply, but secret leaves
    /// show "(secret)" and nothing else. Reads only, so it needs no login.</summary>
    public sealed class TreeCommand : IConsoleCommand
    {
        private readonly DmTree _tree;
        private readonly int _maxNodes;

        public TreeCommand(DmTree tree, int maxListedNodes)
        {
            _tree = tree;
            _maxNodes = maxListedNodes;
        }

        public string Name
        {
            get { return "tree"; }
        }

        public string Usage
        {
            get { return "tree get URI | tree list URI"; }
        }

        public string Help
        {
            get { return "get: a leaf's value or an interior node's children; list: the subtree with formats and values (at most " + _maxNodes.ToString() + " nodes). Secrets show as (secret)."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return false;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            string verb = args.Keyword(1);
            if (args.Count != 3 || (verb != "get" && verb != "list"))
            {
                io.Usage(this);
                return;
            }
            string uri = args[2];
            DmNode node = _tree.Find(uri);
            if (node == null)
            {
                io.Line("no such node: " + uri);
                return;
            }
            if (verb == "get")
            {
                io.Line(node.Uri + (node.IsInterior ? "/ : " + NodeText.Children(node) : " = " + NodeText.Value(node)));
                return;
            }
            int shown = List(io, node, 0, 0);
            if (shown > _maxNodes)
            {
                io.Line("... more nodes not shown (limit " + _maxNodes.ToString() + "); list a deeper URI");
            }
        }

        /// <summary>Prints the subtree of <paramref name="node"/>; returns the count of nodes visited so far, which
        /// exceeds the limit (by one) when the listing was cut.</summary>
        private int List(ConsoleIo io, DmNode node, int depth, int shown)
        {
            if (shown >= _maxNodes)
            {
                return _maxNodes + 1;
            }
            string name = depth == 0 ? node.Uri : node.Name;
            string line = new string(' ', depth * 2) + name;
            line += node.IsInterior ? "/" : " [" + node.Format + "] = " + NodeText.Value(node);
            io.Line(line);
            shown++;
            for (int i = 0; i < node.ChildCount && shown <= _maxNodes; i++)
            {
                shown = List(io, node.GetChild(i), depth + 1, shown);
            }
            return shown;
        }
    }
}

using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>scomo [list] | scomo activate ID | scomo deactivate ID | scomo remove ID</c>: the software inventory
    /// (deployed components, delivered packages, the operation running) and the component operations a server could
    /// Exec, asked for on the device. They are checked and queued like a server's; their outcome goes to the log, as no
    /// server asked for it. activate, deactivate and remove need login.</summary>
    public sealed class ScomoCommand : IConsoleCommand
    {
        private readonly DmAgent _agent;
        private readonly ScomoExecutor _executor;

        public ScomoCommand(DmAgent agent, ScomoExecutor executor)
        {
            _agent = agent;
            _executor = executor;
        }

        public string Name
        {
            get { return "scomo"; }
        }

        public string Usage
        {
            get { return "scomo [list] | scomo activate ID | scomo deactivate ID | scomo remove ID"; }
        }

        public string Help
        {
            get { return "list: deployed components (version, active or not, Status), delivered packages and the operation running; activate/deactivate/remove ID: queue that operation on a deployed component (result in 'log' and 'scomo list'). Changing needs login."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return Operation(args.Keyword(1)) != ScomoOperation.None;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            string sub = args.Count > 1 ? args.Keyword(1) : "list";
            ScomoOperation op = Operation(sub);
            if (sub == "list" && args.Count <= 2)
            {
                List(io);
            }
            else if (op != ScomoOperation.None && args.Count == 3)
            {
                Submit(io, op, args[2]);
            }
            else
            {
                io.Usage(this);
            }
        }

        private static ScomoOperation Operation(string sub)
        {
            return sub == "activate" ? ScomoOperation.Activate
                : sub == "deactivate" ? ScomoOperation.Deactivate
                : sub == "remove" ? ScomoOperation.RemoveDeployed : ScomoOperation.None;
        }

        private void Submit(ConsoleIo io, ScomoOperation op, string id)
        {
            if (id.Length == 0 || id.IndexOf('/') >= 0)
            {
                io.Line("not a component ID: '" + id + "' (see 'scomo list')");
                return;
            }
            string name = ScomoOperations.NameOf(op);
            int status = _executor.Submit(op, id);
            switch (status)
            {
                case StatusCode.Accepted:
                    io.Line("queued " + name + " of " + id + "; result in the log and 'scomo list'");
                    break;
                case StatusCode.NotFound:
                    io.Line("not found: no deployed component '" + id + "' (see 'scomo list')");
                    break;
                case StatusCode.CommandNotAllowed:
                    io.Line("refused: " + id + (op == ScomoOperation.Activate ? " is already active"
                        : op == ScomoOperation.Deactivate ? " is not active" : " cannot be changed in its current state") + " (405)");
                    break;
                case StatusCode.Conflict:
                    io.Line("busy: another operation on " + id + " is in progress (409); try again when it has finished");
                    break;
                default:
                    io.Line("not queued: " + name + " of " + id + " failed with status " + status.ToString() + " (see 'log')");
                    break;
            }
        }

        private void List(ConsoleIo io)
        {
            lock (_agent.TreeLock)
            {
                ListDeployed(io, _agent.Tree.Find(ScomoTree.Deployed));
                ListDelivered(io, _agent.Tree.Find(ScomoTree.Delivered));
            }
            io.Line("operation: " + ScomoText.Work(_executor));
        }

        private void ListDeployed(ConsoleIo io, DmNode deployed)
        {
            if (deployed == null || deployed.ChildCount == 0)
            {
                io.Line("no components deployed");
                return;
            }
            io.Line("Deployed components:");
            for (int i = 0; i < deployed.ChildCount; i++)
            {
                string id = deployed.GetChild(i).Name;
                string version = Leaf(ScomoTree.Deployed, id, ScomoTree.Version);
                int state = Number(ScomoTree.Deployed, id, ScomoTree.State);
                int status = Number(ScomoTree.Deployed, id, ScomoTree.Status);
                io.Line("  " + id + "  " + (version ?? "(no version)") + "  " + (state == ScomoTree.StateActive ? "active" : "inactive")
                    + "  status " + status.ToString() + " (" + DeployedStatus(status) + ")");
            }
        }

        private void ListDelivered(ConsoleIo io, DmNode delivered)
        {
            if (delivered == null || delivered.ChildCount == 0)
            {
                io.Line("no packages delivered");
                return;
            }
            io.Line("Delivered packages:");
            for (int i = 0; i < delivered.ChildCount; i++)
            {
                string name = delivered.GetChild(i).Name;
                string pkgId = Leaf(ScomoTree.Delivered, name, ScomoTree.PkgId);
                int state = Number(ScomoTree.Delivered, name, ScomoTree.State);
                int status = Number(ScomoTree.Delivered, name, ScomoTree.Status);
                io.Line("  " + name + "  PkgID " + (pkgId ?? "(none)") + "  " + (state == ScomoTree.StateInstalled ? "installed" : "delivered")
                    + (status == ScomoStatus.Idle ? string.Empty : "  status " + status.ToString()));
            }
        }

        /// <summary>Callers hold the tree lock.</summary>
        private string Leaf(string collection, string name, string leaf)
        {
            return ScomoEntries.GetString(_agent.Tree, collection, name, leaf);
        }

        private int Number(string collection, string name, string leaf)
        {
            return ScomoEntries.GetInt(_agent.Tree, collection, name, leaf, -1);
        }

        private static string DeployedStatus(int status)
        {
            switch (status)
            {
                case ScomoStatus.Idle: return "idle";
                case ScomoStatus.DeployedRemoveFailed: return "remove failed";
                case ScomoStatus.DeployedRemoveProgressing: return "removing";
                case ScomoStatus.ActivateFailed: return "activate failed";
                case ScomoStatus.ActivateProgressing: return "activating";
                case ScomoStatus.DeactivateFailed: return "deactivate failed";
                case ScomoStatus.DeactivateProgressing: return "deactivating";
                default: return "unknown";
            }
        }
    }
}

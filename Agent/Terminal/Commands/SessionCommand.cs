using NanoOmaDm.Agent.Mo;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>session start [SERVERID]</c>: a client-initiated session with the named server or the first account,
    /// run beside the console; its outcome is printed when it ends. Needs login.</summary>
    public sealed class SessionCommand : IConsoleCommand
    {
        private readonly DmAgent _agent;
        private readonly SessionRunner _runner;

        public SessionCommand(DmAgent agent, SessionRunner runner)
        {
            _agent = agent;
            _runner = runner;
        }

        public string Name
        {
            get { return "session"; }
        }

        public string Usage
        {
            get { return "session start [SERVERID]"; }
        }

        public string Help
        {
            get { return "Starts a client-initiated management session (default: the first server) and reports its outcome when it ends; the console stays usable meanwhile. Needs login."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return args.Keyword(1) == "start";
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Keyword(1) != "start" || args.Count > 3)
            {
                io.Usage(this);
                return;
            }
            string serverId = args[2];
            DmAccount account = serverId == null ? First() : DmAccount.Find(_agent.Tree, serverId);
            if (account == null)
            {
                io.Line(serverId == null ? "no DM server is configured" : "no DM account for server '" + serverId + "'");
                return;
            }
            if (!_runner.Start(account.ServerId))
            {
                io.Line("busy: a session is already running");
                return;
            }
            io.Line("Starting a client-initiated session with " + account.ServerId + " ...");
        }

        private DmAccount First()
        {
            DmAccount[] all = DmAccount.All(_agent.Tree);
            return all.Length > 0 ? all[0] : null;
        }
    }
}

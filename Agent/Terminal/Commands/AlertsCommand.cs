using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>alerts</c>: the Generic Alerts waiting for delivery, oldest first per server.</summary>
    public sealed class AlertsCommand : NoArgumentCommand
    {
        private const int MaxDataChars = 60;

        private readonly DmAgent _agent;

        public AlertsCommand(DmAgent agent)
            : base("alerts", "Lists the Generic Alerts (e.g. results of asynchronous operations) not yet delivered to their server.", false)
        {
            _agent = agent;
        }

        protected override void Run(ConsoleIo io)
        {
            int total = _agent.Alerts.Count;
            io.Line(total.ToString() + " pending generic alert(s)");
            // The queue hands out alerts per server: those for any server first, then each account's own.
            int listed = Print(io, _agent.Alerts.PendingFor(null), false);
            DmAccount[] accounts = DmAccount.All(_agent.Tree);
            for (int i = 0; i < accounts.Length; i++)
            {
                listed += Print(io, _agent.Alerts.PendingFor(accounts[i].ServerId), true);
            }
            if (listed < total)
            {
                io.Line("  " + (total - listed).ToString() + " more for servers without an account");
            }
        }

        private static int Print(ConsoleIo io, GenericAlert[] alerts, bool addressedOnly)
        {
            int n = 0;
            for (int i = 0; i < alerts.Length; i++)
            {
                GenericAlert a = alerts[i];
                if (addressedOnly && a.ServerId == null)
                {
                    continue;
                }
                string data = a.Data ?? string.Empty;
                if (data.Length > MaxDataChars)
                {
                    data = data.Substring(0, MaxDataChars) + "...";
                }
                io.Line("  to " + (a.ServerId ?? "any server") + ": " + (a.Type ?? "(no type)") + ", mark " + (a.Mark ?? "informational")
                    + (a.SourceUri != null ? ", source " + a.SourceUri : string.Empty)
                    + (a.Correlator != null ? ", correlator " + a.Correlator : string.Empty) + ", data \"" + data + "\"");
                n++;
            }
            return n;
        }
    }
}

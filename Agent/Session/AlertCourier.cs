using System;
using System.Collections;
using System.Threading;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Gets queued Generic Alerts to their servers when no session would otherwise carry them (an asynchronous
    /// Exec that finished after its session ended, alerts left over from before a reboot). A session that is running
    /// sends new alerts itself; the courier waits for it and opens a client-initiated session only if alerts are still
    /// pending then, retrying with growing pauses while the server cannot be reached.</summary>
    public sealed class AlertCourier : IDisposable
    {
        /// <summary>Pauses before the retries of one delivery; after the last one the alerts wait for the next session.</summary>
        public int[] RetryDelaysMs = { 5000, 30000, 120000, 600000 };

        private readonly DmAgent _agent;
        private readonly ILogSink _log;
        private readonly ArrayList _servers = new ArrayList();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly Thread _thread;
        private bool _stopping;

        public AlertCourier(DmAgent agent, ILogSink log)
        {
            _agent = agent;
            _log = log;
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Asks for the alerts pending for <paramref name="serverId"/> to be delivered.</summary>
        public void Request(string serverId)
        {
            lock (_servers)
            {
                if (!_servers.Contains(serverId))
                {
                    _servers.Add(serverId);
                }
            }
            _wake.Set();
        }

        /// <summary>Asks for delivery to every server that has alerts waiting (at boot: alerts queued before a restart).</summary>
        public void RequestPending()
        {
            DmAccount[] accounts;
            lock (_agent.TreeLock)
            {
                accounts = DmAccount.All(_agent.Tree);
            }
            for (int i = 0; i < accounts.Length; i++)
            {
                if (_agent.Alerts.PendingFor(accounts[i].ServerId).Length > 0)
                {
                    Request(accounts[i].ServerId);
                }
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _wake.Set();
            _thread.Join(5000);
        }

        private void Run()
        {
            while (!_stopping)
            {
                string serverId = Next();
                if (serverId == null)
                {
                    _wake.WaitOne();
                    continue;
                }
                Deliver(serverId);
            }
        }

        private string Next()
        {
            lock (_servers)
            {
                if (_servers.Count == 0)
                {
                    return null;
                }
                string serverId = (string)_servers[0];
                _servers.RemoveAt(0);
                return serverId;
            }
        }

        private void Deliver(string serverId)
        {
            for (int attempt = 0; !_stopping; attempt++)
            {
                SessionResult result;
                try
                {
                    result = _agent.DeliverAlerts(serverId);
                }
                catch (Exception e)
                {
                    result = SessionResult.Failed(null, serverId, "internal error: " + e.Message);
                }
                if (result == null || result.Success)
                {
                    return;
                }
                if (attempt >= RetryDelaysMs.Length)
                {
                    _log.Write(LogLevel.Warning, "alerts", "alerts for " + serverId + " wait for the next session: " + result.Reason);
                    return;
                }
                _log.Write(LogLevel.Info, "alerts", "cannot deliver alerts to " + serverId + " (" + result.Reason + "), retrying in "
                    + (RetryDelaysMs[attempt] / 1000) + " s");
                _wake.WaitOne(RetryDelaysMs[attempt], false);
            }
        }
    }
}

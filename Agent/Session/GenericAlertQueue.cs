using System.Collections;
using NanoOmaDm.Agent.Store;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Alerts not yet acknowledged by their server. An alert leaves the queue only when the server answered
    /// its Alert command with 200 or 202, so a failed session delivers it again next time. With
    /// <see cref="Persistence"/> set, queueing and acknowledging are each a commit, made before the call returns, so
    /// that an alert survives a reboot and one the server acknowledged is never sent again.</summary>
    public sealed class GenericAlertQueue
    {
        private readonly ArrayList _pending = new ArrayList();
        private readonly object _sync = new object();

        /// <summary>The persistent store's side of the queue; null keeps alerts in RAM only.</summary>
        public IAlertPersistence Persistence;

        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _pending.Count;
                }
            }
        }

        /// <summary>Queues an alert. False if it could not be stored: it is still sent while the device stays up, but a
        /// reboot loses it.</summary>
        public bool Enqueue(GenericAlert alert)
        {
            lock (_sync)
            {
                _pending.Add(alert);
                return Persistence == null || Persistence.Added(alert);
            }
        }

        /// <summary>Alerts that may be sent to <paramref name="serverId"/>, oldest first.</summary>
        public GenericAlert[] PendingFor(string serverId)
        {
            lock (_sync)
            {
                int n = 0;
                for (int i = 0; i < _pending.Count; i++)
                {
                    if (IsFor((GenericAlert)_pending[i], serverId))
                    {
                        n++;
                    }
                }

                GenericAlert[] result = new GenericAlert[n];
                n = 0;
                for (int i = 0; i < _pending.Count; i++)
                {
                    GenericAlert a = (GenericAlert)_pending[i];
                    if (IsFor(a, serverId))
                    {
                        result[n++] = a;
                    }
                }

                return result;
            }
        }

        public void Acknowledge(GenericAlert alert)
        {
            lock (_sync)
            {
                if (!_pending.Contains(alert))
                {
                    return;
                }
                _pending.Remove(alert);
                if (Persistence != null)
                {
                    Persistence.Removed(alert);
                }
            }
        }

        private static bool IsFor(GenericAlert alert, string serverId)
        {
            return alert.ServerId == null || alert.ServerId == serverId;
        }
    }
}

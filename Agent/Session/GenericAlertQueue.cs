using System.Collections;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Alerts not yet acknowledged by their server. An alert leaves the queue only when the server answered
    /// its Alert command with 200 or 202, so a failed session delivers it again next time.</summary>
    public sealed class GenericAlertQueue
    {
        private readonly ArrayList _pending = new ArrayList();
        private readonly object _sync = new object();

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

        public void Enqueue(GenericAlert alert)
        {
            lock (_sync)
            {
                _pending.Add(alert);
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
                _pending.Remove(alert);
            }
        }

        private static bool IsFor(GenericAlert alert, string serverId)
        {
            return alert.ServerId == null || alert.ServerId == serverId;
        }
    }
}

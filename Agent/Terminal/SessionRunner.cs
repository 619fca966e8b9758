using System;
using System.Threading;
using NanoOmaDm.Agent.Session;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>Runs <c>session start</c> on a worker thread so that the console keeps answering while the session talks
    /// to the server, and announces the outcome when it ends. One at a time.</summary>
    public sealed class SessionRunner
    {
        private readonly DmAgent _agent;
        private readonly ConsoleIo _io;
        private readonly object _sync = new object();
        private Thread _worker;
        private string _serverId;

        public SessionRunner(DmAgent agent, ConsoleIo io)
        {
            _agent = agent;
            _io = io;
        }

        /// <summary>True while a session started here is running (the agent may also run one of its own).</summary>
        public bool IsRunning
        {
            get
            {
                lock (_sync)
                {
                    return _worker != null && _worker.IsAlive;
                }
            }
        }

        /// <summary>Starts a session with <paramref name="serverId"/> (null: the first account). False when one is
        /// already running, here or in the agent.</summary>
        public bool Start(string serverId)
        {
            lock (_sync)
            {
                if ((_worker != null && _worker.IsAlive) || _agent.IsSessionRunning)
                {
                    return false;
                }
                _serverId = serverId;
                _worker = new Thread(Run);
                _worker.Start();
                return true;
            }
        }

        /// <summary>Waits for a session started here to end; true when none is running any more.</summary>
        public bool Join(int timeoutMs)
        {
            Thread worker;
            lock (_sync)
            {
                worker = _worker;
            }
            return worker == null || worker.Join(timeoutMs);
        }

        private void Run()
        {
            string serverId;
            lock (_sync)
            {
                serverId = _serverId;
            }
            SessionResult result;
            try
            {
                result = _agent.StartSession(serverId);
            }
            catch (Exception e)
            {
                // The agent reports failures in its result; an exception is a bug, but must not take the device down.
                result = SessionResult.Failed(null, serverId, "internal error: " + e.Message);
            }
            _io.Notice(Describe(result));
        }

        /// <summary>"Session 1A2B with srv: SUCCESS (completed) - 3 message(s) sent, ..." in one line.</summary>
        public static string Describe(SessionResult r)
        {
            string head = "Session " + (r.SessionId ?? "-") + " with " + (r.ServerId ?? "?") + ": ";
            string outcome = r.Success ? "SUCCESS (" + (r.Reason ?? "completed") + ")" : "FAILED: " + (r.Reason ?? "no reason given");
            return head + outcome + " - " + r.MessagesSent.ToString() + " message(s) sent, " + r.MessagesReceived.ToString()
                + " received, " + r.CommandsExecuted.ToString() + " command(s) executed";
        }
    }
}

using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent
{
    /// <summary>The DM client as a board uses it: owns the management tree with the standard MOs, the accounts and
    /// the queue of Generic Alerts, and runs one session at a time (client-initiated or after a notification).</summary>
    public sealed class DmAgent
    {
        /// <summary>./DevInfo/DmV: the client's version.</summary>
        public const string ClientVersion = "nanoOmaDm/1.2";

        private readonly AgentPlatform _platform;
        private readonly AgentConfig _config;
        private readonly NotificationGate _gate;
        // One session at a time; held for the whole session, network waits included.
        private readonly object _sessionLock = new object();
        // Held while anything reads or changes the tree: a session holds it only while it builds or processes a
        // message, so background work (SCOMO operations) can update status nodes between a session's messages.
        private readonly object _treeLock = new object();
        // Separate from _sessionLock so that the state can be read while a session holds that one.
        private readonly object _stateLock = new object();
        private bool _sessionRunning;
        private SessionResult _lastSession;

        /// <summary>An agent whose state lives in RAM only.</summary>
        public DmAgent(AgentPlatform platform, AgentConfig config) : this(platform, config, null)
        {
        }

        /// <summary>An agent whose tree and alert queue are restored from <paramref name="state"/> before the standard
        /// MOs register (they re-register without changes) and are kept durable by it from then on.</summary>
        public DmAgent(AgentPlatform platform, AgentConfig config, PersistentAgentState state)
        {
            _platform = platform;
            _config = config;
            TreeLimits limits = new TreeLimits();
            limits.MaxDepth = config.MaxUriDepth;
            limits.MaxTotLen = config.MaxUriTotalLength;
            limits.MaxSegLen = config.MaxUriSegmentLength;
            Tree = new DmTree(platform.Clock, limits);
            Alerts = new GenericAlertQueue();
            if (state != null)
            {
                state.Attach(Tree, Alerts);
                Committer = state.Committer;
            }
            Register(new DevInfoMo(platform.Identity, ClientVersion));
            Register(new DevDetailMo(platform.Identity, limits, true));
            Register(new DmAccMo());
            _gate = new NotificationGate(Tree, platform);
        }

        public readonly DmTree Tree;
        public readonly GenericAlertQueue Alerts;

        /// <summary>Sees every message on the wire when set (verbose transcripts).</summary>
        public MessageObserver Observer;

        /// <summary>Makes each command's changes durable (the persistent store); null keeps the tree in RAM only.</summary>
        public CommitHandler Committer;

        /// <summary>True while a session (client- or server-initiated) is in progress.</summary>
        public bool IsSessionRunning
        {
            get
            {
                lock (_stateLock)
                {
                    return _sessionRunning;
                }
            }
        }

        /// <summary>Outcome of the last session that ran, or null when none has run since the start.</summary>
        public SessionResult LastSession
        {
            get
            {
                lock (_stateLock)
                {
                    return _lastSession;
                }
            }
        }

        /// <summary>Applies a change the device makes to its own tree like one server command. It never interleaves with
        /// a session's processing of a message (a session's Atomic journal must not capture it, and the tree is not
        /// thread-safe), but it may run between two messages of a session, so a server can watch progress nodes
        /// change. The change is made durable through <see cref="Committer"/>, or undone and answered DeviceFull when
        /// storage refuses it.</summary>
        public int ChangeTree(TreeEdit edit)
        {
            lock (_treeLock)
            {
                Tree.BeginAtomic();
                bool keep = false;
                try
                {
                    int status = edit(Tree);
                    if (!StatusCode.IsSuccess(status))
                    {
                        return status;
                    }
                    if (Committer != null && !Committer())
                    {
                        return StatusCode.DeviceFull;
                    }
                    keep = true;
                    return status;
                }
                finally
                {
                    if (keep)
                    {
                        Tree.CommitAtomic();
                    }
                    else
                    {
                        Tree.RollbackAtomic();
                    }
                }
            }
        }

        /// <summary>Adds a management object (SCOMO, vendor MOs): it creates its subtree and Exec handlers.</summary>
        public void Register(IManagementObject mo)
        {
            mo.Register(Tree);
        }

        /// <summary>Creates the ./DMAcc entry for a server as one commit, or returns the existing one unchanged. Null if the
        /// settings are unusable or storage cannot take the account.</summary>
        public DmAccount ProvisionAccount(AccountSettings settings)
        {
            lock (_treeLock)
            {
                DmAccount existing = DmAccount.Find(Tree, settings.ServerId);
                if (existing != null)
                {
                    return existing;
                }
                // One commit: a power loss must not leave a half-created account that Find would return from then on.
                Tree.BeginAtomic();
                DmAccount created = DmAccount.Create(Tree, settings);
                if (created != null && (Committer == null || Committer()))
                {
                    Tree.CommitAtomic();
                    return created;
                }
                Tree.RollbackAtomic();
                return null;
            }
        }

        /// <summary>Runs a client-initiated session (Alert 1201) with the named server, or the first account.</summary>
        public SessionResult StartSession(string serverId)
        {
            DmAccount account = serverId == null ? FirstAccount() : DmAccount.Find(Tree, serverId);
            if (account == null)
            {
                return SessionResult.Failed(null, serverId, serverId == null ? "no DM account is configured" : "no DM account for server '" + serverId + "'");
            }

            return Run(account, SessionTrigger.ClientInitiated(NewSessionId()));
        }

        /// <summary>Runs a client-initiated session with <paramref name="serverId"/> if Generic Alerts wait for it. A
        /// running session is waited for first: it sends alerts queued while it runs, and only what it left is worth
        /// a new session. Null when nothing was pending (or no account exists for the server).</summary>
        public SessionResult DeliverAlerts(string serverId)
        {
            lock (_sessionLock)
            {
                DmAccount account;
                lock (_treeLock)
                {
                    account = DmAccount.Find(Tree, serverId);
                }
                if (account == null || Alerts.PendingFor(serverId).Length == 0)
                {
                    return null;
                }
                return Run(account, SessionTrigger.ClientInitiated(NewSessionId()));
            }
        }

        /// <summary>Held by whoever reads or changes the tree outside <see cref="ChangeTree"/> (consoles, status
        /// readers): sessions and background operations take it too.</summary>
        public object TreeLock
        {
            get { return _treeLock; }
        }

        /// <summary>Handles a received Pkg#0: verifies it and, if it is genuine, runs the session it asks for.</summary>
        public SessionResult HandleNotification(byte[] message, int length)
        {
            DmAccount account;
            string reason;
            SessionTrigger trigger;
            lock (_treeLock)
            {
                trigger = _gate.Admit(message, length, out account, out reason);
            }

            if (trigger == null)
            {
                return SessionResult.Failed(null, account == null ? null : account.ServerId, reason);
            }

            return Run(account, trigger);
        }

        private SessionResult Run(DmAccount account, SessionTrigger trigger)
        {
            lock (_sessionLock)
            {
                SetRunning(true, null);
                SessionResult result = null;
                try
                {
                    DmSession session = new DmSession(Tree, _platform, _config, account, Alerts, trigger, Observer);
                    session.Committer = Committer;
                    session.TreeLock = _treeLock;
                    result = session.Run();
                    return result;
                }
                finally
                {
                    SetRunning(false, result);
                }
            }
        }

        private void SetRunning(bool running, SessionResult finished)
        {
            lock (_stateLock)
            {
                _sessionRunning = running;
                if (finished != null)
                {
                    _lastSession = finished;
                }
            }
        }

        private DmAccount FirstAccount()
        {
            DmAccount[] all = DmAccount.All(Tree);
            return all.Length > 0 ? all[0] : null;
        }

        /// <summary>Client session ids are random 16-bit hex values, never 0, so they do not repeat across reboots.</summary>
        private string NewSessionId()
        {
            byte[] bytes = new byte[2];
            _platform.Random.NextBytes(bytes);
            int id = (bytes[0] << 8) | bytes[1];
            return (id == 0 ? 1 : id).ToString("X");
        }
    }
}

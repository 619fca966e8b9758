using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
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
        private readonly object _sessionLock = new object();

        public DmAgent(AgentPlatform platform, AgentConfig config)
        {
            _platform = platform;
            _config = config;
            TreeLimits limits = new TreeLimits();
            limits.MaxDepth = config.MaxUriDepth;
            limits.MaxTotLen = config.MaxUriTotalLength;
            limits.MaxSegLen = config.MaxUriSegmentLength;
            Tree = new DmTree(platform.Clock, limits);
            Alerts = new GenericAlertQueue();
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

        /// <summary>Adds a management object (SCOMO, vendor MOs): it creates its subtree and Exec handlers.</summary>
        public void Register(IManagementObject mo)
        {
            mo.Register(Tree);
        }

        /// <summary>Creates the ./DMAcc entry for a server, or returns the existing one unchanged.</summary>
        public DmAccount ProvisionAccount(AccountSettings settings)
        {
            DmAccount existing = DmAccount.Find(Tree, settings.ServerId);
            return existing != null ? existing : DmAccount.Create(Tree, settings);
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

        /// <summary>Handles a received Pkg#0: verifies it and, if it is genuine, runs the session it asks for.</summary>
        public SessionResult HandleNotification(byte[] message, int length)
        {
            DmAccount account;
            string reason;
            SessionTrigger trigger;
            lock (_sessionLock)
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
                DmSession session = new DmSession(Tree, _platform, _config, account, Alerts, trigger, Observer);
                session.Committer = Committer;
                return session.Run();
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

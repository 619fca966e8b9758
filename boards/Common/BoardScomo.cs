using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>SCOMO on a board: components are .pe images run by <see cref="PeComponentHost"/>, packages and images live
    /// in the state folder, downloads use the board's download platform, and outcome alerts that no session carries are
    /// delivered by an <see cref="AlertCourier"/>. The package signing keys come from the configuration
    /// (<c>scomo.key.ID=64 hex digits</c>, installed at every boot), and <c>scomo.keyAuthority=SERVERID</c> names the one
    /// server that may change them over DM (none when unset).</summary>
    public sealed class BoardScomo
    {
        private const string Source = "scomo";

        private readonly DmAgent _agent;
        private readonly BoardConfig _config;
        private readonly ILogSink _log;
        private readonly AlertCourier _courier;
        private readonly ScomoExecutor _executor;

        /// <summary>Registers ./SCOMO in <paramref name="agent"/>'s tree; call <see cref="Start"/> once the account exists.</summary>
        public BoardScomo(DmAgent agent, BoardConfig config, IFileStorage storage, PersistentAgentState state,
            DownloadPlatform downloads, ILogSink log)
        {
            _agent = agent;
            _config = config;
            _log = log;
            var platform = new ScomoPlatform();
            platform.Storage = storage;
            platform.Components = new PeComponentHost();
            platform.Download = downloads;
            platform.Records = state;
            platform.Log = log;
            _courier = new AlertCourier(agent, log);
            _executor = new ScomoExecutor(agent, platform, _courier);
            agent.Register(new ScomoMo(_executor, config.Get(BoardConfig.ScomoKeyAuthority)));
        }

        public ScomoExecutor Executor
        {
            get { return _executor; }
        }

        /// <summary>Installs the configured keys, restarts the active components, resumes interrupted operations and
        /// delivers alerts left from before the restart.</summary>
        public void Start()
        {
            InstallKeys();
            _executor.Start();
            _courier.RequestPending();
        }

        private void InstallKeys()
        {
            string[] keys = _config.Keys();
            for (int i = 0; i < keys.Length; i++)
            {
                if (!keys[i].StartsWith(BoardConfig.ScomoKeyPrefix) || _config.Get(keys[i]) == null)
                {
                    continue;
                }

                string keyId = keys[i].Substring(BoardConfig.ScomoKeyPrefix.Length);
                byte[] key = HexText.Decode(_config.Get(keys[i]));
                int status = key == null || keyId.Length == 0 ? StatusCode.BadRequest : _agent.ChangeTree(delegate(DmTree tree)
                {
                    return TrustedKeyRing.Install(tree, keyId, key) ? StatusCode.Ok : StatusCode.BadRequest;
                });
                if (!StatusCode.IsSuccess(status))
                {
                    _log.Write(LogLevel.Warning, Source, keys[i] + " not installed: it needs a key id and "
                        + (TrustedKeyRing.KeyLength * 2).ToString() + " hex digits (an Ed25519 public key)");
                }
            }
        }
    }
}

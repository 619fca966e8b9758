using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>One boot of the simulated device: the agent with its persistent state on the campaign's storage, the
/// workload MO and the account of the campaign's server (provisioned on the first boot).</summary>
internal sealed class CampaignDevice : IDisposable
{
    public const string DeviceId = "IMEI:357000000000042";
    public const string ServerId = "pc-server";
    public const string UserName = "pc-user";
    public const string Password = "pc-secret";

    private CampaignDevice()
    {
    }

    public DmAgent Agent { get; private set; }

    public PersistentAgentState State { get; private set; }

    /// <summary>True while the agent's commit handler runs (a command or block being committed).</summary>
    public bool InCommit { get; private set; }

    public static CampaignDevice Boot(IFileStorage storage, StoreOptions options, CampaignClock clock, int seed,
        IHttpTransport http, string serverUrl, CommitOracle oracle)
    {
        var device = new CampaignDevice();
        device.State = new PersistentAgentState(storage, options, SilentLog.Instance);
        oracle.Track(device.State, () => device.InCommit);
        var platform = new AgentPlatform
        {
            Http = http,
            Clock = clock,
            Identity = new EmulatorIdentity(DeviceId),
            Random = new SeededRandom(seed),
            Log = SilentLog.Instance,
        };
        device.Agent = new DmAgent(platform, new AgentConfig { HttpTimeoutMs = 10000, MaxMessagesPerSession = 60 }, device.State);
        CommitHandler commit = device.Agent.Committer;
        device.Agent.Committer = () =>
        {
            device.InCommit = true;
            try
            {
                return commit();
            }
            finally
            {
                device.InCommit = false;
            }
        };
        device.Agent.Register(new CampaignMo(device.Agent.Alerts));
        device.Agent.ProvisionAccount(new AccountSettings
        {
            ServerId = ServerId,
            ServerUri = serverUrl,
            ClientName = UserName,
            ClientSecret = Password,
            AuthPref = DmAccMo.Basic,
        });
        return device;
    }

    public void Dispose()
    {
        State.Dispose();
    }
}

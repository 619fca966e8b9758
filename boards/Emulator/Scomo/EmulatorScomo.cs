using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Emulator.Components;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Scomo;

/// <summary>SCOMO on the emulator: components are .NET assemblies run by <see cref="AssemblyComponentHost"/>,
/// packages and images live next to the persistent state, downloads go through HttpClient, and outcome alerts that no
/// session carries are delivered by an <see cref="AlertCourier"/>.</summary>
public sealed class EmulatorScomo : IDisposable
{
    private EmulatorScomo(DmAgent agent, AssemblyComponentHost host, AlertCourier courier, ScomoExecutor executor)
    {
        Agent = agent;
        Host = host;
        Courier = courier;
        Executor = executor;
    }

    public DmAgent Agent { get; }

    public AssemblyComponentHost Host { get; }

    public AlertCourier Courier { get; }

    public ScomoExecutor Executor { get; }

    /// <summary>Registers ./SCOMO in <paramref name="agent"/>'s tree; call <see cref="Start"/> once accounts exist.</summary>
    /// <param name="keyAuthority">ServerID allowed to change the trusted keys (null: none).</param>
    public static EmulatorScomo Attach(DmAgent agent, IFileStorage storage, IRecordStore records, ILogSink log,
        string keyAuthority, DownloadOptions downloadOptions = null, IDeviceState deviceState = null,
        CancellationToken shutdown = default)
    {
        var host = new AssemblyComponentHost();
        var courier = new AlertCourier(agent, log);
        var platform = new ScomoPlatform
        {
            Storage = storage,
            Components = host,
            Download = new DownloadPlatform
            {
                Transport = new HttpClientDownloadTransport(shutdown),
                Clock = new SystemClock(),
                Sleeper = new ThreadSleeper(),
                DeviceState = deviceState,
                Log = log,
            },
            DownloadOptions = downloadOptions,
            Records = records,
            Log = log,
        };
        var executor = new ScomoExecutor(agent, platform, courier);
        agent.Register(new ScomoMo(executor, keyAuthority));
        return new EmulatorScomo(agent, host, courier, executor);
    }

    /// <summary>Restarts the active components, resumes interrupted operations and delivers alerts left from before
    /// the restart.</summary>
    public void Start()
    {
        Executor.Start();
        Courier.RequestPending();
    }

    /// <summary>Provisions a trusted package signing key as the device (factory setting), made durable at once.</summary>
    public bool TrustKey(string keyId, byte[] publicKey)
    {
        return StatusCode.IsSuccess(Agent.ChangeTree(tree => TrustedKeyRing.Install(tree, keyId, publicKey) ? StatusCode.Ok : StatusCode.BadRequest));
    }

    /// <summary>Stops the background work (jobs resume at the next start) and every running component.</summary>
    public void Dispose()
    {
        Executor.Dispose();
        Courier.Dispose();
        foreach (string id in Host.RunningIds.ToArray())
        {
            Host.Stop(id);
        }
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>The rig device's power and network: once the power is cut, every write of its storage and every HTTP
/// request fails, as nothing runs any more on a real board; the network alone can also be down.</summary>
public sealed class PowerSwitch
{
    private volatile bool _powerCut;
    private volatile bool _networkDown;

    public bool PowerCut => _powerCut;

    public bool NetworkDown
    {
        get => _networkDown;
        set => _networkDown = value;
    }

    public void Cut() => _powerCut = true;

    public void ThrowIfNoNetwork()
    {
        if (_powerCut || _networkDown)
        {
            throw new TransportException(_powerCut ? "power is off" : "network is down");
        }
    }

    public void ThrowIfNoPower()
    {
        if (_powerCut)
        {
            throw new StorageException("power is off");
        }
    }
}

/// <summary>DM transport behind the <see cref="PowerSwitch"/>.</summary>
public sealed class SwitchedTransport : IHttpTransport
{
    private readonly IHttpTransport _inner;
    private readonly PowerSwitch _power;

    public SwitchedTransport(IHttpTransport inner, PowerSwitch power)
    {
        _inner = inner;
        _power = power;
    }

    public void Post(HttpExchange exchange)
    {
        _power.ThrowIfNoNetwork();
        _inner.Post(exchange);
    }
}

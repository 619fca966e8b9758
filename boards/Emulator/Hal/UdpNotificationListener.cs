using System.Net;
using System.Net.Sockets;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Receives Pkg#0 notifications as UDP datagrams on 127.0.0.1 (the emulator's stand-in for SMS/WAP push).
/// A background thread hands each datagram to the handler; exceptions from the handler are logged, never fatal.</summary>
public sealed class UdpNotificationListener : INotificationListener, IDisposable
{
    private readonly int _port;
    private readonly ILogSink _log;
    private readonly object _sync = new object();
    private UdpClient _udp;
    private Thread _thread;
    private volatile bool _stopping;

    /// <param name="port">UDP port on 127.0.0.1; 0 picks a free one (see <see cref="LocalPort"/> after Start).</param>
    public UdpNotificationListener(int port, ILogSink log)
    {
        if (port < 0 || port > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), "a UDP port is 0-65535");
        }

        _port = port;
        _log = log;
    }

    /// <summary>The bound port once started.</summary>
    public int LocalPort { get; private set; }

    /// <summary>Binds the socket (throws SocketException when the port is taken) and starts the receive thread.</summary>
    public void Start(NotificationHandler handler)
    {
        if (handler == null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        lock (_sync)
        {
            if (_udp != null)
            {
                throw new InvalidOperationException("the listener is already running");
            }

            _stopping = false;
            _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, _port));
            LocalPort = ((IPEndPoint)_udp.Client.LocalEndPoint).Port;
            UdpClient udp = _udp;
            _thread = new Thread(() => Receive(udp, handler))
            {
                IsBackground = true,
                Name = "notification listener",
            };
            _thread.Start();
        }
    }

    public void Stop()
    {
        Thread thread;
        lock (_sync)
        {
            if (_udp == null)
            {
                return;
            }

            _stopping = true;
            _udp.Close();
            _udp = null;
            thread = _thread;
            _thread = null;
        }

        // The handler may be running a session; do not hang the shutdown on it.
        if (thread != null && thread != Thread.CurrentThread)
        {
            thread.Join(2000);
        }
    }

    private void Receive(UdpClient udp, NotificationHandler handler)
    {
        while (!_stopping)
        {
            byte[] datagram;
            IPEndPoint from = null;
            try
            {
                datagram = udp.Receive(ref from);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (_stopping)
                {
                    return;
                }

                // E.g. ICMP port unreachable reported on a later receive (Windows): keep listening.
                _log.Write(LogLevel.Warning, "udp", "receive failed: " + e.Message);
                continue;
            }

            _log.Write(LogLevel.Debug, "udp", "datagram of " + datagram.Length + " bytes from " + from);
            try
            {
                handler(datagram, datagram.Length);
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "udp", "notification handler failed: " + e.Message);
            }
        }
    }

    public void Dispose()
    {
        Stop();
    }
}

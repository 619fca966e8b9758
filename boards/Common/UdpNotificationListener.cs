using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Receives server notifications (Pkg#0) as UDP datagrams on the configured port (notify.port), on a
    /// thread of its own. The handler gets the listener's buffer: it must copy what it keeps.</summary>
    public sealed class UdpNotificationListener : INotificationListener
    {
        private readonly int _port;
        private readonly ILogSink _log;
        private readonly byte[] _buffer = new byte[1024];
        private UdpClient _client;
        private Thread _thread;
        private NotificationHandler _handler;
        private bool _stopping;

        public UdpNotificationListener(int port, ILogSink log)
        {
            _port = port;
            _log = log;
        }

        public int Port
        {
            get { return _port; }
        }

        public void Start(NotificationHandler handler)
        {
            _handler = handler;
            _stopping = false;
            _client = new UdpClient(new IPEndPoint(IPAddress.Any, _port));
            _client.Client.ReceiveTimeout = 1000;
            _thread = new Thread(Run);
            _thread.Start();
        }

        private void Run()
        {
            while (!_stopping)
            {
                try
                {
                    IPEndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int n = _client.Receive(_buffer, ref from);
                    if (n > 0 && _handler != null)
                    {
                        _handler(_buffer, n);
                    }
                }
                catch (SocketException)
                {
                    // Receive timeout: check for Stop and wait again.
                }
                catch (Exception e)
                {
                    if (!_stopping)
                    {
                        _log.Write(LogLevel.Warning, "notify", "UDP receive failed: " + e.Message);
                        Thread.Sleep(1000);
                    }
                }
            }
        }

        public void Stop()
        {
            _stopping = true;
            UdpClient client = _client;
            _client = null;
            if (client != null)
            {
                client.Close();
            }
        }
    }
}

using System.Collections;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>The console on a pseudo-terminal (<c>--console pty</c>), behaving like a device's UART: the emulator holds
/// the master side, a terminal program (<c>screen /dev/pts/N</c>, <c>socat - /dev/pts/N,raw,echo=0</c>) opens the
/// printed slave path. As on a serial line the device does the echo and the line editing (<see cref="LineEditor"/>,
/// the same code a board's UART port uses); output lines end in CR LF. The emulator keeps the slave open itself so that a
/// terminal may come and go; output nobody reads fills the pty's buffer and is then dropped rather than blocking the
/// console.</summary>
public sealed class PtyConsolePort : IConsolePort, IDisposable
{
    /// <summary>Longest line kept; further characters are dropped (and not echoed) until the line ends.</summary>
    public const int MaxLineBytes = 1024;

    /// <summary>Longest wait for room in a full pty before output is dropped.</summary>
    public const int CongestionWaitMs = 2000;

    /// <summary>Longest wait at close for a terminal to read the last output.</summary>
    private const int DrainMs = 1000;

    /// <summary>How long nothing may be left unread before the pty counts as drained.</summary>
    private const int QuietMs = 250;

    private readonly int _master;
    private readonly int _slave;
    private readonly object _writeLock = new object();
    private readonly byte[] _input = new byte[256];
    private readonly byte[] _echo = new byte[256 * LineEditor.MaxEchoPerByte];
    private readonly LineEditor _editor = new LineEditor(MaxLineBytes);
    private readonly ArrayList _ready = new ArrayList();
    private bool _disposed;
    private bool _congested;

    private PtyConsolePort(int master, int slave, string path)
    {
        _master = master;
        _slave = slave;
        Path = path;
    }

    /// <summary>The slave device a terminal opens, e.g. /dev/pts/3.</summary>
    public string Path { get; }

    public bool IsOpen => !_disposed;

    /// <summary>Creates the pseudo-terminal. Throws PlatformNotSupportedException off Linux/macOS, IOException when the
    /// OS refuses.</summary>
    public static PtyConsolePort Create()
    {
        if (!PosixPty.IsSupported)
        {
            throw new PlatformNotSupportedException("--console pty needs Linux or macOS");
        }

        int master = PosixPty.Open(out int slave, out string path);
        return new PtyConsolePort(master, slave, path);
    }

    public string ReadLine(int timeoutMs)
    {
        var clock = Stopwatch.StartNew();
        var fds = new PosixPty.PollFd[1];
        while (!_disposed)
        {
            if (_ready.Count > 0)
            {
                string line = (string)_ready[0];
                _ready.RemoveAt(0);
                return line;
            }

            int left = timeoutMs - (int)clock.ElapsedMilliseconds;
            if (left <= 0)
            {
                return null;
            }

            fds[0] = new PosixPty.PollFd { Fd = _master, Events = PosixPty.PollIn };
            int ready = PosixPty.poll(fds, 1, left);
            if (ready <= 0 || (fds[0].REvents & PosixPty.PollIn) == 0)
            {
                if (ready > 0)
                {
                    // Hang-up or error without data: never spin on it.
                    Thread.Sleep(Math.Min(left, 50));
                }

                continue;
            }

            int n = (int)PosixPty.read(_master, _input, _input.Length);
            if (n > 0)
            {
                int echo = _editor.Feed(_input, 0, n, _ready, _echo);
                Send(_echo, echo);
            }
        }

        return null;
    }

    public void Write(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Send(bytes, bytes.Length);
    }

    /// <summary>Non-blocking write. When the pty is full (nobody reads the terminal, or the reader lags) it waits up to
    /// <see cref="CongestionWaitMs"/> for room, then drops the rest, as a serial line loses what nobody receives; while
    /// it stays full, later writes do not wait again, so the console never stalls on an absent terminal.</summary>
    private void Send(byte[] bytes, int length)
    {
        lock (_writeLock)
        {
            int offset = 0;
            var waited = Stopwatch.StartNew();
            while (offset < length && !_disposed)
            {
                nint n = PosixPty.write(_master, ref bytes[offset], length - offset);
                if (n > 0)
                {
                    offset += (int)n;
                    _congested = false;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (n < 0 && errno == PosixPty.EIntr)
                {
                    continue;
                }

                if (n < 0 && errno == PosixPty.EAgain && !_congested && waited.ElapsedMilliseconds < CongestionWaitMs)
                {
                    var fds = new[] { new PosixPty.PollFd { Fd = _master, Events = PosixPty.PollOut } };
                    PosixPty.poll(fds, 1, 20);
                    continue;
                }

                _congested = true;
                return;
            }
        }
    }

    /// <summary>Closes the pty after giving an attached terminal a moment to read what was written last (the goodbye
    /// before a quit or reboot), as a UART finishes sending its FIFO.</summary>
    public void Dispose()
    {
        // The kernel moves written bytes to the terminal's side asynchronously, so "nothing unread" must hold for a while.
        var drain = Stopwatch.StartNew();
        long quietSince = 0;
        while (!_disposed && !_congested && drain.ElapsedMilliseconds < DrainMs && drain.ElapsedMilliseconds - quietSince < QuietMs)
        {
            if (PosixPty.Unread(_slave) > 0)
            {
                quietSince = drain.ElapsedMilliseconds;
            }

            Thread.Sleep(10);
        }

        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            PosixPty.close(_slave);
            PosixPty.close(_master);
        }
    }
}

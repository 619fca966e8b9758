using System.Runtime.InteropServices;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>The libc calls behind <see cref="PtyConsolePort"/> (System.IO.Ports is not available on the desktop here).
/// Linux and macOS only; their flag and errno values differ, the calls do not.</summary>
internal static class PosixPty
{
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    private const int ORdWr = 0x2;
    private const int TcsaNow = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private static int ONoCtty => OperatingSystem.IsMacOS() ? 0x20000 : 0x100;

    private static int ONonBlock => OperatingSystem.IsMacOS() ? 0x4 : 0x800;

    /// <summary>EAGAIN: a non-blocking write found the pty's buffer full.</summary>
    public static int EAgain => OperatingSystem.IsMacOS() ? 35 : 11;

    public const int EIntr = 4;

    /// <summary>FIONREAD: bytes waiting to be read on a descriptor.</summary>
    private static ulong FionRead => OperatingSystem.IsMacOS() ? 0x4004667FUL : 0x541BUL;

    /// <summary>Bytes written to the master that no terminal has read yet (read through the slave), or 0 if unknown.</summary>
    public static int Unread(int slave)
    {
        return ioctl(slave, FionRead, out int count) == 0 ? count : 0;
    }

    /// <summary>Creates a pty pair: returns the master (non-blocking) and an open descriptor of the slave, set raw.</summary>
    public static int Open(out int slave, out string slavePath)
    {
        int master = posix_openpt(ORdWr | ONoCtty | ONonBlock);
        Check(master, "posix_openpt");
        slave = -1;
        slavePath = null;
        try
        {
            Check(grantpt(master), "grantpt");
            Check(unlockpt(master), "unlockpt");
            IntPtr name = ptsname(master);
            if (name == IntPtr.Zero)
            {
                throw new IOException("ptsname failed (errno " + Marshal.GetLastPInvokeError() + ")");
            }

            slavePath = Marshal.PtrToStringUTF8(name);
            slave = open(slavePath, ORdWr | ONoCtty);
            Check(slave, "open " + slavePath);

            // A serial line is transparent: no echo or line editing by the kernel, whatever a terminal program does later.
            byte[] termios = new byte[256];
            Check(tcgetattr(slave, termios), "tcgetattr");
            cfmakeraw(termios);
            Check(tcsetattr(slave, TcsaNow, termios), "tcsetattr");
            return master;
        }
        catch
        {
            if (slave >= 0)
            {
                close(slave);
            }

            close(master);
            throw;
        }
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new IOException(call + " failed (errno " + Marshal.GetLastPInvokeError() + ")");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr ptsname(int fd);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, out int value);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);
}

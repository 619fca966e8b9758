using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Real waiting: <see cref="Thread.Sleep(int)"/>.</summary>
public sealed class ThreadSleeper : ISleeper
{
    public void Sleep(int milliseconds)
    {
        if (milliseconds > 0)
        {
            Thread.Sleep(milliseconds);
        }
    }
}

namespace NanoOmaDm.Hal
{
    /// <summary>Blocks the calling thread. Backoff and suspension waits go through this (and through
    /// <see cref="IClock.UptimeMs"/>) so that tests can run hours of waiting in no time.</summary>
    public interface ISleeper
    {
        void Sleep(int milliseconds);
    }
}

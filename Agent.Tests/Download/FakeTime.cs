using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>Clock and sleeper in one: sleeping advances the uptime at once, so backoffs and suspensions cost no
    /// wall time. <see cref="OnSleep"/> runs after every sleep (tests change device state or send commands there).</summary>
    public sealed class FakeTime : IClock, ISleeper
    {
        private long uptime;

        public DateTime UtcNow => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(UptimeMs);

        public long UptimeMs => Interlocked.Read(ref uptime);

        public bool IsWallClockValid => true;

        /// <summary>Every sleep, in order.</summary>
        public List<int> Sleeps { get; } = new List<int>();

        public Action<FakeTime> OnSleep { get; set; }

        public void Sleep(int milliseconds)
        {
            lock (Sleeps)
            {
                Sleeps.Add(milliseconds);
            }

            Interlocked.Add(ref uptime, milliseconds);
            OnSleep?.Invoke(this);
        }

        public long TotalSlept()
        {
            lock (Sleeps)
            {
                return Sleeps.Sum(s => (long)s);
            }
        }
    }
}

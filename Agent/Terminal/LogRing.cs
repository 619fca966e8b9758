using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>Keeps the last lines of the agent's log for the console's <c>log</c> command and passes every line on to
    /// the board's own sink. Install it as <see cref="AgentPlatform.Log"/> around that sink. Lines carry the uptime,
    /// because the wall clock may not be set yet when they are written. Memory is bounded by the capacity and
    /// <see cref="MaxLineLength"/>.</summary>
    public sealed class LogRing : ILogSink
    {
        public const int MaxLineLength = 160;

        private readonly ILogSink _inner;
        private readonly IClock _clock;
        private readonly string[] _lines;
        private readonly object _sync = new object();
        private int _oldest;
        private int _count;

        /// <param name="inner">The board's sink; null keeps the lines here only.</param>
        public LogRing(ILogSink inner, IClock clock, int capacity)
        {
            _inner = inner;
            _clock = clock;
            _lines = new string[capacity > 0 ? capacity : 1];
        }

        public void Write(LogLevel level, string source, string message)
        {
            string line = Format(level, source, message);
            lock (_sync)
            {
                if (_count < _lines.Length)
                {
                    _lines[(_oldest + _count) % _lines.Length] = line;
                    _count++;
                }
                else
                {
                    _lines[_oldest] = line;
                    _oldest = (_oldest + 1) % _lines.Length;
                }
            }
            if (_inner != null)
            {
                _inner.Write(level, source, message);
            }
        }

        /// <summary>The last <paramref name="count"/> lines (fewer if not that many were kept), oldest first.</summary>
        public string[] Recent(int count)
        {
            lock (_sync)
            {
                int n = count < _count ? (count > 0 ? count : 0) : _count;
                string[] result = new string[n];
                int first = _oldest + _count - n;
                for (int i = 0; i < n; i++)
                {
                    result[i] = _lines[(first + i) % _lines.Length];
                }
                return result;
            }
        }

        private string Format(LogLevel level, string source, string message)
        {
            long ms = _clock.UptimeMs;
            string line = "[" + (ms / 1000).ToString() + "." + (ms % 1000).ToString("D3") + "] " + Label(level) + " "
                + (source ?? "-") + ": " + (message ?? string.Empty);
            return line.Length <= MaxLineLength ? line : line.Substring(0, MaxLineLength - 3) + "...";
        }

        // Enum.ToString gives the number on nanoFramework.
        private static string Label(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug:
                    return "DEBUG";
                case LogLevel.Info:
                    return "INFO";
                case LogLevel.Warning:
                    return "WARN";
                default:
                    return "ERROR";
            }
        }
    }
}

using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Log lines to Console.WriteLine, which nanoFramework sends over the debugger channel (Visual Studio's
    /// output window, not the user UART). The console's LogRing wraps this sink for the <c>log</c> command.</summary>
    public sealed class ConsoleLogSink : ILogSink
    {
        private readonly LogLevel _minimum;

        public ConsoleLogSink(LogLevel minimum)
        {
            _minimum = minimum;
        }

        public void Write(LogLevel level, string source, string message)
        {
            if (level < _minimum)
            {
                return;
            }

            Console.WriteLine(Name(level) + " " + source + ": " + message);
        }

        private static string Name(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "DBG";
                case LogLevel.Info: return "INF";
                case LogLevel.Warning: return "WRN";
                default: return "ERR";
            }
        }
    }
}

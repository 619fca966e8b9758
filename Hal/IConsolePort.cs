namespace NanoOmaDm.Hal
{
    /// <summary>The technician's line into the device: a UART on the boards (SerialPort.ReadLine with ReadTimeout set),
    /// standard input/output or a pseudo-terminal in the emulator. Echo and line editing are the port's business, as on a
    /// serial line where the terminal echoes nothing itself; the console only ever sees whole lines.</summary>
    public interface IConsolePort
    {
        /// <summary>The next line typed, without its line end; null when none arrived within
        /// <paramref name="timeoutMs"/> or the port is closed (<see cref="IsOpen"/> tells which).</summary>
        string ReadLine(int timeoutMs);

        /// <summary>Writes text as given (the console ends lines with "\r\n"). Must not block for long: with nobody
        /// listening the text may be lost, as on a serial line, but the console must never hang on it.</summary>
        void Write(string text);

        /// <summary>False once the port has ended for good (standard input closed); a UART stays open.</summary>
        bool IsOpen { get; }
    }
}

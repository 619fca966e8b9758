using System;
using System.Collections;
using System.IO.Ports;
using System.Threading;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The technician's console on a UART (115200 8N1): ESP32 COM2 on pins chosen with SetPinFunction,
    /// STM32F769I-DISCOVERY COM6 (Arduino D0/D1). Terminals echo nothing, so the bytes go through the agent's
    /// LineEditor, which produces the echo, Backspace and Ctrl+C handling. Reads poll BytesToRead (ReadTimeout and
    /// WriteTimeout are set all the same, so nothing waits forever); writes that time out are dropped, as on a wire
    /// nobody listens to.</summary>
    public sealed class SerialConsolePort : IConsolePort, IDisposable
    {
        private const int PollMs = 20;

        private readonly SerialPort _port;
        private readonly LineEditor _editor;
        private readonly ArrayList _lines = new ArrayList();
        private readonly byte[] _input = new byte[64];
        private readonly byte[] _echo = new byte[64 * LineEditor.MaxEchoPerByte];
        private readonly object _writeLock = new object();

        public SerialConsolePort(string portName, int baudRate, int maxLineLength)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = 100;
            _port.WriteTimeout = 500;
            _port.Handshake = Handshake.None;
            _port.Open();
            _editor = new LineEditor(maxLineLength);
        }

        public string PortName
        {
            get { return _port.PortName; }
        }

        public bool IsOpen
        {
            get { return true; }
        }

        public string ReadLine(int timeoutMs)
        {
            long deadline = Environment.TickCount64 + (timeoutMs < 0 ? 0 : timeoutMs);
            while (true)
            {
                if (_lines.Count > 0)
                {
                    string line = (string)_lines[0];
                    _lines.RemoveAt(0);
                    return line;
                }

                int available = 0;
                try
                {
                    available = _port.IsOpen ? _port.BytesToRead : 0;
                    if (available > 0)
                    {
                        int n = _port.Read(_input, 0, available < _input.Length ? available : _input.Length);
                        if (n > 0)
                        {
                            int echo = _editor.Feed(_input, 0, n, _lines, _echo);
                            if (echo > 0)
                            {
                                WriteBytes(_echo, echo);
                            }

                            continue;
                        }
                    }
                }
                catch (TimeoutException)
                {
                    // Nothing arrived after all.
                }
                catch (Exception)
                {
                    // A framing error or an overrun: drop the bytes, keep the console alive.
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return null;
                }

                Thread.Sleep(PollMs);
            }
        }

        public void Write(string text)
        {
            if (text == null || text.Length == 0)
            {
                return;
            }

            lock (_writeLock)
            {
                try
                {
                    _port.Write(text);
                }
                catch (Exception)
                {
                    // WriteTimeout: nobody is draining the line; the text is lost, the console goes on.
                }
            }
        }

        private void WriteBytes(byte[] bytes, int count)
        {
            lock (_writeLock)
            {
                try
                {
                    _port.Write(bytes, 0, count);
                }
                catch (Exception)
                {
                }
            }
        }

        public void Dispose()
        {
            try
            {
                _port.Close();
            }
            catch (Exception)
            {
            }
        }
    }
}

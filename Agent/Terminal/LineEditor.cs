using System;
using System.Collections;
using System.Text;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>Turns the bytes a serial terminal sends into command lines, as a device console must: terminals (screen,
    /// PuTTY, minicom) echo nothing themselves and send CR, LF or CR LF for Enter. Shared by every port that reads raw
    /// bytes (the emulator's pseudo-terminal, a board's UART). It produces the echo the terminal shows: typed characters,
    /// CR LF for a line end, "\b \b" for Backspace/DEL, "^C" for Ctrl+C (which abandons the line and yields an empty one,
    /// so the prompt comes back) and "^U" for Ctrl+U (which erases the line and continues on a fresh one); escape
    /// sequences (arrow keys) are ignored. Characters beyond the line limit are dropped
    /// without echo, so memory stays bounded whatever arrives.</summary>
    public sealed class LineEditor
    {
        /// <summary>Most echo bytes one received byte produces; size echo buffers as this times the input.</summary>
        public const int MaxEchoPerByte = 4;

        private const byte Cr = 0x0D;
        private const byte Lf = 0x0A;
        private const byte Esc = 0x1B;

        private readonly byte[] _line;
        private int _length;
        private bool _afterCr;
        // 0: none, 1: after ESC, 2: inside an ESC [ ... control sequence, 3: after ESC O.
        private int _escape;

        public LineEditor(int maxLineBytes)
        {
            _line = new byte[maxLineBytes];
        }

        /// <summary>Consumes <paramref name="count"/> received bytes: completed lines (UTF-8 text without their line end) are
        /// added to <paramref name="lines"/>, the echo is written to <paramref name="echo"/> (at least
        /// <see cref="MaxEchoPerByte"/> times <paramref name="count"/> long); returns the echo's length.</summary>
        public int Feed(byte[] input, int offset, int count, ArrayList lines, byte[] echo)
        {
            int e = 0;
            for (int i = offset; i < offset + count; i++)
            {
                e = Take(input[i], lines, echo, e);
            }
            return e;
        }

        private int Take(byte b, ArrayList lines, byte[] echo, int e)
        {
            if (_escape == 1)
            {
                // ESC [ starts a control sequence, ESC O is followed by one more byte (F1-F4); else ESC and one byte.
                _escape = b == (byte)'[' ? 2 : (b == (byte)'O' ? 3 : 0);
                return e;
            }
            if (_escape == 3)
            {
                _escape = 0;
                return e;
            }
            if (_escape == 2)
            {
                // Parameters until a final byte in 0x40-0x7E.
                if (b >= 0x40 && b <= 0x7E)
                {
                    _escape = 0;
                }
                return e;
            }
            bool afterCr = _afterCr;
            _afterCr = b == Cr;
            if (b == Cr || (b == Lf && !afterCr))
            {
                lines.Add(Text());
                _length = 0;
                echo[e++] = Cr;
                echo[e++] = Lf;
                return e;
            }
            if (b == Lf)
            {
                return e;
            }
            if (b == 0x08 || b == 0x7F)
            {
                return Erase(echo, e);
            }
            if (b == 0x15 || b == 0x03)
            {
                _length = 0;
                if (b == 0x03)
                {
                    lines.Add(string.Empty);
                }
                echo[e++] = (byte)'^';
                echo[e++] = b == 0x03 ? (byte)'C' : (byte)'U';
                echo[e++] = Cr;
                echo[e++] = Lf;
                return e;
            }
            if (b == Esc)
            {
                _escape = 1;
                return e;
            }
            if (b < 0x20 || _length == _line.Length)
            {
                return e;
            }
            _line[_length++] = b;
            echo[e++] = b;
            return e;
        }

        private int Erase(byte[] echo, int e)
        {
            if (_length == 0)
            {
                return e;
            }
            EraseChar();
            echo[e++] = 0x08;
            echo[e++] = (byte)' ';
            echo[e++] = 0x08;
            return e;
        }

        /// <summary>The line as text; bytes that are not UTF-8 give an empty line rather than an exception.</summary>
        private string Text()
        {
            try
            {
                return Encoding.UTF8.GetString(_line, 0, _length);
            }
            catch (Exception)
            {
                return string.Empty;
            }
        }

        /// <summary>Removes the last character with all bytes of its UTF-8 sequence.</summary>
        private void EraseChar()
        {
            do
            {
                _length--;
            }
            while (_length > 0 && (_line[_length] & 0xC0) == 0x80);
        }
    }
}

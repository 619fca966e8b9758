using System.Collections;
using System.Text;
using NanoOmaDm.Agent.Terminal;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>Bytes from a serial terminal to lines and echo.</summary>
    public class LineEditorTests
    {
        [Theory]
        [InlineData("status\r", "status")]
        [InlineData("status\n", "status")]
        [InlineData("status\r\n", "status")]
        public void EveryUsualEnterEndsExactlyOneLine(string typed, string line)
        {
            Feed(new LineEditor(64), typed, out ArrayList lines, out string echo);
            Assert.Equal(new object[] { line }, lines.ToArray());
            Assert.Equal(line + "\r\n", echo);
        }

        [Fact]
        public void CrLfSplitAcrossChunksIsStillOneLineEnd()
        {
            var editor = new LineEditor(64);
            Feed(editor, "a\r", out ArrayList first, out _);
            Feed(editor, "\nb\n\n", out ArrayList second, out _);
            Assert.Equal(new object[] { "a" }, first.ToArray());
            Assert.Equal(new object[] { "b", "" }, second.ToArray());
        }

        [Fact]
        public void BackspaceAndDeleteEraseWholeCharacters()
        {
            Feed(new LineEditor(64), "setx\u007f \u00e9\u20ac\b\b!\r", out ArrayList lines, out string echo);
            Assert.Equal(new object[] { "set !" }, lines.ToArray());
            Assert.Equal("setx\b \b \u00e9\u20ac\b \b\b \b!\r\n", echo);
            Feed(new LineEditor(64), "\u007f\bok\r", out ArrayList empty, out string nothing);
            Assert.Equal(new object[] { "ok" }, empty.ToArray());
            Assert.Equal("ok\r\n", nothing);
        }

        [Fact]
        public void CtrlCAbandonsTheLineAndCtrlUErasesIt()
        {
            Feed(new LineEditor(64), "reboot\u0003tree\u0015help\r", out ArrayList lines, out string echo);
            Assert.Equal(new object[] { "", "help" }, lines.ToArray());
            Assert.Equal("reboot^C\r\ntree^U\r\nhelp\r\n", echo);
        }

        [Fact]
        public void EscapeSequencesAndOtherControlsAreIgnored()
        {
            Feed(new LineEditor(64), "he\u001b[A\u001b[1;5Cl\u001bOp\u0007\tp\r", out ArrayList lines, out string echo);
            Assert.Equal(new object[] { "help" }, lines.ToArray());
            Assert.Equal("help\r\n", echo);
        }

        [Fact]
        public void LinesAreBoundedAndEchoFitsItsLimit()
        {
            string typed = new string('x', 100) + "\r";
            var editor = new LineEditor(10);
            Feed(editor, typed, out ArrayList lines, out string echo);
            Assert.Equal(new object[] { new string('x', 10) }, lines.ToArray());
            Assert.Equal(new string('x', 10) + "\r\n", echo);

            byte[] worst = Encoding.ASCII.GetBytes("\u0003\u0003\u0003");
            byte[] buffer = new byte[worst.Length * LineEditor.MaxEchoPerByte];
            Assert.Equal(buffer.Length, new LineEditor(4).Feed(worst, 0, worst.Length, new ArrayList(), buffer));
        }

        [Fact]
        public void BytesThatAreNotUtf8DoNotBreakIt()
        {
            byte[] input = { (byte)'a', 0xC3, 0x28, 0xFF, (byte)'\r', (byte)'o', (byte)'k', (byte)'\r' };
            var lines = new ArrayList();
            new LineEditor(16).Feed(input, 0, input.Length, lines, new byte[input.Length * LineEditor.MaxEchoPerByte]);
            Assert.Equal(2, lines.Count);
            Assert.Equal("ok", lines[1]);
        }

        private static void Feed(LineEditor editor, string typed, out ArrayList lines, out string echo)
        {
            byte[] input = Encoding.UTF8.GetBytes(typed);
            byte[] buffer = new byte[input.Length * LineEditor.MaxEchoPerByte];
            lines = new ArrayList();
            int n = editor.Feed(input, 0, input.Length, lines, buffer);
            echo = Encoding.UTF8.GetString(buffer, 0, n);
        }
    }
}

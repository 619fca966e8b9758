using NanoOmaDm.Agent.Terminal;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    public class CommandArgsTests
    {
        [Fact]
        public void BlanksSeparateWordsAndQuotesGroupThem()
        {
            CommandArgs args = CommandArgs.Parse("  set\t./A/B  \"two words\" \"\" end ");
            Assert.Equal(5, args.Count);
            Assert.Equal(new[] { "set", "./A/B", "two words", "", "end" }, Enumerable.Range(0, 5).Select(i => args[i]));
            Assert.Null(args[5]);
            Assert.Equal("SET", CommandArgs.Parse("SET x")[0]);
            Assert.Equal("set", CommandArgs.Parse("SET x").Keyword(0));
            Assert.Equal(string.Empty, args.Keyword(9));
        }

        [Fact]
        public void RestKeepsTheValueAsTyped()
        {
            Assert.Equal("hello  big world", CommandArgs.Parse("set ./A hello  big world  ").Rest(2));
            Assert.Equal("a b", CommandArgs.Parse("set ./A \"a b\"").Rest(2));
            Assert.Equal(string.Empty, CommandArgs.Parse("set ./A \"\"").Rest(2));
            Assert.Equal("\"a b\" c", CommandArgs.Parse("set ./A \"a b\" c").Rest(2));
            Assert.Null(CommandArgs.Parse("set ./A").Rest(2));
        }

        [Fact]
        public void AnOpenQuoteIsNotALine()
        {
            Assert.Null(CommandArgs.Parse("set ./A \"oops"));
            Assert.Equal(0, CommandArgs.Parse("").Count);
        }
    }
}

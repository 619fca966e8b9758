using System.Text;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Emulator;
using NanoOmaDm.Emulator.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Emulator;

public sealed class DemoMoTests
{
    [Fact]
    public void RegisteringAgainKeepsWhatAServerWroteIntoTheLeaves()
    {
        var tree = new DmTree(new SystemClock(), null);
        var log = new ConsoleLogSink(TextWriter.Null, verbose: false, color: false);
        new DemoMo(new GenericAlertQueue(), log).Register(tree);
        Assert.Equal("Hello, OMA DM", tree.GetString(DemoMo.Root + "/Greeting"));
        tree.SetLeaf(DemoMo.Root + "/Greeting", DmFormat.Chr, null, Encoding.UTF8.GetBytes("changed by a server"), false);

        new DemoMo(new GenericAlertQueue(), log).Register(tree);   // the next boot

        Assert.Equal("changed by a server", tree.GetString(DemoMo.Root + "/Greeting"));
        Assert.Equal("0", tree.GetString(DemoMo.Root + "/Counter"));
    }
}

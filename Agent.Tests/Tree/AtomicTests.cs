using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class AtomicTests
    {
        private readonly FakeClock _clock = new FakeClock();
        private readonly DmTree _tree;
        private readonly List<string> _events = new List<string>();

        public AtomicTests()
        {
            _tree = NewTree(_clock);
            _tree.EnsureInterior("./App", "urn:example:1.0", false);
            _tree.SetAcl("./App", "Add=*&Get=*&Replace=*&Delete=*");
            _tree.SetLeaf("./App/A", "chr", null, Bytes("a"), false);
            _tree.SetLeaf("./App/B", "int", null, Bytes("1"), false);
            _tree.SetLeaf("./App/Dir/X", null, null, Bytes("x"), false);
            _tree.SetLeaf("./App/Dir/Y", null, null, Bytes("y"), false);
            _tree.SetLeaf("./App/Z", null, null, Bytes("z"), false);
            _tree.Changed += (node, kind) => _events.Add(kind + " " + node.Uri);
            _clock.Advance(60);
        }

        [Fact]
        public void RollbackRestoresEveryKindOfChange()
        {
            string before = Dump(_tree);
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Add(SrvA, "./App/New/Deep/Leaf", "chr", null, Bytes("n")));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A", "chr", null, Bytes("changed")));
            Assert.Equal(200, _tree.Delete(SrvA, "./App/Dir"));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/B?prop=Name", null, null, Bytes("B2")));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Z?prop=Title", null, null, Bytes("title")));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Z?prop=ACL", null, null, Bytes("Get=srvA")));
            Assert.Equal(200, _tree.Copy(SrvA, "./App/Copied", "./App/A"));
            Assert.NotNull(_tree.SetLeaf("./App/Device", null, null, Bytes("d"), false));
            Assert.NotEqual(before, Dump(_tree));

            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(before, Dump(_tree));
            Assert.Empty(_events);
        }

        [Fact]
        public void RollbackPutsDeletedNodesBackInTheirPlace()
        {
            string before = Dump(_tree);
            DmNode dir = _tree.Find("./App/Dir");
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Delete(SrvA, "./App/Dir"));
            Assert.Equal(200, _tree.Add(SrvA, "./App/Dir", "node", null, null));
            Assert.Equal(200, _tree.Delete(SrvA, "./App/A"));
            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(before, Dump(_tree));
            Assert.Same(dir, _tree.Find("./App/Dir"));
        }

        [Fact]
        public void RollbackOfRenameThenDeleteOfRenamedNode()
        {
            string before = Dump(_tree);
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A?prop=Name", null, null, Bytes("Renamed")));
            Assert.Equal(200, _tree.Delete(SrvA, "./App/Renamed"));
            Assert.Equal(200, _tree.Add(SrvA, "./App/A", "chr", null, Bytes("impostor")));
            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(before, Dump(_tree));
        }

        [Fact]
        public void RollbackOfRootAclChange()
        {
            _tree.SetAcl(".", "Add=*&Get=*&Replace=srvA");
            string before = Dump(_tree);
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Replace(SrvA, ".?prop=ACL", null, null, Bytes("Add=*&Get=*")));
            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(before, Dump(_tree));
        }

        [Fact]
        public void CommitKeepsChangesAndAnnouncesThemInOrder()
        {
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Add(SrvA, "./App/N", "chr", null, Bytes("n")));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A", null, null, Bytes("a2")));
            Assert.Equal(200, _tree.Delete(SrvA, "./App/Z"));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/B?prop=Title", null, null, Bytes("t")));
            Assert.Empty(_events);
            _tree.CommitAtomic();

            Assert.Equal(new[] { "Added ./App/N", "Replaced ./App/A", "Deleted ./App/Z", "PropertyChanged ./App/B" },
                _events);
            Assert.Equal("a2", _tree.GetString("./App/A"));
            Assert.Null(_tree.Find("./App/Z"));
            Assert.False(_tree.IsAtomicActive);
        }

        [Fact]
        public void ChangesAfterRollbackAreAnnouncedImmediately()
        {
            _tree.BeginAtomic();
            _tree.Replace(SrvA, "./App/A", null, null, Bytes("x"));
            _tree.RollbackAtomic();
            _tree.Replace(SrvA, "./App/A", null, null, Bytes("y"));
            Assert.Equal(new[] { "Replaced ./App/A" }, _events);
        }

        [Fact]
        public void FailedCommandsInsideAtomicChangeNothing()
        {
            string before = Dump(_tree);
            _tree.BeginAtomic();
            Assert.Equal(418, _tree.Add(SrvA, "./App/A", "chr", null, Bytes("x")));
            Assert.Equal(404, _tree.Replace(SrvA, "./App/Nope", null, null, Bytes("x")));
            Assert.Equal(before, Dump(_tree));
            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(before, Dump(_tree));
        }

        [Fact]
        public void JournalCapacityExceededIs420AndRollbackStillRestores()
        {
            _tree.MaxAtomicChanges = 3;
            string before = Dump(_tree);
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A", null, null, Bytes("1")));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A", null, null, Bytes("2")));
            Assert.Equal(420, _tree.Add(SrvA, "./App/P/Q", "chr", null, null));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A", null, null, Bytes("3")));
            Assert.Equal(420, _tree.Replace(SrvA, "./App/A", null, null, Bytes("4")));
            Assert.Equal(420, _tree.Delete(SrvA, "./App/Z"));
            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(before, Dump(_tree));
            Assert.Equal(200, _tree.Replace(SrvA, "./App/A", null, null, Bytes("outside atomic: no limit")));
        }

        [Fact]
        public void RollbackWithoutAtomicIsHarmless()
        {
            string before = Dump(_tree);
            Assert.True(_tree.RollbackAtomic());
            _tree.CommitAtomic();
            Assert.Equal(before, Dump(_tree));
        }
    }
}

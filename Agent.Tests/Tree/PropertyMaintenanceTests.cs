using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class PropertyMaintenanceTests
    {
        private readonly FakeClock _clock = new FakeClock();
        private readonly DmTree _tree;

        public PropertyMaintenanceTests()
        {
            _tree = NewTree(_clock);
            _tree.SetAcl(".", "Add=*&Get=*&Replace=*&Delete=*");
        }

        [Fact]
        public void NewNodeStartsAtVerNoZeroWithCreationTime()
        {
            Assert.Equal(200, _tree.Add(SrvA, "./N", "chr", null, Bytes("v")));
            DmNode node = _tree.Find("./N");
            Assert.Equal(0, node.VerNo);
            Assert.Equal(_clock.UtcNow, node.TStamp);
        }

        [Fact]
        public void VerNoWrapsFrom65535ToZero()
        {
            _tree.SetLeaf("./N", null, null, Bytes("v"), false);
            DmNode node = _tree.Find("./N");
            node.VerNo = 65534;
            Assert.Equal(200, _tree.Replace(SrvA, "./N", null, null, Bytes("1")));
            Assert.Equal(65535, node.VerNo);
            Assert.Equal(200, _tree.Replace(SrvA, "./N", null, null, Bytes("2")));
            Assert.Equal(0, node.VerNo);
            Assert.Equal("0", GetText(_tree, SrvA, "./N?prop=VerNo"));
        }

        [Fact]
        public void PropertyChangesBumpVerNoAndTStamp()
        {
            _tree.SetLeaf("./N", null, null, Bytes("v"), false);
            DmNode node = _tree.Find("./N");
            foreach (string uri in new[] { "./N?prop=Title", "./N?prop=ACL", "./N?prop=Name" })
            {
                int verNo = node.VerNo;
                _clock.Advance(5);
                string value = uri.EndsWith("ACL") ? "Get=*&Replace=*" : uri.EndsWith("Name") ? "M" : "t";
                Assert.Equal(200, _tree.Replace(SrvA, uri, null, null, Bytes(value)));
                Assert.Equal(verNo + 1, node.VerNo);
                Assert.Equal(_clock.UtcNow, node.TStamp);
            }
        }

        [Fact]
        public void ChildChangesDoNotTouchTheParent()
        {
            _tree.EnsureInterior("./P", null, false);
            DmNode parent = _tree.Find("./P");
            int verNo = parent.VerNo;
            DateTime stamp = parent.TStamp;
            _clock.Advance(5);
            Assert.Equal(200, _tree.Add(SrvA, "./P/C", "chr", null, null));
            Assert.Equal(200, _tree.Delete(SrvA, "./P/C"));
            Assert.Equal(verNo, parent.VerNo);
            Assert.Equal(stamp, parent.TStamp);
        }

        [Fact]
        public void FailedCommandsDoNotBumpVerNo()
        {
            _tree.SetLeaf("./N", null, null, Bytes("v"), true);
            DmNode node = _tree.Find("./N");
            int verNo = node.VerNo;
            Assert.Equal(405, _tree.Replace(SrvA, "./N?prop=Name", null, null, Bytes("M")));
            Assert.Equal(400, _tree.Replace(SrvA, "./N?prop=ACL", null, null, Bytes("bad")));
            Assert.Equal(verNo, node.VerNo);
        }
    }
}

using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class DeleteTests
    {
        private readonly DmTree _tree = NewTree();

        public DeleteTests()
        {
            _tree.EnsureInterior("./App", null, false);
            _tree.SetAcl("./App", "Add=*&Get=*&Delete=srvA");
            _tree.SetLeaf("./App/Leaf", null, null, Bytes("v"), false);
            _tree.SetLeaf("./App/Dir/A", null, null, Bytes("a"), false);
            _tree.SetLeaf("./App/Dir/B/C", null, null, Bytes("c"), false);
        }

        [Fact]
        public void DeletesLeaf()
        {
            Assert.Equal(200, _tree.Delete(SrvA, "./App/Leaf"));
            Assert.Null(_tree.Find("./App/Leaf"));
        }

        [Fact]
        public void DeletesWholeSubtree()
        {
            Assert.Equal(200, _tree.Delete(SrvA, "App/Dir"));
            Assert.Null(_tree.Find("./App/Dir"));
            Assert.Null(_tree.Find("./App/Dir/B/C"));
            Assert.Equal(1, _tree.Find("./App").ChildCount);
        }

        [Fact]
        public void RootIs405()
        {
            _tree.SetAcl(".", "Add=*&Get=*&Delete=*");
            Assert.Equal(405, _tree.Delete(SrvA, "."));
        }

        [Fact]
        public void PermanentNodeIs405()
        {
            _tree.SetLeaf("./App/Fixed", null, null, Bytes("f"), true);
            Assert.Equal(405, _tree.Delete(SrvA, "./App/Fixed"));
            Assert.NotNull(_tree.Find("./App/Fixed"));
        }

        [Fact]
        public void SubtreeWithPermanentDescendantIs405AndNothingIsDeleted()
        {
            _tree.SetLeaf("./App/Dir/B/Fixed", null, null, Bytes("f"), true);
            string before = Dump(_tree);
            Assert.Equal(405, _tree.Delete(SrvA, "./App/Dir"));
            Assert.Equal(before, Dump(_tree));
        }

        [Fact]
        public void NoDeleteRightIs425()
        {
            Assert.Equal(425, _tree.Delete(SrvB, "./App/Leaf"));
            Assert.NotNull(_tree.Find("./App/Leaf"));
        }

        [Fact]
        public void MissingIs404()
        {
            Assert.Equal(404, _tree.Delete(SrvA, "./App/Nope"));
            Assert.Equal(404, _tree.Delete(SrvA, "./App/Leaf/Below"));
        }

        [Fact]
        public void PropertyTargetIs405()
        {
            Assert.Equal(405, _tree.Delete(SrvA, "./App/Leaf?prop=ACL"));
            Assert.NotNull(_tree.Find("./App/Leaf"));
        }

        [Fact]
        public void MalformedUriIs400()
        {
            Assert.Equal(400, _tree.Delete(SrvA, "./App/Leaf/"));
        }
    }
}

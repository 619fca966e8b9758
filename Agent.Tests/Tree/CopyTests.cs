using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class CopyTests
    {
        private readonly DmTree _tree = NewTree();

        public CopyTests()
        {
            _tree.EnsureInterior("./App", null, false);
            _tree.SetAcl("./App", "Add=*&Get=*&Replace=srvA");
            _tree.SetLeaf("./App/Src", "int", "text/plain", Bytes("5"), false);
            _tree.SetLeaf("./App/Dst", "chr", null, Bytes("old"), false);
            _tree.EnsureInterior("./App/Dir", null, false);
        }

        [Fact]
        public void CopiesOntoNewLeafUnderExistingInterior()
        {
            Assert.Equal(200, _tree.Copy(SrvB, "./App/Dir/New", "./App/Src"));
            DmNode copy = _tree.Find("./App/Dir/New");
            Assert.False(copy.IsInterior);
            Assert.Equal("5", Text(copy.Value));
            Assert.Equal("int", copy.Format);
            Assert.Equal("text/plain", copy.Type);
            Assert.Equal("5", Text(_tree.Find("./App/Src").Value));
        }

        [Fact]
        public void CopiesOntoExistingLeafWithReplaceRight()
        {
            Assert.Equal(425, _tree.Copy(SrvB, "./App/Dst", "./App/Src"));
            Assert.Equal("old", Text(_tree.Find("./App/Dst").Value));
            Assert.Equal(200, _tree.Copy(SrvA, "./App/Dst", "./App/Src"));
            Assert.Equal("5", Text(_tree.Find("./App/Dst").Value));
            Assert.Equal("int", _tree.Find("./App/Dst").Format);
        }

        [Fact]
        public void InteriorSourceOrTargetIs405()
        {
            Assert.Equal(405, _tree.Copy(SrvA, "./App/Other", "./App/Dir"));
            Assert.Equal(405, _tree.Copy(SrvA, "./App/Dir", "./App/Src"));
            Assert.Equal(405, _tree.Copy(SrvA, "./App/Src/Below", "./App/Dst"));
        }

        [Fact]
        public void MissingSourceOrTargetParentIs404()
        {
            Assert.Equal(404, _tree.Copy(SrvA, "./App/New", "./App/Nope"));
            Assert.Equal(404, _tree.Copy(SrvA, "./App/NoDir/New", "./App/Src"));
            Assert.Null(_tree.Find("./App/NoDir"));
        }

        [Fact]
        public void SourceNeedsGet()
        {
            _tree.SetAcl("./App/Src", "Get=srvA");
            Assert.Equal(425, _tree.Copy(SrvB, "./App/Dir/New", "./App/Src"));
            Assert.Equal(200, _tree.Copy(SrvA, "./App/Dir/New", "./App/Src"));
        }

        [Fact]
        public void NewTargetNeedsAddOnParent()
        {
            _tree.SetAcl("./App/Dir", "Get=*&Add=srvA");
            Assert.Equal(425, _tree.Copy(SrvB, "./App/Dir/New", "./App/Src"));
            Assert.Null(_tree.Find("./App/Dir/New"));
        }

        [Fact]
        public void SecretSourceIs425()
        {
            _tree.MarkSecret("./App/Src");
            Assert.Equal(425, _tree.Copy(SrvA, "./App/Dst", "./App/Src"));
            Assert.Equal("old", Text(_tree.Find("./App/Dst").Value));
        }

        [Fact]
        public void PropertyUrisAre405AndBadUris400()
        {
            Assert.Equal(405, _tree.Copy(SrvA, "./App/Dst?prop=Title", "./App/Src"));
            Assert.Equal(400, _tree.Copy(SrvA, "./App/Dst", "./App//Src"));
            Assert.Equal(400, _tree.Copy(SrvA, "", "./App/Src"));
        }
    }
}

using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class ReplaceTests
    {
        private readonly FakeClock _clock = new FakeClock();
        private readonly DmTree _tree;

        public ReplaceTests()
        {
            _tree = NewTree(_clock);
            _tree.EnsureInterior("./App", null, false);
            _tree.SetAcl("./App", "Add=*&Get=*&Replace=*&Delete=*");
            _tree.SetLeaf("./App/Leaf", "chr", null, Bytes("old"), false);
            _tree.EnsureInterior("./App/Dir", null, false);
            _tree.SetLeaf("./App/Dir/Child", "chr", null, Bytes("c"), false);
        }

        [Fact]
        public void ReplacesLeafValueAndBumpsVerNoAndTStamp()
        {
            DmNode leaf = _tree.Find("./App/Leaf");
            int verNo = leaf.VerNo;
            _clock.Advance(90);
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Leaf", null, null, Bytes("new")));
            Assert.Equal("new", Text(leaf.Value));
            Assert.Equal(verNo + 1, leaf.VerNo);
            Assert.Equal(_clock.UtcNow, leaf.TStamp);
        }

        [Fact]
        public void NullFormatKeepsFormatGivenFormatChangesIt()
        {
            _tree.SetLeaf("./App/Num", "int", null, Bytes("1"), false);
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Num", null, null, Bytes("2")));
            Assert.Equal("int", _tree.Find("./App/Num").Format);
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Num", "chr", "text/x-note", Bytes("two")));
            Assert.Equal("chr", _tree.Find("./App/Num").Format);
            Assert.Equal("text/x-note", _tree.Find("./App/Num").Type);
            Assert.Equal(415, _tree.Replace(SrvA, "./App/Num", "weird", null, Bytes("3")));
        }

        [Fact]
        public void MissingNodeIs404AndIsNotCreated()
        {
            Assert.Equal(404, _tree.Replace(SrvA, "./App/Nope", "chr", null, Bytes("x")));
            Assert.Null(_tree.Find("./App/Nope"));
        }

        [Fact]
        public void InteriorValueReplaceIs405()
        {
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Dir", "chr", null, Bytes("x")));
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Leaf", "node", null, null));
        }

        [Fact]
        public void NearestNonEmptyAclDecides()
        {
            _tree.SetAcl("./App/Dir", "Get=*&Replace=srvA");
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Dir/Child", null, null, Bytes("x")));
            // ./App grants Replace=* but ./App/Dir's own ACL is nearer and is not merged with it.
            Assert.Equal(425, _tree.Replace(SrvB, "./App/Dir/Child", null, null, Bytes("y")));
            Assert.Equal("x", Text(_tree.Find("./App/Dir/Child").Value));
        }

        [Fact]
        public void PermanentLeafValueCanBeReplacedButNotItsFormatOrType()
        {
            _tree.SetLeaf("./App/Fixed", "int", "text/plain", Bytes("1"), true);
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Fixed", "int", null, Bytes("2")));
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Fixed", "chr", null, Bytes("3")));
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Fixed", null, "application/json", Bytes("3")));
            Assert.Equal("2", Text(_tree.Find("./App/Fixed").Value));
        }

        [Fact]
        public void AclPropertyWithBadGrammarIs400AndUnchanged()
        {
            Assert.Equal(400, _tree.Replace(SrvA, "./App/Dir?prop=ACL", null, null, Bytes("Get=")));
            Assert.Equal(400, _tree.Replace(SrvA, "./App/Dir?prop=ACL", null, null, Bytes("Copy=*")));
            Assert.Equal("", _tree.Find("./App/Dir").Acl);
        }

        [Fact]
        public void LeafAclNeedsReplaceOnParentNotOnLeaf()
        {
            _tree.EnsureInterior("./Box", null, false);
            _tree.SetAcl("./Box", "Get=*&Replace=srvB");
            _tree.SetLeaf("./Box/Leaf", null, null, Bytes("v"), false);
            _tree.SetAcl("./Box/Leaf", "Get=*&Replace=srvA");

            Assert.Equal(425, _tree.Replace(SrvA, "./Box/Leaf?prop=ACL", null, null, Bytes("Get=*")));
            Assert.Equal(200, _tree.Replace(SrvB, "./Box/Leaf?prop=ACL", null, null, Bytes("Get=*&Replace=srvB")));
            Assert.Equal("Get=*&Replace=srvB", _tree.Find("./Box/Leaf").Acl);
        }

        [Fact]
        public void InteriorAclNeedsReplaceOnNodeOrParent()
        {
            _tree.EnsureInterior("./Box", null, false);
            _tree.SetAcl("./Box", "Get=*&Replace=srvB");
            _tree.EnsureInterior("./Box/Sub", null, false);
            _tree.SetAcl("./Box/Sub", "Get=*&Replace=srvA");

            Assert.Equal(200, _tree.Replace(SrvA, "./Box/Sub?prop=ACL", null, null, Bytes("Replace=srvA&Get=srvA")));
            Assert.Equal(200, _tree.Replace(SrvB, "./Box/Sub?prop=ACL", null, null, Bytes("Get=*")));
            Assert.Equal(425, _tree.Replace("srvC", "./Box/Sub?prop=ACL", null, null, Bytes("")));
            Assert.Equal("Get=*", _tree.Find("./Box/Sub").Acl);
        }

        [Fact]
        public void EmptyAclMakesNodeInherit()
        {
            _tree.SetAcl("./App/Dir", "Get=srvA&Replace=srvA");
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Dir?prop=ACL", null, null, Bytes("")));
            Assert.Equal(200, _tree.Replace(SrvB, "./App/Dir/Child", null, null, Bytes("inherited ./App Replace=*")));
        }

        [Fact]
        public void RootAclMustKeepAddForEveryone()
        {
            _tree.SetAcl(".", "Add=*&Get=*&Replace=srvA");
            Assert.Equal(405, _tree.Replace(SrvA, ".?prop=ACL", null, null, Bytes("Add=srvA&Get=*&Replace=srvA")));
            Assert.Equal(405, _tree.Replace(SrvA, ".?prop=ACL", null, null, Bytes("")));
            Assert.Equal(425, _tree.Replace(SrvB, ".?prop=ACL", null, null, Bytes("Add=*&Get=*")));
            Assert.Equal(200, _tree.Replace(SrvA, ".?prop=ACL", null, null,
                Bytes("Add=*&Get=*&Replace=srvA&Exec=srvA")));
            Assert.Equal("Add=*&Get=*&Replace=srvA&Exec=srvA", _tree.Root.Acl);
        }

        [Fact]
        public void DefaultRootAclGrantsNoReplace()
        {
            DmTree tree = NewTree();
            Assert.Equal(425, tree.Replace(SrvA, ".?prop=ACL", null, null, Bytes("Add=*&Get=*&Replace=srvA")));
            Assert.Equal(Acl.RootDefault, tree.Root.Acl);
        }

        [Fact]
        public void RenameMovesNodeKeepingItsSubtree()
        {
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Dir?prop=Name", null, null, Bytes("Renamed")));
            Assert.Null(_tree.Find("./App/Dir"));
            Assert.Equal("c", _tree.GetString("./App/Renamed/Child"));
            Assert.Equal("./App/Renamed/Child", _tree.Find("./App/Renamed/Child").Uri);
        }

        [Fact]
        public void RenameErrors()
        {
            _tree.SetLeaf("./App/Fixed", null, null, Bytes("1"), true);
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Fixed?prop=Name", null, null, Bytes("Other")));
            Assert.Equal(405, _tree.Replace(SrvA, ".?prop=Name", null, null, Bytes("Other")));
            Assert.Equal(418, _tree.Replace(SrvA, "./App/Dir?prop=Name", null, null, Bytes("Leaf")));
            Assert.Equal(400, _tree.Replace(SrvA, "./App/Dir?prop=Name", null, null, Bytes("a/b")));
            Assert.Equal(400, _tree.Replace(SrvA, "./App/Dir?prop=Name", null, null, Bytes("..")));
            Assert.Equal(400, _tree.Replace(SrvA, "./App/Dir?prop=Name", null, null, Bytes("")));
            _tree.SetAcl("./App/Dir", "Get=*");
            Assert.Equal(425, _tree.Replace(SrvA, "./App/Dir?prop=Name", null, null, Bytes("Other")));
            Assert.NotNull(_tree.Find("./App/Dir"));
            Assert.NotNull(_tree.Find("./App/Fixed"));
        }

        [Fact]
        public void RenameRespectsMaxSegLen()
        {
            DmTree tree = NewTree(limits: new TreeLimits { MaxSegLen = 4 });
            tree.SetLeaf("./Abc", null, null, null, false);
            tree.SetAcl(".", "Add=*&Get=*&Replace=*");
            Assert.Equal(414, tree.Replace(SrvA, "./Abc?prop=Name", null, null, Bytes("Abcde")));
            Assert.Equal(200, tree.Replace(SrvA, "./Abc?prop=Name", null, null, Bytes("Abcd")));
        }

        [Fact]
        public void TitleIsLimitedTo255Bytes()
        {
            string title255 = new string('t', 255);
            Assert.Equal(255, Bytes(title255).Length);
            Assert.Equal(200, _tree.Replace(SrvA, "./App/Leaf?prop=Title", null, null, Bytes(title255)));
            Assert.Equal(title255, _tree.Find("./App/Leaf").Title);

            string title256 = new string('t', 254) + "é"; // é is two bytes in UTF-8
            Assert.Equal(256, Bytes(title256).Length);
            Assert.Equal(413, _tree.Replace(SrvA, "./App/Leaf?prop=Title", null, null, Bytes(title256)));
            Assert.Equal(title255, _tree.Find("./App/Leaf").Title);
        }

        [Fact]
        public void TitleNeedsReplaceOnNode()
        {
            _tree.SetAcl("./App/Leaf", "Get=*");
            Assert.Equal(425, _tree.Replace(SrvA, "./App/Leaf?prop=Title", null, null, Bytes("t")));
        }

        [Theory]
        [InlineData("Format")]
        [InlineData("Type")]
        [InlineData("Size")]
        [InlineData("TStamp")]
        [InlineData("VerNo")]
        public void ReadOnlyPropertiesAre405(string property)
        {
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Leaf?prop=" + property, null, null, Bytes("x")));
        }

        [Fact]
        public void UnknownPropertyIs406()
        {
            Assert.Equal(406, _tree.Replace(SrvA, "./App/Leaf?prop=Colour", null, null, Bytes("x")));
        }

        [Fact]
        public void ListTargetIs405()
        {
            Assert.Equal(405, _tree.Replace(SrvA, "./App/Leaf?list=Struct", null, null, Bytes("x")));
        }

        [Fact]
        public void UriLimitsAre414()
        {
            DmTree tree = NewTree(limits: new TreeLimits { MaxDepth = 1 });
            Assert.Equal(414, tree.Replace(SrvA, "./A/B", null, null, Bytes("x")));
        }
    }
}

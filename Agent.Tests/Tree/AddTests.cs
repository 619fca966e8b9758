using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class AddTests
    {
        [Fact]
        public void AddsLeafWithValueFormatAndType()
        {
            DmTree tree = NewTree();
            Assert.Equal(200, tree.Add(SrvA, "./Vendor", "node", null, null));
            Assert.Equal(200, tree.Add(SrvA, "./Vendor/Count", "int", "text/plain", Bytes("42")));

            DmNode leaf = tree.Find("./Vendor/Count");
            Assert.False(leaf.IsInterior);
            Assert.False(leaf.IsPermanent);
            Assert.Equal("int", leaf.Format);
            Assert.Equal("text/plain", leaf.Type);
            Assert.Equal("42", Text(leaf.Value));
            Assert.Equal("", leaf.Acl);
        }

        [Fact]
        public void LeafDefaultsToChrTextPlainAndEmptyValue()
        {
            DmTree tree = NewTree();
            Assert.Equal(200, tree.Add(SrvA, "Leaf", null, null, null));
            DmNode leaf = tree.Find("Leaf");
            Assert.Equal("chr", leaf.Format);
            Assert.Equal("text/plain", leaf.Type);
            Assert.NotNull(leaf.Value);
            Assert.Empty(leaf.Value);
        }

        [Fact]
        public void B64FormatIsStoredAsBin()
        {
            DmTree tree = NewTree();
            Assert.Equal(200, tree.Add(SrvA, "Blob", "b64", "application/octet-stream", new byte[] { 1, 2, 3 }));
            Assert.Equal("bin", tree.Find("Blob").Format);
        }

        [Fact]
        public void UnknownFormatIs415()
        {
            DmTree tree = NewTree();
            Assert.Equal(415, tree.Add(SrvA, "Leaf", "weird", null, Bytes("x")));
            Assert.Null(tree.Find("Leaf"));
        }

        [Fact]
        public void AddsInteriorWithMoType()
        {
            DmTree tree = NewTree();
            Assert.Equal(200, tree.Add(SrvA, "./Obj", "node", "urn:example:mo:1.0", Bytes("ignored")));
            DmNode node = tree.Find("./Obj");
            Assert.True(node.IsInterior);
            Assert.Equal("node", node.Format);
            Assert.Equal("urn:example:mo:1.0", node.Type);
            Assert.Null(node.Value);
        }

        [Fact]
        public void ExistingNodeIs418()
        {
            DmTree tree = NewTree();
            Assert.Equal(200, tree.Add(SrvA, "Leaf", "chr", null, Bytes("1")));
            Assert.Equal(418, tree.Add(SrvA, "./Leaf", "chr", null, Bytes("2")));
            Assert.Equal("1", Text(tree.Find("Leaf").Value));
            Assert.Equal(418, tree.Add(SrvA, ".", "node", null, null));
        }

        [Fact]
        public void ExistingNodeIs425ForServerWithoutAddOnParent()
        {
            DmTree tree = NewTree();
            tree.EnsureInterior("./Locked", null, false);
            tree.SetAcl("./Locked", "Get=*&Add=srvA");
            tree.SetLeaf("./Locked/Leaf", null, null, Bytes("1"), false);
            Assert.Equal(418, tree.Add(SrvA, "./Locked/Leaf", "chr", null, Bytes("2")));
            Assert.Equal(425, tree.Add(SrvB, "./Locked/Leaf", "chr", null, Bytes("2")));
        }

        [Fact]
        public void MissingAncestorsAreCreatedAndServerGetsRightsWhenItLacksReplaceOnParent()
        {
            // Root default "Add=*&Get=*" grants no Replace, so DM TND 7.7.1.1 applies to the first new interior node;
            // the next one is under a node where the server now has Replace, so it inherits (empty ACL).
            DmTree tree = NewTree();
            Assert.Equal(200, tree.Add(SrvA, "./A/B/C", "chr", null, Bytes("v")));

            DmNode a = tree.Find("./A");
            DmNode b = tree.Find("./A/B");
            DmNode c = tree.Find("./A/B/C");
            Assert.True(a.IsInterior);
            Assert.True(b.IsInterior);
            Assert.False(c.IsInterior);
            Assert.Equal("node", a.Format);
            Assert.True(Acl.Allows(a.Acl, Acl.Add, SrvA));
            Assert.True(Acl.Allows(a.Acl, Acl.Delete, SrvA));
            Assert.True(Acl.Allows(a.Acl, Acl.Replace, SrvA));
            Assert.False(Acl.Allows(a.Acl, Acl.Add, SrvB));
            Assert.False(Acl.Allows(a.Acl, Acl.Get, SrvA));
            Assert.Equal("", b.Acl);
            Assert.Equal("", c.Acl);
        }

        [Fact]
        public void NewInteriorInheritsWhenServerHasReplaceOnParent()
        {
            DmTree tree = NewTree();
            tree.EnsureInterior("./Open", null, false);
            tree.SetAcl("./Open", "Add=*&Get=*&Replace=srvA");
            Assert.Equal(200, tree.Add(SrvA, "./Open/Sub", "node", null, null));
            Assert.Equal("", tree.Find("./Open/Sub").Acl);
            Assert.Equal(200, tree.Add(SrvB, "./Open/Other", "node", null, null));
            Assert.Equal("Add=srvB&Delete=srvB&Replace=srvB", tree.Find("./Open/Other").Acl);
        }

        [Fact]
        public void AddUnderLeafIs405AndCreatesNothing()
        {
            DmTree tree = NewTree();
            tree.SetLeaf("./Leaf", null, null, Bytes("v"), false);
            string before = Dump(tree);
            Assert.Equal(405, tree.Add(SrvA, "./Leaf/Child", "chr", null, Bytes("x")));
            Assert.Equal(405, tree.Add(SrvA, "./Leaf/X/Y", "chr", null, Bytes("x")));
            Assert.Equal(before, Dump(tree));
        }

        [Fact]
        public void NoAddRightIs425AndCreatesNothing()
        {
            DmTree tree = NewTree();
            tree.EnsureInterior("./Ro", null, false);
            tree.SetAcl("./Ro", "Get=*");
            string before = Dump(tree);
            Assert.Equal(425, tree.Add(SrvA, "./Ro/Leaf", "chr", null, Bytes("x")));
            Assert.Equal(425, tree.Add(SrvA, "./Ro/X/Y", "chr", null, Bytes("x")));
            Assert.Equal(before, Dump(tree));
        }

        [Fact]
        public void NamedServerVersusWildcard()
        {
            DmTree tree = NewTree();
            tree.EnsureInterior("./P", null, false);
            tree.SetAcl("./P", "Add=srvA");
            Assert.Equal(200, tree.Add(SrvA, "./P/X", "chr", null, null));
            Assert.Equal(425, tree.Add(SrvB, "./P/Y", "chr", null, null));
            tree.SetAcl("./P", "Add=srvA+*");
            Assert.Equal(200, tree.Add(SrvB, "./P/Y", "chr", null, null));
        }

        [Fact]
        public void PropertyOrListTargetIs405()
        {
            DmTree tree = NewTree();
            tree.SetLeaf("./Leaf", null, null, Bytes("v"), false);
            Assert.Equal(405, tree.Add(SrvA, "./Leaf?prop=Title", "chr", null, Bytes("t")));
            Assert.Equal(405, tree.Add(SrvA, "./New?list=Struct", "chr", null, Bytes("t")));
        }

        [Theory]
        [InlineData("./A/")]
        [InlineData("A//B")]
        [InlineData("./A/../B")]
        [InlineData("")]
        [InlineData(null)]
        public void MalformedUriIs400(string uri)
        {
            Assert.Equal(400, NewTree().Add(SrvA, uri, "chr", null, Bytes("x")));
        }

        [Fact]
        public void UriLimitsAre414()
        {
            DmTree tree = NewTree(limits: new TreeLimits { MaxDepth = 3, MaxSegLen = 8, MaxTotLen = 24 });
            Assert.Equal(200, tree.Add(SrvA, "./A/B/C", "chr", null, null));
            Assert.Equal(414, tree.Add(SrvA, "./A/B/C2/D", "chr", null, null));
            Assert.Equal(414, tree.Add(SrvA, "./A/NineChars", "chr", null, null));
            Assert.Equal(414, tree.Add(SrvA, "./Eight888/Eight888/Eight888", "chr", null, null));
            Assert.Null(tree.Find("./A/B/C2"));
        }
    }
}

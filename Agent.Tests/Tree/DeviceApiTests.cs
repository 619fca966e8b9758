using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class DeviceApiTests
    {
        private readonly DmTree _tree = NewTree();

        [Fact]
        public void RootDefaults()
        {
            Assert.Equal(".", _tree.Root.Uri);
            Assert.Equal(Acl.RootDefault, _tree.Root.Acl);
            Assert.Equal("Add=*&Get=*", Acl.RootDefault);
            Assert.True(_tree.Root.IsInterior);
            Assert.True(_tree.Root.IsPermanent);
            Assert.Equal("node", _tree.Root.Format);
            Assert.Null(_tree.Root.Parent);
        }

        [Fact]
        public void FindAcceptsAllUriForms()
        {
            DmNode node = _tree.EnsureInterior("./A/B", null, false);
            Assert.Same(node, _tree.Find("./A/B"));
            Assert.Same(node, _tree.Find("A/B"));
            Assert.Same(_tree.Root, _tree.Find("."));
            Assert.Null(_tree.Find("./A/B/"));
            Assert.Null(_tree.Find("./A/B?prop=ACL"));
            Assert.Null(_tree.Find(null));
            Assert.Null(_tree.Find("./A/C"));
        }

        [Fact]
        public void EnsureInteriorCreatesAncestorsWithSamePermanenceAndIsIdempotent()
        {
            DmNode b = _tree.EnsureInterior("./A/B", "urn:x", true);
            Assert.True(b.IsPermanent);
            Assert.True(_tree.Find("./A").IsPermanent);
            Assert.Equal("urn:x", b.Type);
            Assert.Null(_tree.Find("./A").Type);
            Assert.Same(b, _tree.EnsureInterior("./A/B", null, false));
            Assert.True(b.IsPermanent);
            Assert.Equal("urn:x", b.Type);
        }

        [Fact]
        public void ConflictsReturnNull()
        {
            _tree.SetLeaf("./L", null, null, Bytes("v"), false);
            _tree.EnsureInterior("./I", null, false);
            Assert.Null(_tree.EnsureInterior("./L", null, false));
            Assert.Null(_tree.EnsureInterior("./L/X", null, false));
            Assert.Null(_tree.SetLeaf("./I", null, null, Bytes("v"), false));
            Assert.Null(_tree.SetLeaf("./L/X", null, null, Bytes("v"), false));
            Assert.Null(_tree.SetLeaf(".", null, null, Bytes("v"), false));
            Assert.False(_tree.SetString("./I", "v"));
            Assert.Null(_tree.GetString("./I"));
        }

        [Fact]
        public void SetLeafUpdatesExistingLeaf()
        {
            DmNode leaf = _tree.SetLeaf("./L", "int", null, Bytes("1"), false);
            Assert.Same(leaf, _tree.SetLeaf("./L", "int", null, Bytes("2"), true));
            Assert.Equal("2", Text(leaf.Value));
            Assert.True(leaf.IsPermanent);
            Assert.Equal(1, leaf.VerNo);
        }

        [Fact]
        public void StringsRoundTripAsUtf8AndKeepFormat()
        {
            Assert.True(_tree.SetString("./New/Leaf", "Größe ✓"));
            DmNode leaf = _tree.Find("./New/Leaf");
            Assert.Equal("chr", leaf.Format);
            Assert.False(leaf.IsPermanent);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes("Größe ✓"), leaf.Value);
            Assert.Equal("Größe ✓", _tree.GetString("./New/Leaf"));

            _tree.SetLeaf("./Num", "int", null, Bytes("1"), false);
            Assert.True(_tree.SetString("./Num", "2"));
            Assert.Equal("int", _tree.Find("./Num").Format);
            Assert.Null(_tree.GetString("./Missing"));
        }

        [Fact]
        public void SetAclAndRegisterExecNeedAnExistingNode()
        {
            Assert.False(_tree.SetAcl("./Missing", "Get=*"));
            _tree.EnsureInterior("./A", null, false);
            Assert.True(_tree.SetAcl("./A", "Get=*"));
            Assert.Equal("Get=*", _tree.Find("./A").Acl);
            Assert.False(_tree.RegisterExec("./Missing", r => 200));
        }

        [Fact]
        public void RemoveIgnoresPermanenceButNotRoot()
        {
            _tree.SetLeaf("./P/L", null, null, Bytes("v"), true);
            Assert.True(_tree.Remove("./P"));
            Assert.Null(_tree.Find("./P"));
            Assert.False(_tree.Remove("."));
            Assert.False(_tree.Remove("./P"));
        }

        [Fact]
        public void MarkSecretOnlyForLeaves()
        {
            _tree.SetLeaf("./L", null, null, Bytes("v"), false);
            _tree.EnsureInterior("./I", null, false);
            Assert.True(_tree.MarkSecret("./L"));
            Assert.True(_tree.Find("./L").IsSecret);
            Assert.False(_tree.MarkSecret("./I"));
            Assert.False(_tree.MarkSecret("./Missing"));
        }

        [Fact]
        public void RemoveServerFromAclsScrubsEveryNode()
        {
            _tree.SetAcl(".", "Add=*&Get=*&Replace=srvA");
            _tree.SetLeaf("./A/L", null, null, null, false);
            _tree.SetAcl("./A", "Get=srvA+srvB&Delete=srvA");
            _tree.SetAcl("./A/L", "Replace=srvA");

            _tree.RemoveServerFromAcls(SrvA);

            Assert.Equal("Add=*&Get=*", _tree.Root.Acl);
            Assert.Equal("Get=srvB", _tree.Find("./A").Acl);
            Assert.Equal("", _tree.Find("./A/L").Acl);
        }

        [Fact]
        public void ConstructorNeedsAClock()
        {
            Assert.ThrowsAny<ArgumentException>(() => new DmTree(null, new TreeLimits()));
            Assert.NotNull(new DmTree(new FakeClock(), null).Limits);
        }

        [Fact]
        public void UnchangedDeviceWritesDoNotBumpOrAnnounce()
        {
            DmNode leaf = _tree.SetLeaf("./L", "chr", null, Bytes("v"), false);
            _tree.SetAcl("./L", "Get=*");
            int verNo = leaf.VerNo;
            var events = new List<TreeChange>();
            _tree.Changed += (node, kind) => events.Add(kind);

            Assert.True(_tree.SetString("./L", "v"));
            Assert.Same(leaf, _tree.SetLeaf("./L", "chr", null, Bytes("v"), false));
            Assert.True(_tree.SetAcl("./L", "Get=*"));
            Assert.Equal(verNo, leaf.VerNo);
            Assert.Empty(events);

            Assert.True(_tree.SetString("./L", "w"));
            Assert.Equal(verNo + 1, leaf.VerNo);
            Assert.Equal(new[] { TreeChange.Replaced }, events);
        }

        [Fact]
        public void MarkSecretIsAnnouncedButIsNotAVersionedProperty()
        {
            DmNode leaf = _tree.SetLeaf("./L", null, null, Bytes("v"), false);
            int verNo = leaf.VerNo;
            var events = new List<TreeChange>();
            _tree.Changed += (node, kind) => events.Add(kind);
            Assert.True(_tree.MarkSecret("./L"));
            Assert.True(_tree.MarkSecret("./L"));
            Assert.Equal(verNo, leaf.VerNo);
            Assert.Equal(new[] { TreeChange.PropertyChanged }, events);
        }

        [Fact]
        public void ServerIdThatCannotBeWrittenIntoAnAclGetsNoAutomaticRights()
        {
            Assert.Equal(200, _tree.Add(null, "./Anon/Leaf", "chr", null, Bytes("v")));
            Assert.Equal("", _tree.Find("./Anon").Acl);
            Assert.Equal(200, _tree.Add("bad id", "./Other/Leaf", "chr", null, Bytes("v")));
            Assert.Equal("", _tree.Find("./Other").Acl);
        }
    }
}

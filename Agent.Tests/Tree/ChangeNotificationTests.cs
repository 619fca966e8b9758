using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class ChangeNotificationTests
    {
        private readonly DmTree _tree = NewTree();
        private readonly List<string> _events = new List<string>();

        public ChangeNotificationTests()
        {
            _tree.SetAcl(".", "Add=*&Get=*&Replace=*&Delete=*");
            _tree.Changed += Record;
        }

        private void Record(DmNode node, TreeChange kind)
        {
            _events.Add(kind + " " + node.Uri);
        }

        [Fact]
        public void AddAnnouncesImplicitAncestorsTopDown()
        {
            Assert.Equal(200, _tree.Add(SrvA, "./A/B/C", "chr", null, Bytes("v")));
            Assert.Equal(new[] { "Added ./A", "Added ./A/B", "Added ./A/B/C" }, _events);
        }

        [Fact]
        public void EachCommandAnnouncesItsKind()
        {
            _tree.SetLeaf("./A/L", null, null, Bytes("v"), false);
            _events.Clear();
            Assert.Equal(200, _tree.Replace(SrvA, "./A/L", null, null, Bytes("w")));
            Assert.Equal(200, _tree.Replace(SrvA, "./A/L?prop=ACL", null, null, Bytes("Get=*")));
            Assert.Equal(200, _tree.Delete(SrvA, "./A"));
            Assert.Equal(new[] { "Replaced ./A/L", "PropertyChanged ./A/L", "Deleted ./A" }, _events);
        }

        [Fact]
        public void DeletedNodeStillKnowsWhereItWas()
        {
            _tree.SetLeaf("./A/L", null, null, Bytes("v"), false);
            DmNode deleted = null;
            _tree.Changed += (node, kind) => { if (kind == TreeChange.Deleted) deleted = node; };
            Assert.Equal(200, _tree.Delete(SrvA, "./A/L"));
            Assert.Equal("./A/L", deleted.Uri);
            Assert.Null(_tree.Find("./A/L"));
        }

        [Fact]
        public void FailingSubscriberDoesNotFailTheCommand()
        {
            _tree.Changed += (node, kind) => throw new InvalidOperationException("store down");
            Assert.Equal(200, _tree.Add(SrvA, "./A", "chr", null, Bytes("v")));
            Assert.Equal("v", _tree.GetString("./A"));
            Assert.Equal(new[] { "Added ./A" }, _events);
        }

        [Fact]
        public void UnsubscribeStopsNotifications()
        {
            _tree.Changed -= Record;
            Assert.Equal(200, _tree.Add(SrvA, "./A", "chr", null, Bytes("v")));
            Assert.Empty(_events);
        }

        [Fact]
        public void FailedCommandsAnnounceNothing()
        {
            Assert.Equal(404, _tree.Replace(SrvA, "./Nope", null, null, Bytes("v")));
            Assert.Equal(405, _tree.Delete(SrvA, "."));
            Assert.Empty(_events);
        }
    }
}

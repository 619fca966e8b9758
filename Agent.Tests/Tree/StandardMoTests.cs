using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class StandardMoTests
    {
        private readonly FakeIdentity _identity = new FakeIdentity();
        private readonly TreeLimits _limits = new TreeLimits { MaxDepth = 12, MaxTotLen = 256, MaxSegLen = 32 };
        private readonly DmTree _tree;

        public StandardMoTests()
        {
            _tree = NewTree(limits: _limits);
            new DevInfoMo(_identity, "1.2").Register(_tree);
            new DevDetailMo(_identity, _limits, true).Register(_tree);
        }

        [Fact]
        public void DevInfoCarriesIdentity()
        {
            Assert.Equal(_identity.DeviceId, GetText(_tree, SrvA, "./DevInfo/DevId"));
            Assert.Equal(_identity.Manufacturer, GetText(_tree, SrvA, "./DevInfo/Man"));
            Assert.Equal(_identity.Model, GetText(_tree, SrvA, "./DevInfo/Mod"));
            Assert.Equal("1.2", GetText(_tree, SrvA, "./DevInfo/DmV"));
            Assert.Equal(_identity.Language, GetText(_tree, SrvA, "./DevInfo/Lang"));
            Assert.Equal("urn:oma:mo:oma-dm-devinfo:1.0", GetText(_tree, SrvA, "./DevInfo?prop=Type"));
            Assert.Equal("DevId/Man/Mod/DmV/Lang/Ext", GetText(_tree, SrvA, "./DevInfo"));
            Assert.True(_tree.Find("./DevInfo/Ext").IsInterior);
        }

        [Fact]
        public void DevDetailCarriesDetailsAndLimits()
        {
            Assert.Equal(_identity.DeviceType, GetText(_tree, SrvA, "./DevDetail/DevTyp"));
            Assert.Equal(_identity.Oem, GetText(_tree, SrvA, "./DevDetail/OEM"));
            Assert.Equal(_identity.FirmwareVersion, GetText(_tree, SrvA, "./DevDetail/FwV"));
            Assert.Equal(_identity.SoftwareVersion, GetText(_tree, SrvA, "./DevDetail/SwV"));
            Assert.Equal(_identity.HardwareVersion, GetText(_tree, SrvA, "./DevDetail/HwV"));
            Assert.Equal("true", GetText(_tree, SrvA, "./DevDetail/LrgObj"));
            Assert.Equal("bool", GetText(_tree, SrvA, "./DevDetail/LrgObj?prop=Format"));
            Assert.Equal("12", GetText(_tree, SrvA, "./DevDetail/URI/MaxDepth"));
            Assert.Equal("256", GetText(_tree, SrvA, "./DevDetail/URI/MaxTotLen"));
            Assert.Equal("32", GetText(_tree, SrvA, "./DevDetail/URI/MaxSegLen"));
            Assert.Equal("int", GetText(_tree, SrvA, "./DevDetail/URI/MaxSegLen?prop=Format"));
            Assert.Equal("urn:oma:mo:oma-dm-devdetail:1.0", _tree.Find("./DevDetail").Type);
        }

        [Fact]
        public void LargeObjectFlagFalse()
        {
            DmTree tree = NewTree();
            new DevDetailMo(_identity, new TreeLimits(), false).Register(tree);
            Assert.Equal("false", tree.GetString("./DevDetail/LrgObj"));
            Assert.Equal("0", tree.GetString("./DevDetail/URI/MaxDepth"));
        }

        [Theory]
        [InlineData("./DevInfo")]
        [InlineData("./DevDetail")]
        public void StandardMosArePermanentAndReadOnly(string root)
        {
            string before = Dump(_tree);
            DmNode node = _tree.Find(root);
            Assert.True(node.IsPermanent);
            for (int i = 0; i < node.ChildCount; i++)
            {
                Assert.True(node.GetChild(i).IsPermanent);
            }
            Assert.Equal(405, _tree.Delete(SrvA, root));
            Assert.Equal(425, _tree.Replace(SrvA, root + "/Ext?prop=ACL", null, null, Bytes("Add=*")));
            Assert.Equal(425, _tree.Add(SrvA, root + "/Ext/Mine", "chr", null, Bytes("x")));
            Assert.Equal(405, _tree.Replace(SrvA, root + "/Ext?prop=Name", null, null, Bytes("Other")));
            Assert.Equal(before, Dump(_tree));
        }

        [Fact]
        public void DevInfoValueReplaceIsDenied()
        {
            Assert.Equal(425, _tree.Replace(SrvA, "./DevInfo/DevId", null, null, Bytes("IMEI:0")));
            Assert.Equal(_identity.DeviceId, _tree.GetString("./DevInfo/DevId"));
        }

        [Fact]
        public void EnforcedLimitsMatchPublishedOnes()
        {
            int maxSeg = int.Parse(_tree.GetString("./DevDetail/URI/MaxSegLen"));
            Assert.Equal(414, _tree.Add(SrvA, "./" + new string('s', maxSeg + 1), "chr", null, null));
            Assert.Equal(200, _tree.Add(SrvA, "./" + new string('s', maxSeg), "chr", null, null));
        }

        [Fact]
        public void RegisteringAgainAtNextBootChangesAndAnnouncesNothing()
        {
            string before = Dump(_tree);
            var events = new List<TreeChange>();
            _tree.Changed += (node, kind) => events.Add(kind);
            new DevInfoMo(_identity, "1.2").Register(_tree);
            new DevDetailMo(_identity, _limits, true).Register(_tree);
            Assert.Equal(before, Dump(_tree));
            Assert.Empty(events);
        }

        [Fact]
        public void RegisteringWithNewFirmwareVersionUpdatesOnlyThatLeaf()
        {
            var events = new List<string>();
            _tree.Changed += (node, kind) => events.Add(kind + " " + node.Uri);
            _identity.FirmwareVersion = "1.18.0";
            new DevDetailMo(_identity, _limits, true).Register(_tree);
            Assert.Equal(new[] { "Replaced ./DevDetail/FwV" }, events);
            Assert.Equal("1.18.0", _tree.GetString("./DevDetail/FwV"));
        }
    }
}

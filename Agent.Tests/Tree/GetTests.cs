using System.Collections;
using System.Globalization;
using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class GetTests
    {
        private readonly FakeClock _clock = new FakeClock();
        private readonly DmTree _tree;

        public GetTests()
        {
            _tree = NewTree(_clock);
            _tree.EnsureInterior("./App", "urn:example:app:1.0", false);
            _tree.SetLeaf("./App/Name", "chr", "text/plain", Bytes("Grüße"), false);
            _tree.SetLeaf("./App/Count", "int", null, Bytes("7"), false);
            _tree.EnsureInterior("./App/Empty", null, false);
            _tree.SetLeaf("./App/Hidden/Inner", null, null, Bytes("h"), false);
            _tree.SetAcl("./App/Hidden", "Replace=srvA");
            _tree.SetLeaf("./App/Key", "chr", null, Bytes("secret"), false);
            _tree.MarkSecret("./App/Key");
        }

        [Fact]
        public void LeafReturnsValueFormatAndTypeWithRequestedUri()
        {
            Assert.Equal(200, Get(_tree, SrvA, "App/Count", out var items));
            TreeItem item = Assert.Single(items);
            Assert.Equal("App/Count", item.Uri);
            Assert.Equal("int", item.Format);
            Assert.Equal("text/plain", item.Type);
            Assert.Equal("7", Text(item.Value));
        }

        [Fact]
        public void InteriorReturnsChildNamesJoinedBySlash()
        {
            Assert.Equal(200, Get(_tree, SrvA, "./App", out var items));
            TreeItem item = Assert.Single(items);
            Assert.Equal("node", item.Format);
            Assert.Equal("urn:example:app:1.0", item.Type);
            Assert.Equal(string.Join("/", new[] { "Name", "Count", "Empty", "Hidden", "Key" }), Text(item.Value));
        }

        [Fact]
        public void EmptyInteriorReturnsEmptyData()
        {
            Assert.Equal(200, Get(_tree, SrvA, "./App/Empty", out var items));
            Assert.NotNull(items[0].Value);
            Assert.Empty(items[0].Value);
        }

        [Fact]
        public void RootListsTopLevel()
        {
            Assert.Equal("App", GetText(_tree, SrvA, "."));
        }

        [Fact]
        public void MissingIs404()
        {
            Assert.Equal(404, Get(_tree, SrvA, "./App/Nope", out var items));
            Assert.Empty(items);
        }

        [Fact]
        public void NoGetRightIs425()
        {
            Assert.Equal(425, Get(_tree, SrvA, "./App/Hidden", out _));
            Assert.Equal(425, Get(_tree, SrvA, "./App/Hidden/Inner", out _));
            Assert.Equal(425, Get(_tree, SrvA, "./App/Hidden?prop=ACL", out _));
        }

        [Fact]
        public void SecretValueIsNeverReturnedEvenIfAclAllowsGet()
        {
            Assert.True(Acl.Allows(Acl.RootDefault, Acl.Get, SrvA));
            Assert.Equal(425, Get(_tree, SrvA, "./App/Key", out var items));
            Assert.Empty(items);
        }

        [Fact]
        public void NullResultsListIs500()
        {
            Assert.Equal(500, _tree.Get(SrvA, "./App", null));
        }

        [Fact]
        public void AclPropertyIsTheNodesOwnValue()
        {
            Assert.Equal("", GetText(_tree, SrvA, "./App/Name?prop=ACL"));
            Assert.Equal(Acl.RootDefault, GetText(_tree, SrvA, ".?prop=ACL"));
        }

        [Fact]
        public void PropertyItemIsChrTextWithRequestedUri()
        {
            Assert.Equal(200, Get(_tree, SrvA, "./App/Name?prop=Format", out var items));
            Assert.Equal("./App/Name?prop=Format", items[0].Uri);
            Assert.Equal("chr", items[0].Format);
            Assert.Equal("text/plain", items[0].Type);
            Assert.Equal("chr", Text(items[0].Value));
        }

        [Fact]
        public void FormatTypeNameProperties()
        {
            Assert.Equal("node", GetText(_tree, SrvA, "./App?prop=Format"));
            Assert.Equal("int", GetText(_tree, SrvA, "./App/Count?prop=Format"));
            Assert.Equal("urn:example:app:1.0", GetText(_tree, SrvA, "./App?prop=Type"));
            Assert.Equal("Count", GetText(_tree, SrvA, "./App/Count?prop=Name"));
            Assert.Equal("", GetText(_tree, SrvA, "./App/Count?prop=Title"));
        }

        [Fact]
        public void SizeIsDecodedByteCountOfLeaves()
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount("Grüße").ToString(CultureInfo.InvariantCulture),
                GetText(_tree, SrvA, "./App/Name?prop=Size"));
            Assert.Equal(406, Get(_tree, SrvA, "./App?prop=Size", out _));
        }

        [Fact]
        public void TStampIsIso8601BasicUtc()
        {
            _clock.UtcNow = new DateTime(2025, 12, 31, 23, 59, 58, DateTimeKind.Utc);
            _tree.SetString("./App/Count", "8");
            string expected = _clock.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            Assert.Equal(expected, GetText(_tree, SrvA, "./App/Count?prop=TStamp"));
            Assert.Equal("20251231T235958Z", expected);
        }

        [Fact]
        public void VerNoIsDecimal()
        {
            _tree.SetString("./App/Count", "8");
            _tree.SetString("./App/Count", "9");
            Assert.Equal(_tree.Find("./App/Count").VerNo.ToString(CultureInfo.InvariantCulture),
                GetText(_tree, SrvA, "./App/Count?prop=VerNo"));
            Assert.Equal("2", GetText(_tree, SrvA, "./App/Count?prop=VerNo"));
        }

        [Fact]
        public void UnknownPropertyIs406()
        {
            Assert.Equal(406, Get(_tree, SrvA, "./App/Count?prop=Colour", out _));
        }

        [Fact]
        public void ListStructGivesSubtreeWithoutData()
        {
            Assert.Equal(200, Get(_tree, SrvA, "./App?list=Struct", out var items));
            // Hidden (no Get for srvA) is left out together with its child.
            Assert.Equal(new[] { "./App", "./App/Name", "./App/Count", "./App/Empty", "./App/Key" },
                items.Select(i => i.Uri).ToArray());
            Assert.All(items, i => Assert.Null(i.Value));
            Assert.Equal("node", items[0].Format);
            Assert.Equal("node", items[3].Format);
            Assert.Equal("int", items[2].Format);
        }

        [Fact]
        public void ListStructDataAddsLeafValuesButNotSecrets()
        {
            Assert.Equal(200, Get(_tree, SrvA, "App?list=StructData", out var items));
            var byUri = items.ToDictionary(i => i.Uri);
            Assert.Null(byUri["./App"].Value);
            Assert.Equal("Grüße", Text(byUri["./App/Name"].Value));
            Assert.Equal("7", Text(byUri["./App/Count"].Value));
            Assert.Null(byUri["./App/Empty"].Value);
            Assert.Null(byUri["./App/Key"].Value);
            Assert.False(byUri.ContainsKey("./App/Hidden/Inner"));
        }

        [Fact]
        public void ListShowsDescendantsThatGrantGetBelowADeniedNodeOnlyIfTheListRootIsAllowed()
        {
            _tree.SetAcl("./App/Hidden/Inner", "Get=srvA");
            Assert.Equal(425, Get(_tree, SrvA, "./App/Hidden?list=Struct", out _));
            Assert.Equal(200, Get(_tree, SrvA, "./App/Hidden/Inner?list=StructData", out var items));
            Assert.Equal("h", Text(Assert.Single(items).Value));
        }

        [Fact]
        public void ListOfDeniedRootIs425()
        {
            _tree.SetAcl("./App", "Get=srvB");
            Assert.Equal(425, Get(_tree, SrvA, "./App?list=Struct", out var items));
            Assert.Empty(items);
        }

        [Theory]
        [InlineData("TNDS")]
        [InlineData("TNDS+Value+ACL")]
        [InlineData("Everything")]
        public void UnsupportedListIs406(string list)
        {
            Assert.Equal(406, Get(_tree, SrvA, "./App?list=" + list, out _));
        }

        [Fact]
        public void UriLimitsAre414AndSyntaxErrors400()
        {
            DmTree tree = NewTree(limits: new TreeLimits { MaxTotLen = 6 });
            Assert.Equal(414, Get(tree, SrvA, "./Abcde", out _));
            Assert.Equal(400, Get(tree, SrvA, "./A/", out _));
        }
    }
}

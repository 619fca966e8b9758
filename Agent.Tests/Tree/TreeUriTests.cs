using NanoOmaDm.Agent.Tree;
using Xunit;

namespace NanoOmaDm.Tests.Tree
{
    public class TreeUriTests
    {
        [Theory]
        [InlineData("./A/B")]
        [InlineData("A/B")]
        public void RelativeFormsAreEquivalent(string text)
        {
            TreeUri uri = TreeUri.Parse(text, null);
            Assert.Equal(200, uri.Status);
            Assert.Equal(new[] { "A", "B" }, uri.Segments);
            Assert.Null(uri.QueryKey);
        }

        [Fact]
        public void RootHasNoSegments()
        {
            TreeUri uri = TreeUri.Parse(".", null);
            Assert.Equal(200, uri.Status);
            Assert.Empty(uri.Segments);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("./")]
        [InlineData("A/")]
        [InlineData("./A/B/")]
        [InlineData("A//B")]
        [InlineData("/A")]
        [InlineData("./A/../B")]
        [InlineData("./A/./B")]
        [InlineData("..")]
        [InlineData("A/\u0007")]
        [InlineData("A?prop")]
        [InlineData("A?prop=")]
        public void SyntaxErrorsAre400(string text)
        {
            Assert.Equal(400, TreeUri.Parse(text, null).Status);
        }

        [Fact]
        public void QueryIsSplitOff()
        {
            TreeUri uri = TreeUri.Parse("./DevInfo/DevId?prop=ACL", null);
            Assert.Equal(200, uri.Status);
            Assert.Equal(new[] { "DevInfo", "DevId" }, uri.Segments);
            Assert.Equal("prop", uri.QueryKey);
            Assert.Equal("ACL", uri.QueryValue);

            uri = TreeUri.Parse("DevInfo?list=Struct", null);
            Assert.Equal("list", uri.QueryKey);
            Assert.Equal("Struct", uri.QueryValue);
        }

        [Fact]
        public void UnknownQueryIs406()
        {
            Assert.Equal(406, TreeUri.Parse("A?foo=bar", null).Status);
        }

        [Fact]
        public void MaxDepthCountsSegmentsBelowRoot()
        {
            var limits = new TreeLimits { MaxDepth = 2 };
            Assert.Equal(200, TreeUri.Parse("./A/B", limits).Status);
            Assert.Equal(414, TreeUri.Parse("./A/B/C", limits).Status);
            Assert.Equal(200, TreeUri.Parse(".", limits).Status);
        }

        [Fact]
        public void MaxSegLenAppliesToEverySegment()
        {
            var limits = new TreeLimits { MaxSegLen = 3 };
            Assert.Equal(200, TreeUri.Parse("./ABC/DEF", limits).Status);
            Assert.Equal(414, TreeUri.Parse("./ABC/DEFG", limits).Status);
            Assert.Equal(414, TreeUri.Parse("ABCD/E", limits).Status);
        }

        [Fact]
        public void MaxTotLenCountsTheUriAsReceivedIncludingQuery()
        {
            var limits = new TreeLimits { MaxTotLen = 10 };
            Assert.Equal(200, TreeUri.Parse("./A/B/C/DE", limits).Status);
            Assert.Equal(414, TreeUri.Parse("./A/B/C/DEF", limits).Status);
            Assert.Equal(200, TreeUri.Parse("A?prop=ACL", limits).Status);
            Assert.Equal(414, TreeUri.Parse("AB?prop=ACL", limits).Status);
        }

        [Fact]
        public void ZeroLimitsMeanUnlimited()
        {
            var limits = new TreeLimits();
            string deep = string.Join("/", Enumerable.Repeat(new string('x', 300), 50));
            Assert.Equal(200, TreeUri.Parse(deep, limits).Status);
        }

        [Theory]
        [InlineData("abc", true)]
        [InlineData("a b", true)]
        [InlineData("", false)]
        [InlineData(".", false)]
        [InlineData("..", false)]
        [InlineData("a/b", false)]
        [InlineData("a?b", false)]
        [InlineData(null, false)]
        public void IsValidSegment(string name, bool expected)
        {
            Assert.Equal(expected, TreeUri.IsValidSegment(name));
        }
    }
}

using NanoOmaDm.Agent.Tree;
using Xunit;

namespace NanoOmaDm.Tests.Tree
{
    public class AclTests
    {
        // The example ACL of DM TND §8.3.7.1.5.
        private const string SpecExample =
            "Add=www.sonera.fi-8765&Delete=www.sonera.fi-8765&Replace=www.sonera.fi-8765+321_ibm.com&Get=*";

        [Theory]
        [InlineData("")]
        [InlineData("Get=*")]
        [InlineData("Add=*&Get=*")]
        [InlineData("Exec=a+b+c")]
        [InlineData("Add=srvA&Get=*&Replace=srvA+srvB")]
        [InlineData("Get=srvA&Get=srvB")]
        [InlineData("Get=*+srvA")]
        [InlineData("Replace=dm.example.com:8443/x")]
        [InlineData(SpecExample)]
        public void IsValid_AcceptsGrammar(string acl)
        {
            Assert.True(Acl.IsValid(acl));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("Get")]
        [InlineData("Get=")]
        [InlineData("=srv")]
        [InlineData("Copy=*")]
        [InlineData("get=*")]
        [InlineData("Get =*")]
        [InlineData("Get=*&")]
        [InlineData("&Get=*")]
        [InlineData("Get=a&&Replace=b")]
        [InlineData("Get=a++b")]
        [InlineData("Get=+a")]
        [InlineData("Get=a+")]
        [InlineData("Get=a b")]
        [InlineData("Get=a\tb")]
        [InlineData("Get=a=b")]
        [InlineData("Get=*x")]
        [InlineData("Get=x*")]
        [InlineData("Get=a\u0001")]
        public void IsValid_RejectsMalformed(string acl)
        {
            Assert.False(Acl.IsValid(acl));
        }

        [Fact]
        public void Allows_SpecExample()
        {
            Assert.True(Acl.Allows(SpecExample, Acl.Add, "www.sonera.fi-8765"));
            Assert.False(Acl.Allows(SpecExample, Acl.Add, "321_ibm.com"));
            Assert.True(Acl.Allows(SpecExample, Acl.Replace, "321_ibm.com"));
            Assert.True(Acl.Allows(SpecExample, Acl.Replace, "www.sonera.fi-8765"));
            Assert.True(Acl.Allows(SpecExample, Acl.Get, "anyone"));
            Assert.False(Acl.Allows(SpecExample, Acl.Exec, "www.sonera.fi-8765"));
        }

        [Fact]
        public void Allows_MatchesWholeIdsOnly()
        {
            Assert.False(Acl.Allows("Get=srvAB", Acl.Get, "srvA"));
            Assert.False(Acl.Allows("Get=srvA", Acl.Get, "srvAB"));
            Assert.False(Acl.Allows("Get=srvA", Acl.Get, "srv"));
            Assert.False(Acl.Allows("Get=srvA", Acl.Get, "srva"));
            Assert.False(Acl.Allows("GetX=srvA", Acl.Get, "srvA"));
        }

        [Fact]
        public void Allows_WildcardOverridesNamedIds()
        {
            Assert.True(Acl.Allows("Get=srvA+*", Acl.Get, "srvB"));
            Assert.True(Acl.Allows("Get=*", Acl.Get, null));
            Assert.False(Acl.Allows("Get=srvA", Acl.Get, null));
        }

        [Fact]
        public void Allows_AnyEntryOfARepeatedCommandGrants()
        {
            Assert.True(Acl.Allows("Get=a&Replace=c&Get=b", Acl.Get, "b"));
            Assert.False(Acl.Allows("Get=a&Replace=c&Get=b", Acl.Get, "c"));
        }

        [Fact]
        public void Allows_EmptyAclGrantsNothing()
        {
            Assert.False(Acl.Allows("", Acl.Get, "srvA"));
            Assert.False(Acl.Allows(null, Acl.Get, "srvA"));
        }

        [Theory]
        [InlineData("srvA", true)]
        [InlineData("dm.example.com", true)]
        [InlineData("*", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        [InlineData("a+b", false)]
        [InlineData("a&b", false)]
        [InlineData("a=b", false)]
        [InlineData("a b", false)]
        public void IsValidServerId(string id, bool expected)
        {
            Assert.Equal(expected, Acl.IsValidServerId(id));
        }

        [Theory]
        [InlineData("Get=a+b&Replace=a", "a", "Get=b")]
        [InlineData("Get=b&Replace=a+b", "a", "Get=b&Replace=b")]
        [InlineData("Get=a", "a", "")]
        [InlineData("Get=*", "a", "Get=*")]
        [InlineData("Get=ab+a+ba", "a", "Get=ab+ba")]
        [InlineData("Replace=a&Get=a&Add=b", "a", "Add=b")]
        public void WithoutServer_OnDynamicNode(string acl, string id, string expected)
        {
            Assert.Equal(expected, Acl.WithoutServer(acl, id, false));
        }

        [Theory]
        [InlineData("Add=a&Get=a&Replace=a", "a", "Add=*&Get=*")]
        [InlineData("Add=*&Get=*&Replace=a+b", "a", "Add=*&Get=*&Replace=b")]
        [InlineData("Delete=a", "a", Acl.RootDefault)]
        [InlineData("", "a", Acl.RootDefault)]
        public void WithoutServer_OnRootFallsBackToFactoryDefault(string acl, string id, string expected)
        {
            Assert.Equal(expected, Acl.WithoutServer(acl, id, true));
        }
    }
}

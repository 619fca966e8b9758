using NanoOmaDm.Agent.Tree;
using Xunit;
using static NanoOmaDm.Tests.Tree.TreeKit;

namespace NanoOmaDm.Tests.Tree
{
    public class ExecTests
    {
        private readonly DmTree _tree = NewTree();
        private ExecRequest _seen;

        public ExecTests()
        {
            _tree.EnsureInterior("./Mo/Ops", null, false);
            _tree.SetAcl("./Mo", "Get=*&Exec=srvA");
            _tree.SetLeaf("./Mo/Ops/Install", null, null, null, false);
            _tree.SetLeaf("./Mo/Ops/Plain", null, null, null, false);
            Assert.True(_tree.RegisterExec("./Mo/Ops/Install", r => { _seen = r; return 202; }));
        }

        [Fact]
        public void RunsHandlerAndReturnsItsStatus()
        {
            var request = new ExecRequest { Uri = "./Mo/Ops/Install", Data = "arg", Correlator = "c-1", CmdId = "4" };
            Assert.Equal(202, _tree.Exec(SrvA, request));
            Assert.Same(request, _seen);
            Assert.Equal(SrvA, _seen.ServerId);
            Assert.Equal("arg", _seen.Data);
            Assert.Equal("c-1", _seen.Correlator);
        }

        [Fact]
        public void MissingNodeIs404()
        {
            Assert.Equal(404, _tree.Exec(SrvA, new ExecRequest { Uri = "./Mo/Ops/Nope" }));
        }

        [Fact]
        public void NodeWithoutHandlerIs406()
        {
            Assert.Equal(406, _tree.Exec(SrvA, new ExecRequest { Uri = "./Mo/Ops/Plain" }));
        }

        [Fact]
        public void NoExecRightIs425AndHandlerNotCalled()
        {
            Assert.Equal(425, _tree.Exec(SrvB, new ExecRequest { Uri = "./Mo/Ops/Install" }));
            Assert.Null(_seen);
        }

        [Fact]
        public void ThrowingHandlerIs500()
        {
            _tree.RegisterExec("./Mo/Ops/Plain", r => throw new InvalidOperationException("boom"));
            Assert.Equal(500, _tree.Exec(SrvA, new ExecRequest { Uri = "./Mo/Ops/Plain" }));
        }

        [Fact]
        public void BadRequestsDoNotThrow()
        {
            Assert.Equal(400, _tree.Exec(SrvA, null));
            Assert.Equal(400, _tree.Exec(SrvA, new ExecRequest { Uri = null }));
            Assert.Equal(405, _tree.Exec(SrvA, new ExecRequest { Uri = "./Mo/Ops/Install?prop=ACL" }));
        }

        [Fact]
        public void RegisterOnMissingNodeFails()
        {
            Assert.False(_tree.RegisterExec("./Mo/Nope", r => 200));
        }

        [Fact]
        public void HandlerSurvivesDeleteRollback()
        {
            _tree.SetAcl("./Mo", "Get=*&Exec=srvA&Delete=srvA");
            _tree.BeginAtomic();
            Assert.Equal(200, _tree.Delete(SrvA, "./Mo/Ops"));
            Assert.True(_tree.RollbackAtomic());
            Assert.Equal(202, _tree.Exec(SrvA, new ExecRequest { Uri = "./Mo/Ops/Install" }));
        }
    }
}

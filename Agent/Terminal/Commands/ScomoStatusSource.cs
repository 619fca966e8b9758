using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary>The "software" line of <c>status</c>: "2 components (1 active), no operation running", with the
    /// download's progress while one runs.</summary>
    public sealed class ScomoStatusSource : IStatusSource
    {
        private readonly DmAgent _agent;
        private readonly ScomoExecutor _executor;

        public ScomoStatusSource(DmAgent agent, ScomoExecutor executor)
        {
            _agent = agent;
            _executor = executor;
        }

        public string Label
        {
            get { return "software"; }
        }

        public string Describe()
        {
            int components = 0;
            int active = 0;
            lock (_agent.TreeLock)
            {
                DmNode deployed = _agent.Tree.Find(ScomoTree.Deployed);
                for (int i = 0; deployed != null && i < deployed.ChildCount; i++)
                {
                    components++;
                    if (ScomoEntries.GetInt(_agent.Tree, ScomoTree.Deployed, deployed.GetChild(i).Name, ScomoTree.State, 0) == ScomoTree.StateActive)
                    {
                        active++;
                    }
                }
            }
            string text = components.ToString() + " component(s) (" + active.ToString() + " active), " + ScomoText.Work(_executor);
            DownloadClient download = _executor.ActiveDownload;
            return download == null ? text : text + ", download " + ScomoText.State(download) + " at " + ScomoText.Progress(download);
        }
    }
}

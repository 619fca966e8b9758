using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The leaves of one ./SCOMO/Inventory/Deployed/&lt;id&gt; entry, read or written as a whole: an update keeps
    /// the previous version's copy to put back if the new one fails to start.</summary>
    internal sealed class DeployedComponent
    {
        /// <summary>Deployed/&lt;id&gt;/Ext/Image: the storage file holding the component's image.</summary>
        public const string ImageLeaf = ScomoTree.Ext + "/Image";
        public const string ParametersLeaf = ScomoTree.Ext + "/" + ScomoTree.InstallParams;

        public string Id;
        public string PkgIdRef;
        public string Name;
        public string Version;
        public string Description;
        public string EnvType;
        public string Parameters;
        public string Image;
        public int State;

        /// <summary>The entry as it is, or null when there is none.</summary>
        public static DeployedComponent Read(DmTree tree, string id)
        {
            string entry = ScomoTree.Entry(ScomoTree.Deployed, id);
            if (tree.Find(entry) == null)
            {
                return null;
            }
            DeployedComponent c = new DeployedComponent();
            c.Id = id;
            c.PkgIdRef = tree.GetString(entry + "/" + ScomoTree.PkgIdRef);
            c.Name = tree.GetString(entry + "/" + ScomoTree.Name);
            c.Version = tree.GetString(entry + "/" + ScomoTree.Version);
            c.Description = tree.GetString(entry + "/" + ScomoTree.Description);
            c.EnvType = tree.GetString(entry + "/" + ScomoTree.EnvType);
            c.Parameters = tree.GetString(entry + "/" + ParametersLeaf);
            c.Image = tree.GetString(entry + "/" + ImageLeaf);
            c.State = ScomoEntries.GetInt(tree, ScomoTree.Deployed, id, ScomoTree.State, ScomoTree.StateInactive);
            return c;
        }

        /// <summary>Creates or overwrites the entry with these values, its Status idle, and its operations attached.</summary>
        public void Write(DmTree tree, ExecHandler operations)
        {
            string entry = ScomoTree.Entry(ScomoTree.Deployed, Id);
            tree.EnsureInterior(entry, null, false);
            Set(tree, entry + "/" + ScomoTree.Id, Id);
            Set(tree, entry + "/" + ScomoTree.PkgIdRef, PkgIdRef);
            Set(tree, entry + "/" + ScomoTree.Name, Name);
            Set(tree, entry + "/" + ScomoTree.Version, Version);
            Set(tree, entry + "/" + ScomoTree.Description, Description);
            Set(tree, entry + "/" + ScomoTree.EnvType, EnvType);
            Set(tree, entry + "/" + ParametersLeaf, Parameters);
            Set(tree, entry + "/" + ImageLeaf, Image);
            ScomoEntries.Complete(tree, ScomoTree.Deployed, Id, operations);
            ScomoEntries.SetState(tree, ScomoTree.Deployed, Id, State);
            ScomoEntries.SetStatus(tree, ScomoTree.Deployed, Id, ScomoStatus.Idle);
        }

        /// <summary>An absent value is written empty: a rollback must not leave the newer version's value behind.</summary>
        private static void Set(DmTree tree, string uri, string value)
        {
            ScomoEntries.SetString(tree, uri, value ?? string.Empty);
        }
    }
}

using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The SCOMO management object at ./SCOMO: the permanent skeleton with its ACLs, completion of the entries
    /// servers add, and the Exec handlers of every operation node, which hand the work to the
    /// <see cref="ScomoExecutor"/>.</summary>
    public sealed class ScomoMo : IManagementObject
    {
        /// <summary>Servers may manage software (ACLs narrow it per node as usual).</summary>
        public const string RootAcl = "Get=*&Add=*&Replace=*&Delete=*&Exec=*";

        private readonly ScomoExecutor _executor;
        private readonly string _keyAuthority;

        /// <param name="keyAuthority">ServerID of the only server allowed to add, replace or delete trusted signing keys;
        /// null: no server may, keys are provisioned on the device.</param>
        public ScomoMo(ScomoExecutor executor, string keyAuthority)
        {
            _executor = executor;
            _keyAuthority = keyAuthority;
        }

        public void Register(DmTree tree)
        {
            tree.EnsureInterior(ScomoTree.Root, ScomoTree.MoType, true);
            tree.SetAcl(ScomoTree.Root, RootAcl);
            tree.EnsureInterior(ScomoTree.Download, null, true);
            tree.EnsureInterior(ScomoTree.Delivered, null, true);
            tree.EnsureInterior(ScomoTree.Deployed, null, true);
            // Components appear in Deployed only through installation.
            tree.SetAcl(ScomoTree.Deployed, ScomoEntries.ReadOnlyAcl);
            tree.EnsureInterior(ScomoTree.TrustedKeys, null, true);
            tree.SetAcl(ScomoTree.TrustedKeys, KeyAcl());

            ExecHandler exec = OnExec;
            _executor.OperationHandler = exec;
            RegisterCollection(tree, ScomoTree.Download, exec);
            RegisterCollection(tree, ScomoTree.Delivered, exec);
            RegisterCollection(tree, ScomoTree.Deployed, exec);
        }

        private string KeyAcl()
        {
            if (_keyAuthority == null)
            {
                return ScomoEntries.ReadOnlyAcl;
            }
            return "Get=*&Add=" + _keyAuthority + "&Replace=" + _keyAuthority + "&Delete=" + _keyAuthority;
        }

        private static void RegisterCollection(DmTree tree, string collection, ExecHandler exec)
        {
            DmNode node = tree.Find(collection);
            for (int i = 0; i < node.ChildCount; i++)
            {
                DmNode entry = node.GetChild(i);
                if (entry.IsInterior)
                {
                    ScomoEntries.Complete(tree, collection, entry.Name, exec);
                }
            }
            if (collection != ScomoTree.Deployed)
            {
                tree.RegisterChildAdded(collection, delegate(DmNode added)
                {
                    ScomoEntries.Complete(tree, collection, added.Name, exec);
                });
            }
        }

        /// <summary>./SCOMO/&lt;collection&gt;/&lt;x&gt;/Operations/&lt;op&gt;: the URI names everything the executor needs.</summary>
        private int OnExec(ExecRequest request)
        {
            string uri = request.Uri.StartsWith("./") ? request.Uri : "./" + request.Uri;
            string collection = uri.StartsWith(ScomoTree.Download + "/") ? ScomoTree.Download
                : uri.StartsWith(ScomoTree.Delivered + "/") ? ScomoTree.Delivered
                : uri.StartsWith(ScomoTree.Deployed + "/") ? ScomoTree.Deployed : null;
            if (collection == null)
            {
                return StatusCode.OptionalFeatureNotSupported;
            }
            string[] rest = uri.Substring(collection.Length + 1).Split('/');
            ScomoOperation op = rest.Length == 3 && rest[1] == ScomoTree.Operations
                ? ScomoOperations.Parse(collection, rest[2]) : ScomoOperation.None;
            if (op == ScomoOperation.None)
            {
                return StatusCode.OptionalFeatureNotSupported;
            }
            return _executor.Accept(op, rest[0], request);
        }
    }
}

using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Mo
{
    /// <summary>./DMAcc, the DM 1.2 server accounts (one ./DMAcc/&lt;x&gt; per server, see <see cref="DmAccount"/>).
    /// ./DMAcc itself is a permanent placeholder readable by every server so that a server can find the name of its own
    /// account; it grants no Add, so accounts are created by the device only. The MO identifier is the Type of each
    /// account node, as the DDF roots the MO at &lt;x&gt;.</summary>
    public sealed class DmAccMo : IManagementObject
    {
        public const string Root = "./DMAcc";
        public const string MoType = "urn:oma:mo:oma-dm-dmacc:1.0";
        public const string RootAcl = "Get=*";
        public const string AppIdValue = "w7";

        public const string AppId = "AppID";
        public const string ServerIdNode = "ServerID";
        public const string Name = "Name";
        public const string PrefConRef = "PrefConRef";
        public const string AppAddr = "AppAddr";
        public const string Addr = "Addr";
        public const string AddrType = "AddrType";
        public const string Port = "Port";
        public const string PortNbr = "PortNbr";
        public const string AAuthPref = "AAuthPref";
        public const string AppAuth = "AppAuth";
        public const string AAuthLevel = "AAuthLevel";
        public const string AAuthType = "AAuthType";
        public const string AAuthName = "AAuthName";
        public const string AAuthSecret = "AAuthSecret";
        public const string AAuthData = "AAuthData";
        public const string Ext = "Ext";

        public const string AddrTypeUri = "URI";
        /// <summary>AAuthLevel of the credentials the client presents to the server.</summary>
        public const string ClientCredentials = "CLCRED";
        /// <summary>AAuthLevel of the credentials the server presents to the client.</summary>
        public const string ServerCredentials = "SRVCRED";

        public const string Basic = "BASIC";
        public const string Digest = "DIGEST";
        public const string Hmac = "HMAC";

        public void Register(DmTree tree)
        {
            EnsureRoot(tree);
            DmAccount[] accounts = DmAccount.All(tree);
            for (int i = 0; i < accounts.Length; i++)
            {
                accounts[i].ProtectSecrets();
            }
        }

        internal static DmNode EnsureRoot(DmTree tree)
        {
            DmNode root = tree.Find(Root);
            if (root == null)
            {
                root = tree.EnsureInterior(Root, null, true);
                tree.SetAcl(Root, RootAcl);
            }
            return root != null && root.IsInterior ? root : null;
        }

        internal static bool IsAuthType(string authType)
        {
            return authType == Basic || authType == Digest || authType == Hmac;
        }
    }
}

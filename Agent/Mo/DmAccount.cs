using System.Collections;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Mo
{
    /// <summary>A view over one ./DMAcc/&lt;x&gt; account for the session. Every getter reads the tree and every setter
    /// writes it (device-side API), so the tree stays the single source of truth and server changes are seen at once.
    /// Layout: AppID, ServerID, Name, PrefConRef, AppAddr/1/{Addr, AddrType, Port/1/PortNbr}, AAuthPref,
    /// AppAuth/{CLCRED,SRVCRED}/{AAuthLevel, AAuthType, AAuthName, AAuthSecret, AAuthData}, Ext.
    /// AppAuth entries are found by their AAuthLevel value, not by name, so a server renaming them breaks nothing.
    ///
    /// ACL choice: the account node grants its own server Get and Replace (it can read and maintain its account, e.g.
    /// rotate its secrets or change its address) and nobody else anything; no Add or Delete, so accounts are created and
    /// removed by the device only. ServerID is Get-only (the ACLs of the tree are keyed by it). AAuthSecret and AAuthData
    /// grant Replace only and are additionally marked secret in the tree, because a server holding Replace on the parent
    /// could otherwise rewrite their ACL and then read them: secrets are never returned to a server.</summary>
    public sealed class DmAccount
    {
        private const string OctetStream = "application/octet-stream";

        private readonly DmTree _tree;
        private readonly DmNode _node;

        private DmAccount(DmTree tree, DmNode node)
        {
            _tree = tree;
            _node = node;
        }

        /// <summary>The account's interior node ./DMAcc/&lt;x&gt;.</summary>
        public DmNode Node
        {
            get { return _node; }
        }

        public string ServerId
        {
            get { return MoLeaf.Text(_node.FindChild(DmAccMo.ServerIdNode)); }
        }

        /// <summary>The name the server authenticates with toward us: its server id.</summary>
        public string ServerName
        {
            get { return ServerId; }
        }

        public string ServerUri
        {
            get { return MoLeaf.Text(Descend(_node, DmAccMo.AppAddr, DmAccMo.Addr)); }
            set { WriteAddress(value); }
        }

        public string AuthPref
        {
            get { return MoLeaf.Text(_node.FindChild(DmAccMo.AAuthPref)); }
            set { MoLeaf.Chr(_tree, _node.Uri + "/" + DmAccMo.AAuthPref, value, false); }
        }

        public string ClientName
        {
            get { return ReadAuth(DmAccMo.ClientCredentials, DmAccMo.AAuthName); }
            set { MoLeaf.Chr(_tree, AuthUri(DmAccMo.ClientCredentials, DmAccMo.AAuthName), value, false); }
        }

        public string ClientSecret
        {
            get { return ReadAuth(DmAccMo.ClientCredentials, DmAccMo.AAuthSecret); }
            set { WriteSecret(DmAccMo.ClientCredentials, DmAccMo.AAuthSecret, DmFormat.Chr, Utf8Text.Encode(value)); }
        }

        /// <summary>Nonce the client must use in its digest toward the server (decoded bytes; empty when none yet).</summary>
        public byte[] ClientNonce
        {
            get { return ReadAuthBytes(DmAccMo.ClientCredentials); }
            set { WriteSecret(DmAccMo.ClientCredentials, DmAccMo.AAuthData, DmFormat.Bin, value); }
        }

        public string ServerSecret
        {
            get { return ReadAuth(DmAccMo.ServerCredentials, DmAccMo.AAuthSecret); }
            set { WriteSecret(DmAccMo.ServerCredentials, DmAccMo.AAuthSecret, DmFormat.Chr, Utf8Text.Encode(value)); }
        }

        /// <summary>Nonce the server must use in its digest toward us (decoded bytes; empty when none yet).</summary>
        public byte[] ServerNonce
        {
            get { return ReadAuthBytes(DmAccMo.ServerCredentials); }
            set { WriteSecret(DmAccMo.ServerCredentials, DmAccMo.AAuthData, DmFormat.Bin, value); }
        }

        /// <summary>The account of <paramref name="serverId"/>, or null.</summary>
        public static DmAccount Find(DmTree tree, string serverId)
        {
            DmNode root = tree.Find(DmAccMo.Root);
            if (root == null || serverId == null)
            {
                return null;
            }
            for (int i = 0; i < root.ChildCount; i++)
            {
                DmNode account = root.GetChild(i);
                if (account.IsInterior && MoLeaf.Text(account.FindChild(DmAccMo.ServerIdNode)) == serverId)
                {
                    return new DmAccount(tree, account);
                }
            }
            return null;
        }

        public static DmAccount[] All(DmTree tree)
        {
            ArrayList accounts = new ArrayList();
            DmNode root = tree.Find(DmAccMo.Root);
            for (int i = 0; root != null && i < root.ChildCount; i++)
            {
                DmNode account = root.GetChild(i);
                if (account.IsInterior && account.FindChild(DmAccMo.ServerIdNode) != null)
                {
                    accounts.Add(new DmAccount(tree, account));
                }
            }
            return (DmAccount[])accounts.ToArray(typeof(DmAccount));
        }

        /// <summary>Creates the account under ./DMAcc (created too if missing). Null if the settings are unusable (server
        /// id empty or not writable into an ACL, unknown AuthPref) or the server already has an account.</summary>
        public static DmAccount Create(DmTree tree, AccountSettings settings)
        {
            if (tree == null || settings == null || !Acl.IsValidServerId(settings.ServerId)
                || !DmAccMo.IsAuthType(settings.AuthPref) || Find(tree, settings.ServerId) != null)
            {
                return null;
            }
            DmNode root = DmAccMo.EnsureRoot(tree);
            if (root == null)
            {
                return null;
            }
            string serverId = settings.ServerId;
            string uri = root.Uri + "/" + FreeName(root);
            DmNode node = tree.EnsureInterior(uri, DmAccMo.MoType, false);
            tree.SetAcl(uri, Acl.Get + "=" + serverId + "&" + Acl.Replace + "=" + serverId);
            MoLeaf.Chr(tree, uri + "/" + DmAccMo.AppId, DmAccMo.AppIdValue, false);
            MoLeaf.Chr(tree, uri + "/" + DmAccMo.ServerIdNode, serverId, false);
            tree.SetAcl(uri + "/" + DmAccMo.ServerIdNode, Acl.Get + "=" + serverId);
            MoLeaf.Chr(tree, uri + "/" + DmAccMo.Name, serverId, false);
            MoLeaf.Chr(tree, uri + "/" + DmAccMo.PrefConRef, string.Empty, false);
            MoLeaf.Chr(tree, uri + "/" + DmAccMo.AAuthPref, settings.AuthPref, false);
            DmAccount account = new DmAccount(tree, node);
            account.WriteAddress(settings.ServerUri);
            account.CreateAuth(DmAccMo.ServerCredentials, settings.AuthPref, serverId, settings.ServerSecret);
            account.CreateAuth(DmAccMo.ClientCredentials, settings.AuthPref, settings.ClientName, settings.ClientSecret);
            tree.EnsureInterior(uri + "/" + DmAccMo.Ext, null, false);
            return account;
        }

        /// <summary>Deletes the server's account and scrubs its id from every ACL (DM TND §8.3.7.1.4).</summary>
        public static bool Remove(DmTree tree, string serverId)
        {
            DmAccount account = Find(tree, serverId);
            if (account == null)
            {
                return false;
            }
            tree.Remove(account._node.Uri);
            tree.RemoveServerFromAcls(serverId);
            return true;
        }

        /// <summary>Marks every AAuthSecret/AAuthData of the account secret (also used after a restore from storage).</summary>
        internal void ProtectSecrets()
        {
            DmNode appAuth = _node.FindChild(DmAccMo.AppAuth);
            for (int i = 0; appAuth != null && i < appAuth.ChildCount; i++)
            {
                string entry = appAuth.GetChild(i).Uri;
                _tree.MarkSecret(entry + "/" + DmAccMo.AAuthSecret);
                _tree.MarkSecret(entry + "/" + DmAccMo.AAuthData);
            }
        }

        private void CreateAuth(string level, string authType, string name, string secret)
        {
            string entry = _node.Uri + "/" + DmAccMo.AppAuth + "/" + level;
            MoLeaf.Chr(_tree, entry + "/" + DmAccMo.AAuthLevel, level, false);
            MoLeaf.Chr(_tree, entry + "/" + DmAccMo.AAuthType, authType, false);
            MoLeaf.Chr(_tree, entry + "/" + DmAccMo.AAuthName, name, false);
            WriteSecret(level, DmAccMo.AAuthSecret, DmFormat.Chr, Utf8Text.Encode(secret));
            WriteSecret(level, DmAccMo.AAuthData, DmFormat.Bin, null);
        }

        private void WriteSecret(string level, string leaf, string format, byte[] value)
        {
            string uri = AuthUri(level, leaf);
            _tree.SetLeaf(uri, format, format == DmFormat.Bin ? OctetStream : DmFormat.DefaultLeafType, value, false);
            _tree.SetAcl(uri, Acl.Replace + "=" + ServerId);
            _tree.MarkSecret(uri);
        }

        private void WriteAddress(string serverUri)
        {
            string entry = _node.Uri + "/" + DmAccMo.AppAddr + "/" + FirstChildName(_node.FindChild(DmAccMo.AppAddr));
            MoLeaf.Chr(_tree, entry + "/" + DmAccMo.Addr, serverUri, false);
            MoLeaf.Chr(_tree, entry + "/" + DmAccMo.AddrType, DmAccMo.AddrTypeUri, false);
            int port = ServerPort.Of(serverUri);
            if (port > 0)
            {
                string portEntry = entry + "/" + DmAccMo.Port + "/";
                portEntry += FirstChildName(_tree.Find(entry + "/" + DmAccMo.Port));
                MoLeaf.Int(_tree, portEntry + "/" + DmAccMo.PortNbr, port, false);
            }
        }

        private string ReadAuth(string level, string leaf)
        {
            return MoLeaf.Text(FindAuthLeaf(level, leaf));
        }

        private byte[] ReadAuthBytes(string level)
        {
            DmNode data = FindAuthLeaf(level, DmAccMo.AAuthData);
            return data == null || data.IsInterior ? null : data.Value;
        }

        private DmNode FindAuthLeaf(string level, string leaf)
        {
            DmNode entry = FindAuthEntry(level);
            return entry == null ? null : entry.FindChild(leaf);
        }

        /// <summary>URI of a leaf of the AppAuth entry of <paramref name="level"/>; the entry is named after the level
        /// when it does not exist yet.</summary>
        private string AuthUri(string level, string leaf)
        {
            DmNode entry = FindAuthEntry(level);
            string entryUri = entry != null ? entry.Uri : _node.Uri + "/" + DmAccMo.AppAuth + "/" + level;
            return entryUri + "/" + leaf;
        }

        private DmNode FindAuthEntry(string level)
        {
            DmNode appAuth = _node.FindChild(DmAccMo.AppAuth);
            for (int i = 0; appAuth != null && i < appAuth.ChildCount; i++)
            {
                DmNode entry = appAuth.GetChild(i);
                if (MoLeaf.Text(entry.FindChild(DmAccMo.AAuthLevel)) == level)
                {
                    return entry;
                }
            }
            return null;
        }

        private static DmNode Descend(DmNode node, string child, string leaf)
        {
            DmNode parent = node.FindChild(child);
            if (parent == null || parent.ChildCount == 0)
            {
                return null;
            }
            return parent.GetChild(0).FindChild(leaf);
        }

        private static string FirstChildName(DmNode node)
        {
            return node != null && node.ChildCount > 0 ? node.GetChild(0).Name : "1";
        }

        /// <summary>First name "AccN" not taken under ./DMAcc; neutral names keep server ids out of the listing that
        /// every server may read.</summary>
        private static string FreeName(DmNode root)
        {
            int n = root.ChildCount + 1;
            while (root.FindChild("Acc" + n.ToString()) != null)
            {
                n++;
            }
            return "Acc" + n.ToString();
        }
    }
}

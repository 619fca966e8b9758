using System.Collections;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The package signing keys the device trusts: the leaves of ./SCOMO/Ext/TrustedKeys, key id = node name,
    /// value = the 32-byte Ed25519 public key. Their ACL lets only the configured key authority change them.</summary>
    public static class TrustedKeyRing
    {
        public const int KeyLength = 32;

        /// <summary>Key id to public key, for <see cref="PackageReader"/>; leaves of the wrong size are ignored.</summary>
        public static Hashtable Read(DmTree tree)
        {
            Hashtable keys = new Hashtable();
            DmNode ring = tree.Find(ScomoTree.TrustedKeys);
            for (int i = 0; ring != null && i < ring.ChildCount; i++)
            {
                DmNode key = ring.GetChild(i);
                if (!key.IsInterior && key.Value != null && key.Value.Length == KeyLength)
                {
                    keys[key.Name] = key.Value;
                }
            }
            return keys;
        }

        /// <summary>Device-side provisioning (factory or board configuration): adds or replaces one key.</summary>
        public static bool Install(DmTree tree, string keyId, byte[] publicKey)
        {
            if (publicKey == null || publicKey.Length != KeyLength)
            {
                return false;
            }
            return tree.SetLeaf(ScomoTree.TrustedKeys + "/" + keyId, DmFormat.Bin, "application/octet-stream", publicKey, false) != null;
        }
    }
}

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Where SCOMO lives in the tree (OMA-TS-DM-SCOMO 1.0 §5, the DDF's node names) and the project's extension
    /// for trusted package signing keys.</summary>
    public static class ScomoTree
    {
        public const string MoType = "urn:oma:mo:oma-scomo:1.0";
        public const string Root = "./SCOMO";
        public const string Download = Root + "/Download";
        public const string Inventory = Root + "/Inventory";
        public const string Delivered = Inventory + "/Delivered";
        public const string Deployed = Inventory + "/Deployed";
        /// <summary>Ed25519 public keys that may sign delivery packages: one b64 leaf (32 bytes) per key id.</summary>
        public const string TrustedKeys = Root + "/Ext/TrustedKeys";

        public const string PkgId = "PkgID";
        public const string Name = "Name";
        public const string PkgUrl = "PkgURL";
        public const string InstallParams = "InstallParams";
        public const string Description = "Description";
        public const string Status = "Status";
        public const string State = "State";
        public const string EnvType = "EnvType";
        public const string PkgType = "PkgType";
        public const string Data = "Data";
        public const string Id = "ID";
        public const string PkgIdRef = "PkgIDRef";
        public const string Version = "Version";
        public const string Operations = "Operations";
        public const string Ext = "Ext";

        /// <summary>Delivered/&lt;x&gt;/State: the package is on the device, its components are (not) installed.</summary>
        public const int StateDelivered = 10;
        public const int StateInstalled = 20;
        /// <summary>Deployed/&lt;x&gt;/State.</summary>
        public const int StateInactive = 10;
        public const int StateActive = 20;

        public static string Entry(string collection, string name)
        {
            return collection + "/" + name;
        }

        public static string Leaf(string collection, string name, string leaf)
        {
            return collection + "/" + name + "/" + leaf;
        }

        public static string Operation(string collection, string name, string operation)
        {
            return collection + "/" + name + "/" + Operations + "/" + operation;
        }
    }
}

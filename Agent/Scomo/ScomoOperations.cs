namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Operation node names per collection, and what each operation needs from its entry.</summary>
    public static class ScomoOperations
    {
        private static readonly string[] DownloadNames = { "Download", "DownloadInstall", "DownloadInstallInactive" };
        private static readonly string[] DeliveredNames = { "Install", "InstallInactive", "Remove" };
        private static readonly string[] DeployedNames = { "Activate", "Deactivate", "Remove" };

        /// <summary>Names of the operation nodes under an entry of <paramref name="collection"/> (a ScomoTree constant).</summary>
        public static string[] NamesFor(string collection)
        {
            if (collection == ScomoTree.Download)
            {
                return DownloadNames;
            }
            return collection == ScomoTree.Delivered ? DeliveredNames : DeployedNames;
        }

        public static ScomoOperation Parse(string collection, string name)
        {
            if (collection == ScomoTree.Download)
            {
                return name == "Download" ? ScomoOperation.Download
                    : name == "DownloadInstall" ? ScomoOperation.DownloadInstall
                    : name == "DownloadInstallInactive" ? ScomoOperation.DownloadInstallInactive : ScomoOperation.None;
            }
            if (collection == ScomoTree.Delivered)
            {
                return name == "Install" ? ScomoOperation.Install
                    : name == "InstallInactive" ? ScomoOperation.InstallInactive
                    : name == "Remove" ? ScomoOperation.RemoveDelivered : ScomoOperation.None;
            }
            return name == "Activate" ? ScomoOperation.Activate
                : name == "Deactivate" ? ScomoOperation.Deactivate
                : name == "Remove" ? ScomoOperation.RemoveDeployed : ScomoOperation.None;
        }

        /// <summary>The collection whose entries carry the operation.</summary>
        public static string CollectionOf(ScomoOperation op)
        {
            if (op == ScomoOperation.Download || op == ScomoOperation.DownloadInstall || op == ScomoOperation.DownloadInstallInactive)
            {
                return ScomoTree.Download;
            }
            return op == ScomoOperation.Install || op == ScomoOperation.InstallInactive || op == ScomoOperation.RemoveDelivered
                ? ScomoTree.Delivered : ScomoTree.Deployed;
        }

        /// <summary>The operation node's name (the last URI segment).</summary>
        public static string NameOf(ScomoOperation op)
        {
            switch (op)
            {
                case ScomoOperation.Download: return "Download";
                case ScomoOperation.DownloadInstall: return "DownloadInstall";
                case ScomoOperation.DownloadInstallInactive: return "DownloadInstallInactive";
                case ScomoOperation.Install: return "Install";
                case ScomoOperation.InstallInactive: return "InstallInactive";
                case ScomoOperation.Activate: return "Activate";
                case ScomoOperation.Deactivate: return "Deactivate";
                default: return "Remove";
            }
        }

        /// <summary>True for the operations that leave the installed components running.</summary>
        public static bool Activates(ScomoOperation op)
        {
            return op == ScomoOperation.DownloadInstall || op == ScomoOperation.Install || op == ScomoOperation.Activate;
        }

        public static bool Installs(ScomoOperation op)
        {
            return op == ScomoOperation.DownloadInstall || op == ScomoOperation.DownloadInstallInactive
                || op == ScomoOperation.Install || op == ScomoOperation.InstallInactive;
        }
    }
}

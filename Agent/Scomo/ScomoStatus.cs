namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Values of the Status leaves while operations run (SCOMO 1.0 status tables; the same numbers in every
    /// vendor SDK): the server may Get them during a session to watch progress.</summary>
    public static class ScomoStatus
    {
        public const int Idle = 10;

        // Download/<x>/Status
        public const int DownloadFailed = 20;
        public const int DownloadProgressing = 30;
        public const int DownloadComplete = 40;
        public const int DownloadInstallProgressing = 50;
        public const int DownloadInstallFailedDataKept = 60;
        public const int DownloadInstallFailedDataGone = 70;

        // Inventory/Delivered/<x>/Status
        public const int DeliveredRemoveFailed = 20;
        public const int DeliveredRemoveProgressing = 30;
        public const int InstallProgressing = 40;
        public const int InstallFailedDataKept = 50;
        public const int InstallFailedDataGone = 60;

        // Inventory/Deployed/<x>/Status
        public const int DeployedRemoveFailed = 20;
        public const int DeployedRemoveProgressing = 30;
        public const int ActivateFailed = 40;
        public const int ActivateProgressing = 50;
        public const int DeactivateFailed = 60;
        public const int DeactivateProgressing = 70;
    }
}

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The Exec-able operation nodes of SCOMO 1.0, by the collection their entry lives in.</summary>
    public enum ScomoOperation
    {
        None,
        Download,
        DownloadInstall,
        DownloadInstallInactive,
        Install,
        InstallInactive,
        RemoveDelivered,
        Activate,
        Deactivate,
        RemoveDeployed
    }
}

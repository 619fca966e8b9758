namespace NanoOmaDm.Agent.Security
{
    /// <summary>The Pkg#0 ui-mode field: what the user should see before the server-requested session starts.</summary>
    public enum NotificationUiMode
    {
        NotSpecified = 0,
        Background = 1,
        Informative = 2,
        UserInteraction = 3
    }
}

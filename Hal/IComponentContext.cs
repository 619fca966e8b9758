namespace NanoOmaDm.Hal
{
    /// <summary>What the agent hands a component it starts.</summary>
    public interface IComponentContext
    {
        /// <summary>The component id from the delivery package manifest (also ./SCOMO/Inventory/Deployed/&lt;x&gt;/ID).</summary>
        string ComponentId { get; }

        string Version { get; }

        /// <summary>The InstallParams the server gave the install operation; empty when none.</summary>
        string Parameters { get; }

        /// <summary>The agent's log (serial console or stdout), for the component's own output.</summary>
        ILogSink Log { get; }
    }
}

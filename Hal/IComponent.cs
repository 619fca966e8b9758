namespace NanoOmaDm.Hal
{
    /// <summary>A software component that SCOMO deploys: a .NET assembly (emulator) or a nanoFramework .pe image
    /// (boards) holding exactly one public class with a public parameterless constructor that implements this
    /// interface. The host creates it, calls <see cref="Start"/> once and <see cref="Stop"/> once at most; a component
    /// that needs a loop starts its own thread or timer in Start and ends it in Stop.</summary>
    public interface IComponent
    {
        /// <summary>Returns when the component runs. Throwing means the activation failed: the host drops the instance
        /// and the agent reports 1409 (activate failed) with the component back in its previous state, so a Start that
        /// throws must first end whatever it had begun (Stop is not called for it).</summary>
        void Start(IComponentContext context);

        /// <summary>Ends everything Start began (threads, timers, pins). Must not throw.</summary>
        void Stop();
    }
}

namespace NanoOmaDm.Hal
{
    /// <summary>Loads and runs deployed components on a board. The agent stores each component's image in
    /// <see cref="IFileStorage"/> and decides what runs; the host only turns an image into a running
    /// <see cref="IComponent"/> and back. Called from one agent thread at a time.</summary>
    public interface IComponentHost
    {
        /// <summary>True for the environment types (the manifest's env, ./SCOMO/.../EnvType) this board can run, e.g.
        /// "dotnet" in the emulator, "nanoFramework" on the boards. Anything else is refused with 1413.</summary>
        bool Supports(string environmentType);

        /// <summary>Loads the image, creates the component and starts it. Throws when the image cannot be loaded, holds
        /// no component, or Start throws; nothing of the component runs then.</summary>
        void Start(IComponentContext context, IStorageFile image);

        /// <summary>Stops a running component (nothing happens if it does not run). Never throws.</summary>
        void Stop(string componentId);

        /// <summary>True when <see cref="Stop"/> also frees the component's code at once (the emulator unloads it); false
        /// where loaded code stays until the next reboot (nanoCLR cannot unload an assembly).</summary>
        bool UnloadsOnStop { get; }
    }
}

using System.Reflection;
using System.Runtime.Loader;

namespace NanoOmaDm.Emulator.Components;

/// <summary>A collectible load context holding one component's assembly and nothing else. Every reference the
/// component makes (NanoOmaDm.Hal, the framework) resolves from the default context, so the component implements the
/// very <see cref="NanoOmaDm.Hal.IComponent"/> type the host casts to, and unloading drops only the component's code.</summary>
public sealed class ComponentLoadContext : AssemblyLoadContext
{
    public ComponentLoadContext(string componentId)
        : base(NameFor(componentId), isCollectible: true)
    {
    }

    /// <summary>The context's name, so diagnostics (and tests) can find it in <see cref="AssemblyLoadContext.All"/>.</summary>
    public static string NameFor(string componentId) => "component:" + componentId;

    protected override Assembly Load(AssemblyName assemblyName) => null;
}

using System.Reflection;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Components;

/// <summary>Runs "dotnet" components: each image is a .NET assembly loaded into its own collectible
/// <see cref="ComponentLoadContext"/>, so stopping a component frees its code and a new version can replace it
/// without restarting the emulator.</summary>
public sealed class AssemblyComponentHost : IComponentHost
{
    public const string Environment = "dotnet";

    private const string LogSource = "components";

    private readonly object _sync = new object();
    private readonly Dictionary<string, RunningComponent> _running = new Dictionary<string, RunningComponent>(StringComparer.Ordinal);

    public bool UnloadsOnStop => true;

    /// <summary>The ids of the components that run now (a snapshot).</summary>
    public IReadOnlyCollection<string> RunningIds
    {
        get
        {
            lock (_sync)
            {
                return _running.Keys.ToArray();
            }
        }
    }

    public bool Supports(string environmentType) => string.Equals(environmentType, Environment, StringComparison.Ordinal);

    public bool IsRunning(string componentId)
    {
        lock (_sync)
        {
            return _running.ContainsKey(componentId);
        }
    }

    public void Start(IComponentContext context, IStorageFile image)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(image);
        string id = context.ComponentId;
        lock (_sync)
        {
            if (_running.ContainsKey(id))
            {
                throw new InvalidOperationException("component " + id + " already runs");
            }

            var loadContext = new ComponentLoadContext(id);
            try
            {
                IComponent component = CreateComponent(loadContext, image, id);
                StartComponent(component, context);
                _running.Add(id, new RunningComponent(component, context, loadContext));
            }
            catch
            {
                loadContext.Unload();
                throw;
            }
        }
    }

    public void Stop(string componentId)
    {
        RunningComponent running;
        lock (_sync)
        {
            if (componentId == null || !_running.Remove(componentId, out running))
            {
                return;
            }

            try
            {
                running.Component.Stop();
            }
            catch (Exception e)
            {
                running.Context.Log.Write(LogLevel.Error, LogSource, "component " + componentId + " threw in Stop: " + e.Message);
            }
        }

        // Unload only marks the context; the runtime frees it once nothing references the component any more.
        running.LoadContext.Unload();
    }

    private static IComponent CreateComponent(ComponentLoadContext loadContext, IStorageFile image, string id)
    {
        MemoryStream bytes;
        try
        {
            bytes = ReadAll(image);
        }
        catch (StorageException e)
        {
            throw new InvalidOperationException("component " + id + ": the image cannot be read: " + e.Message, e);
        }

        Assembly assembly;
        try
        {
            using (bytes)
            {
                assembly = loadContext.LoadFromStream(bytes);
            }
        }
        catch (Exception e) when (e is BadImageFormatException || e is FileLoadException)
        {
            throw new InvalidOperationException("component " + id + ": the image is not a loadable .NET assembly: " + e.Message, e);
        }

        Type type = FindComponentType(assembly, id);
        try
        {
            return (IComponent)Activator.CreateInstance(type);
        }
        catch (TargetInvocationException e)
        {
            Exception cause = e.InnerException ?? e;
            throw new InvalidOperationException("component " + id + ": the constructor of " + type.FullName + " threw: " + cause.Message, cause);
        }
    }

    private static void StartComponent(IComponent component, IComponentContext context)
    {
        try
        {
            component.Start(context);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("component " + context.ComponentId + " failed to start: " + e.Message, e);
        }
    }

    private static Type FindComponentType(Assembly assembly, string id)
    {
        Type[] exported;
        try
        {
            exported = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException || e is FileNotFoundException || e is TypeLoadException)
        {
            throw new InvalidOperationException("component " + id + ": the types of " + assembly.GetName().Name + " cannot be loaded (a missing dependency?): " + e.Message, e);
        }

        Type[] candidates = exported
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IComponent).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .ToArray();
        if (candidates.Length != 1)
        {
            string found = candidates.Length == 0 ? "none" : string.Join(", ", candidates.Select(t => t.FullName));
            throw new InvalidOperationException("component " + id + ": " + assembly.GetName().Name
                + " must hold exactly one public class implementing " + typeof(IComponent).FullName
                + " with a public parameterless constructor; found " + found);
        }

        return candidates[0];
    }

    private static MemoryStream ReadAll(IStorageFile image)
    {
        long length = image.Length;
        if (length > int.MaxValue)
        {
            throw new StorageException("the image is too large (" + length + " bytes)");
        }

        var buffer = new byte[(int)length];
        int total = 0;
        while (total < buffer.Length)
        {
            int n = image.Read(total, buffer, total, buffer.Length - total);
            if (n <= 0)
            {
                throw new StorageException("the image ended after " + total + " of " + length + " bytes");
            }

            total += n;
        }

        return new MemoryStream(buffer, writable: false);
    }

    private sealed record RunningComponent(IComponent Component, IComponentContext Context, ComponentLoadContext LoadContext);
}

using System;
using System.Collections;
using System.Reflection;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Runs "nanoFramework" components: each image is a .pe file loaded with Assembly.Load. nanoCLR cannot
    /// unload an assembly, so a loaded image stays until the next reboot; re-activating the same component version after
    /// Stop reuses it instead of loading a second copy into the managed heap.</summary>
    public sealed class PeComponentHost : IComponentHost
    {
        public const string Environment = "nanoFramework";

        private const string LogSource = "components";

        private readonly object _sync = new object();

        // componentId -> RunningComponent
        private readonly Hashtable _running = new Hashtable();

        // componentId -> LoadedImage; never shrinks (see the class comment)
        private readonly Hashtable _loaded = new Hashtable();

        public bool UnloadsOnStop
        {
            get { return false; }
        }

        public bool Supports(string environmentType)
        {
            return environmentType == Environment;
        }

        public void Start(IComponentContext context, IStorageFile image)
        {
            string id = context.ComponentId;
            lock (_sync)
            {
                if (_running.Contains(id))
                {
                    throw new InvalidOperationException("component " + id + " already runs");
                }

                Assembly assembly = AssemblyFor(context, image);
                IComponent component = CreateComponent(assembly, id);
                try
                {
                    component.Start(context);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException("component " + id + " failed to start: " + e.Message, e);
                }

                _running[id] = new RunningComponent(component, context);
            }
        }

        public void Stop(string componentId)
        {
            lock (_sync)
            {
                if (componentId == null)
                {
                    return;
                }

                RunningComponent running = (RunningComponent)_running[componentId];
                if (running == null)
                {
                    return;
                }

                _running.Remove(componentId);
                try
                {
                    running.Component.Stop();
                }
                catch (Exception e)
                {
                    running.Context.Log.Write(LogLevel.Error, LogSource, "component " + componentId + " threw in Stop: " + e.Message);
                }
            }
        }

        private Assembly AssemblyFor(IComponentContext context, IStorageFile image)
        {
            string id = context.ComponentId;
            LoadedImage loaded = (LoadedImage)_loaded[id];
            if (loaded != null && loaded.Version == context.Version)
            {
                return loaded.Assembly;
            }

            if (loaded != null)
            {
                context.Log.Write(LogLevel.Warning, LogSource, "component " + id + " " + loaded.Version
                    + " stays in memory until the next reboot (nanoCLR cannot unload it)");
            }

            Assembly assembly;
            try
            {
                assembly = Assembly.Load(ReadAll(image));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException("component " + id + ": the image is not a loadable .pe assembly: " + e.Message, e);
            }

            if (assembly == null)
            {
                throw new InvalidOperationException("component " + id + ": the image is not a loadable .pe assembly");
            }

            _loaded[id] = new LoadedImage(context.Version, assembly);
            return assembly;
        }

        private static IComponent CreateComponent(Assembly assembly, string id)
        {
            ConstructorInfo constructor = FindComponentConstructor(assembly, id);
            object instance;
            try
            {
                instance = constructor.Invoke(new object[0]);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException("component " + id + ": the constructor of " + constructor.DeclaringType.FullName + " threw: " + e.Message, e);
            }

            IComponent component = instance as IComponent;
            if (component == null)
            {
                // Same name, other type: the image was built against a Hal that is not the one on this board.
                throw new InvalidOperationException("component " + id + ": " + constructor.DeclaringType.FullName
                    + " implements another build of " + typeof(IComponent).FullName);
            }

            return component;
        }

        /// <summary>The public parameterless constructor of the one public class implementing IComponent. Interfaces
        /// are matched by name: nanoCLR does not promise one Type object per type, so reference equality is no test.</summary>
        private static ConstructorInfo FindComponentConstructor(Assembly assembly, string id)
        {
            string interfaceName = typeof(IComponent).FullName;
            Type[] types = assembly.GetTypes();
            ConstructorInfo found = null;
            int count = 0;
            string names = "";
            for (int i = 0; i < types.Length; i++)
            {
                Type type = types[i];
                if (!type.IsClass || type.IsAbstract || !type.IsPublic || !Implements(type, interfaceName))
                {
                    continue;
                }

                ConstructorInfo constructor = type.GetConstructor(new Type[0]);
                if (constructor == null || !constructor.IsPublic)
                {
                    continue;
                }

                found = constructor;
                count++;
                names = names.Length == 0 ? type.FullName : names + ", " + type.FullName;
            }

            if (count != 1)
            {
                throw new InvalidOperationException("component " + id + ": the image must hold exactly one public class implementing "
                    + interfaceName + " with a public parameterless constructor; found " + (count == 0 ? "none" : names));
            }

            return found;
        }

        private static bool Implements(Type type, string interfaceName)
        {
            Type[] interfaces = type.GetInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].FullName == interfaceName)
                {
                    return true;
                }
            }

            return false;
        }

        private static byte[] ReadAll(IStorageFile image)
        {
            long length = image.Length;
            if (length <= 0 || length > int.MaxValue)
            {
                throw new StorageException("the image has an impossible length (" + length.ToString() + " bytes)");
            }

            byte[] buffer = new byte[(int)length];
            int total = 0;
            while (total < buffer.Length)
            {
                int n = image.Read(total, buffer, total, buffer.Length - total);
                if (n <= 0)
                {
                    throw new StorageException("the image ended after " + total.ToString() + " of " + length.ToString() + " bytes");
                }

                total += n;
            }

            return buffer;
        }

        private sealed class RunningComponent
        {
            public RunningComponent(IComponent component, IComponentContext context)
            {
                Component = component;
                Context = context;
            }

            public IComponent Component { get; }

            public IComponentContext Context { get; }
        }

        private sealed class LoadedImage
        {
            public LoadedImage(string version, Assembly assembly)
            {
                Version = version;
                Assembly = assembly;
            }

            public string Version { get; }

            public Assembly Assembly { get; }
        }
    }
}

using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Starts and stops deployed components through the board's <see cref="IComponentHost"/>, from the images
    /// SCOMO keeps in storage. Components of the environment type "data" (configuration, assets shipped with code) are
    /// stored and inventoried like any other, on every board, but there is nothing to run.</summary>
    internal sealed class ComponentRuntime
    {
        public const string DataEnvironment = "data";

        private readonly ScomoPlatform _platform;

        public ComponentRuntime(ScomoPlatform platform)
        {
            _platform = platform;
        }

        /// <summary>Null when the component runs, else why it does not (the host's words).</summary>
        public string Start(DeployedComponent component)
        {
            if (component.EnvType == DataEnvironment)
            {
                return null;
            }
            if (component.Image == null || !_platform.Storage.Exists(component.Image))
            {
                return "its image is missing from storage";
            }
            try
            {
                using (IStorageFile image = _platform.Storage.Open(component.Image))
                {
                    _platform.Components.Start(new ComponentContext(component.Id, component.Version, component.Parameters, _platform.Log), image);
                }
                return null;
            }
            catch (Exception e)
            {
                return e.Message;
            }
        }

        public void Stop(string componentId)
        {
            _platform.Components.Stop(componentId);
        }

        public bool Supports(string environmentType)
        {
            return environmentType == DataEnvironment || _platform.Components.Supports(environmentType);
        }
    }
}

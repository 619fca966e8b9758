using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Starts and stops deployed components through the board's <see cref="IComponentHost"/>, from the images
    /// SCOMO keeps in storage.</summary>
    internal sealed class ComponentRuntime
    {
        private readonly ScomoPlatform _platform;

        public ComponentRuntime(ScomoPlatform platform)
        {
            _platform = platform;
        }

        /// <summary>Null when the component runs, else why it does not (the host's words).</summary>
        public string Start(string componentId, string version, string parameters)
        {
            if (!_platform.Storage.Exists(ScomoFiles.Component(componentId)))
            {
                return "its image is missing from storage";
            }
            try
            {
                using (IStorageFile image = _platform.Storage.Open(ScomoFiles.Component(componentId)))
                {
                    _platform.Components.Start(new ComponentContext(componentId, version, parameters, _platform.Log), image);
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
            return _platform.Components.Supports(environmentType);
        }
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    internal sealed class ComponentContext : IComponentContext
    {
        public ComponentContext(string componentId, string version, string parameters, ILogSink log)
        {
            ComponentId = componentId;
            Version = version;
            Parameters = parameters ?? string.Empty;
            Log = log;
        }

        public string ComponentId { get; private set; }

        public string Version { get; private set; }

        public string Parameters { get; private set; }

        public ILogSink Log { get; private set; }
    }
}

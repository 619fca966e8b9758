using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent
{
    /// <summary>The board services the agent runs on. Each board (emulator, ESP32, STM32) fills one of these.</summary>
    public sealed class AgentPlatform
    {
        public IHttpTransport Http;
        public IClock Clock;
        public IDeviceIdentity Identity;
        public IRandomSource Random;
        public ILogSink Log;
        /// <summary>May be null on a headless board: UI alerts are then answered "not supported".</summary>
        public IUserInteraction Ui;
    }
}

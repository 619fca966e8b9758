using System;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Why a download is suspended; several can hold at once and all must clear before it resumes.</summary>
    [Flags]
    public enum SuspendReasons
    {
        None = 0,
        Command = 1,
        BatteryLow = 2,
        StorageLow = 4,
        MemoryLow = 8,
        NetworkDown = 16
    }
}

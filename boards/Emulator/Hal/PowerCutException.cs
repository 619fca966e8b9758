namespace NanoOmaDm.Emulator.Hal;

/// <summary>The simulated device lost power. Deliberately not a StorageException: nothing in the agent may handle it,
/// it unwinds to the test that cut the power.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException() : base("power lost")
    {
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>Reproducible "random" bytes (nonces, session ids) for simulated devices; never for real secrets.</summary>
internal sealed class SeededRandom : IRandomSource
{
    private readonly Random _random;

    public SeededRandom(int seed)
    {
        _random = new Random(seed);
    }

    public void NextBytes(byte[] buffer)
    {
        _random.NextBytes(buffer);
    }
}

namespace NanoOmaDm.Bench;

/// <summary>Every benchmark command; add a new one here.</summary>
public static class Benchmarks
{
    public static readonly IBenchmark[] All =
    {
    };
}

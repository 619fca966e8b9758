namespace NanoOmaDm.Bench;

/// <summary>Every benchmark command; add a new one here.</summary>
public static class Benchmarks
{
    public static readonly IBenchmark[] All =
    {
        new StoreBenchmark(),
        new PowerCutBenchmark(),
        new VerifyBenchmark(),
        new InstallBenchmark(),
        new DownloadBenchmark(),
        new DownloadFaultsBenchmark(),
    };
}

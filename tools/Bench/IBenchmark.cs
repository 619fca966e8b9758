namespace NanoOmaDm.Bench;

public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    int Run(string[] args);
}

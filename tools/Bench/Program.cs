namespace NanoOmaDm.Bench;

/// <summary>dotnet run -c Release --project tools/Bench -- COMMAND [options]</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string command = args.Length > 0 ? args[0] : "help";
        string[] rest = args.Length > 0 ? args[1..] : Array.Empty<string>();
        foreach (IBenchmark bench in Benchmarks.All)
        {
            if (bench.Name == command)
            {
                return bench.Run(rest);
            }
        }

        Console.WriteLine("usage: nanoOmaDm-bench COMMAND [options]");
        foreach (IBenchmark bench in Benchmarks.All)
        {
            Console.WriteLine($"  {bench.Name,-16} {bench.Description}");
        }

        return command == "help" || command == "--help" ? 0 : 2;
    }
}

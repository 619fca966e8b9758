namespace NanoOmaDm.Bench;

/// <summary>download-faults [--runs N] [--size BYTES] [--seed S] [--verbose]: the fault campaign of
/// <see cref="DownloadFaultCampaign"/> at any size. Exit 0 only when no run was corrupt or failed unexpectedly and no
/// interruption re-fetched more than one buffer.</summary>
public sealed class DownloadFaultsBenchmark : IBenchmark
{
    public string Name => "download-faults";

    public string Description => "interrupted-download campaign: --runs N (200) --size BYTES (4194304) --seed S (1) --verbose";

    public int Run(string[] args)
    {
        int runs = 200;
        int size = 4 << 20;
        int seed = 1;
        bool verbose = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--verbose")
            {
                verbose = true;
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out int value) || value <= 0)
            {
                Console.Error.WriteLine("download-faults: " + args[i] + " needs a positive number");
                return 2;
            }

            switch (args[i++])
            {
                case "--runs":
                    runs = value;
                    break;
                case "--size":
                    size = value;
                    break;
                case "--seed":
                    seed = value;
                    break;
                default:
                    Console.Error.WriteLine("download-faults: unknown option " + args[i - 1]);
                    return 2;
            }
        }

        var campaign = new DownloadFaultCampaign { Runs = runs, FileSize = size, Seed = seed, Log = verbose ? Console.Out : null };
        Console.WriteLine("Fault campaign: " + runs + " downloads of a " + size + "-byte file over HTTP from the fault server, "
            + "1-4 random faults each (cuts, stalls, 500, 503, trickle+cut, power cuts mid-write; one run in ten swaps the content under the same ETag)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        DownloadCampaignResult result = campaign.Run();
        Console.WriteLine(result.Details + "; " + clock.Elapsed.TotalSeconds.ToString("F1") + " s");
        foreach (string problem in result.Problems)
        {
            Console.WriteLine("  " + problem);
        }

        Console.WriteLine(result.Line);
        return result.Corrupt == 0 && result.UnexpectedFailures == 0 && result.MaxRefetchedPerInterruption <= campaign.BufferSize ? 0 : 1;
    }
}

using NanoOmaDm.Emulator.PowerLoss;

namespace NanoOmaDm.Bench;

/// <summary>powercut --cuts N --seed S [--sessions-every K]: the power-loss campaign of the persistent store.</summary>
public sealed class PowerCutBenchmark : IBenchmark
{
    public string Name => "powercut";

    public string Description => "power-loss campaign: --cuts N (2000) --seed S (1) --sessions-every K (25, 0 = no DM sessions)";

    public int Run(string[] args)
    {
        var options = new PowerCutCampaignOptions { Log = Console.Out };
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], out int value) || value < 0)
            {
                Console.Error.WriteLine("powercut: '" + args[i + 1] + "' is not a non-negative number");
                return 2;
            }

            switch (args[i])
            {
                case "--cuts":
                    options.Cuts = value;
                    break;
                case "--seed":
                    options.Seed = value;
                    break;
                case "--sessions-every":
                    options.SessionEvery = value;
                    break;
                default:
                    Console.Error.WriteLine("powercut: unknown option " + args[i]);
                    return 2;
            }
        }

        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine("powercut: option " + args[^1] + " needs a value");
            return 2;
        }

        Console.WriteLine("Power-loss campaign: " + options.Cuts + " cuts, seed " + options.Seed + ", DM sessions in every "
            + (options.SessionEvery == 0 ? "no" : options.SessionEvery + "th") + " run, store budget "
            + options.Store().Budget + " bytes (compaction at " + options.Store().CompactionThreshold + ")");
        PowerCutReport report = PowerCutCampaign.Run(options);
        Console.WriteLine("  torn-write cuts " + report.TornWriteCuts + ", lose-unflushed cuts " + report.LoseUnflushedCuts
            + ", cuts during recovery " + report.CutsDuringRecovery + ", clean reboots " + report.CleanReboots);
        Console.WriteLine("  durable commits " + report.Commits + ", refused with 420 " + report.DeviceFull + ", DM sessions "
            + report.Sessions + " (" + report.FailedVerifySessions + " failed after recovery), " + report.Elapsed.TotalSeconds.ToString("F1") + " s");
        foreach (string failure in report.Failures.Take(20))
        {
            Console.WriteLine("  FAIL " + failure);
        }

        Console.WriteLine(report.Summary);
        return report.Passed ? 0 : 1;
    }
}

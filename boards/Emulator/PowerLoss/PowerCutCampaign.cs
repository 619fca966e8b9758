using System.Diagnostics;
using NanoOmaDm.Emulator.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>Power-loss proof of the persistent store: many simulated device lives (<see cref="PowerCutRun"/>), each
/// cut at a random byte of its I/O, alternating torn writes and lost unflushed data. Deterministic for a seed (apart
/// from the timing of the sessions with the bundled server).</summary>
public static class PowerCutCampaign
{
    public static PowerCutReport Run(PowerCutCampaignOptions options)
    {
        var report = new PowerCutReport();
        var watch = Stopwatch.StartNew();
        CampaignServer server = null;
        int reported = 0;
        try
        {
            for (int run = 0; report.Cuts < options.Cuts && run < options.Cuts * 4 + 10; run++)
            {
                bool sessions = options.SessionEvery > 0 && run % options.SessionEvery == 0;
                if (sessions && server == null)
                {
                    server = new CampaignServer();
                }

                int seed = unchecked(options.Seed * 1_000_003 + run * 7919);
                var mode = run % 2 == 0 ? PowerCutMode.TornWrite : PowerCutMode.LoseUnflushed;
                new PowerCutRun(options, report, sessions ? server : null, seed, mode).Execute();
                if (options.Log != null && report.Cuts >= reported + 500)
                {
                    reported = report.Cuts;
                    options.Log.WriteLine("  " + report.Cuts + " cuts, " + report.Commits + " commits, " + report.LostCommits + " lost, "
                        + report.CorruptOpens + " corrupt (" + watch.Elapsed.TotalSeconds.ToString("F1") + " s)");
                }
            }
        }
        finally
        {
            server?.Dispose();
        }

        report.Elapsed = watch.Elapsed;
        return report;
    }
}

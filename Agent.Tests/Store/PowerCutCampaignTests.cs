using NanoOmaDm.Emulator.PowerLoss;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Store
{
    public class PowerCutCampaignTests
    {
        private readonly ITestOutputHelper _output;

        public PowerCutCampaignTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>2,000 simulated power cuts at random bytes of a realistic workload (DM commands, Atomic blocks with
        /// rollbacks, device-side changes, nonces, alerts queued and acknowledged, records, full storage, compactions,
        /// clean reboots, and in some runs DM sessions with the bundled server): after each, the recovered state is the
        /// last acknowledged commit or the one in flight, the agent boots on it, and in session runs holds a session.</summary>
        [Fact]
        public void TwoThousandCutsLoseNothingAndCorruptNothing()
        {
            PowerCutReport report = PowerCutCampaign.Run(new PowerCutCampaignOptions { Cuts = 2000, Seed = 11, SessionEvery = 40 });
            _output.WriteLine(report.Summary + " in " + report.Elapsed.TotalSeconds.ToString("F1") + " s; " + report.Commits
                + " commits, " + report.DeviceFull + " refused (420), " + report.Sessions + " sessions, " + report.CleanReboots
                + " clean reboots, " + report.CutsDuringRecovery + " cuts during recovery");
            foreach (string failure in report.Failures)
            {
                _output.WriteLine(failure);
            }

            Assert.Equal(2000, report.Cuts);
            Assert.Equal(0, report.LostCommits);
            Assert.Equal(0, report.CorruptOpens);
            Assert.Equal(0, report.FailedVerifySessions);
            Assert.Empty(report.Failures);
            Assert.Equal("powercut: 2000 cuts, 0 lost commits, 0 corrupt opens", report.Summary);

            // The campaign exercised what it claims to.
            Assert.True(report.TornWriteCuts >= 900 && report.LoseUnflushedCuts >= 900);
            Assert.True(report.DeviceFull > 0, "storage never filled up");
            Assert.True(report.CutsDuringRecovery > 0);
            Assert.True(report.CleanReboots > 100);
            Assert.True(report.Sessions >= 50, "sessions: " + report.Sessions);
            Assert.True(report.Commits > 50_000, "commits: " + report.Commits);
        }
    }
}

using NanoOmaDm.Bench;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>The CI-sized fault campaign (tools/Bench download-faults runs any size).</summary>
    public class DownloadFaultCampaignTests
    {
        private readonly ITestOutputHelper output;

        public DownloadFaultCampaignTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void InterruptedDownloadsAlwaysEndWithTheRightImageAndReFetchAtMostOneBuffer()
        {
            var log = new StringWriter();
            var campaign = new DownloadFaultCampaign { Runs = 150, FileSize = 2 << 20, Seed = 7, BufferSize = 4096, Log = log };
            DownloadCampaignResult result = campaign.Run();
            output.WriteLine(log.ToString());
            output.WriteLine(result.Details);
            output.WriteLine(result.Line);

            Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
            Assert.Equal(0, result.Corrupt);
            Assert.Equal(0, result.UnexpectedFailures);
            Assert.Equal(150, result.Completed + result.RejectedSwapped);
            Assert.True(result.RejectedSwapped > 0, "the campaign must include swapped-content runs");
            Assert.True(result.PowerCuts > 0 && result.Interruptions > 150, result.Details);
            Assert.InRange(result.MaxRefetchedPerInterruption, 0, campaign.BufferSize);
        }
    }
}

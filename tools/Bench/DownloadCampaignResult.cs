namespace NanoOmaDm.Bench;

public sealed class DownloadCampaignResult
{
    public int Runs { get; init; }

    public int BufferSize { get; init; }

    /// <summary>Runs that ended with exactly the right image reported complete.</summary>
    public int Completed { get; set; }

    /// <summary>Runs that reported an image complete whose bytes or digest were wrong. Must be 0.</summary>
    public int Corrupt { get; set; }

    /// <summary>Runs whose content was swapped under the same ETag and that ended with 1407 and the image discarded.</summary>
    public int RejectedSwapped { get; set; }

    /// <summary>Runs that ended any other way. Must be 0.</summary>
    public int UnexpectedFailures { get; set; }

    /// <summary>Responses after the first of a run (each follows an interruption or a retry) plus power cuts.</summary>
    public int Interruptions { get; set; }

    public int PowerCuts { get; set; }

    public long MaxRefetchedPerInterruption { get; set; }

    public long TotalRefetched { get; set; }

    public List<string> Problems { get; } = new List<string>();

    public string Line => "download-faults: " + Runs + " runs, " + Corrupt + " corrupt, " + MaxRefetchedPerInterruption + " max bytes re-fetched per interruption";

    public string Details => Completed + " complete, " + RejectedSwapped + " swapped-content runs rejected with 1407, " + UnexpectedFailures + " unexpected failures; "
        + Interruptions + " interrupted or refused requests, " + PowerCuts + " power cuts; " + TotalRefetched + " bytes re-fetched in total (buffer " + BufferSize + " bytes)";
}

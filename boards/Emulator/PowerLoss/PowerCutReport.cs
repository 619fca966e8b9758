namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>Outcome of a <see cref="PowerCutCampaign"/>.</summary>
public sealed class PowerCutReport
{
    public int Cuts { get; set; }

    /// <summary>Acknowledged commits missing after recovery (summed over all cuts).</summary>
    public int LostCommits { get; set; }

    /// <summary>Recoveries that reported damage or produced a state the device never acknowledged.</summary>
    public int CorruptOpens { get; set; }

    /// <summary>Durable commits made by the workloads.</summary>
    public long Commits { get; set; }

    public int TornWriteCuts { get; set; }

    public int LoseUnflushedCuts { get; set; }

    /// <summary>Power also failed during the first recovery attempt.</summary>
    public int CutsDuringRecovery { get; set; }

    public int CleanReboots { get; set; }

    /// <summary>Commands and blocks that storage refused (420) during the workloads.</summary>
    public int DeviceFull { get; set; }

    public int Sessions { get; set; }

    /// <summary>Sessions after recovery that did not pass (the agent could not hold a session on the recovered state).</summary>
    public int FailedVerifySessions { get; set; }

    public List<string> Failures { get; } = new List<string>();

    public TimeSpan Elapsed { get; set; }

    public bool Passed => LostCommits == 0 && CorruptOpens == 0 && FailedVerifySessions == 0 && Failures.Count == 0;

    public string Summary => "powercut: " + Cuts + " cuts, " + LostCommits + " lost commits, " + CorruptOpens + " corrupt opens";
}

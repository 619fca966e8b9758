using NanoOmaDm.Agent.Store;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>Settings of a <see cref="PowerCutCampaign"/>.</summary>
public sealed class PowerCutCampaignOptions
{
    public int Cuts { get; set; } = 2000;

    public int Seed { get; set; } = 1;

    /// <summary>Every n-th run also holds DM sessions with the bundled DmServer: in its workload (power may fail in the
    /// middle of one) and after recovery, where the session must pass. 0: none.</summary>
    public int SessionEvery { get; set; } = 25;

    /// <summary>The cut falls uniformly on one of this many units of I/O (bytes written, truncations, flushes) from the
    /// first boot on.</summary>
    public long MaxCutUnits { get; set; } = 60_000;

    /// <summary>A small store, so that compactions, slot switches and full storage happen within few commits.</summary>
    public Func<StoreOptions> Store { get; set; } = () => new StoreOptions { Budget = 24 * 1024, CompactionThreshold = 3 * 1024 };

    /// <summary>Progress and failure details; null: silent.</summary>
    public TextWriter Log { get; set; }
}

namespace NanoOmaDm.Emulator.Hal;

/// <summary>What a simulated power loss does to data in flight (see <see cref="PowerCutStorage"/>).</summary>
public enum PowerCutMode
{
    /// <summary>Every write reaches the medium at once; the write in flight is torn at the cut byte.</summary>
    TornWrite,

    /// <summary>A write-back cache: what was written since a file's last Flush may be lost. At the cut each of those
    /// writes and truncations independently survives or not (in order, a surviving write possibly torn), and the write
    /// in flight is torn at the cut byte.</summary>
    LoseUnflushed,
}

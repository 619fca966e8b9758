using System.Globalization;

namespace NanoOmaDm.FaultServer;

/// <summary>A generated file the fault server serves at /files/NAME. Its content and its validator (ETag +
/// Last-Modified) each carry a version that faults can bump independently.</summary>
public sealed class ServedFile
{
    private static readonly DateTimeOffset Epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal ServedFile(string name, long size, long seed)
    {
        Name = name;
        Size = size;
        Seed = seed;
    }

    public string Name { get; }

    public long Size { get; }

    public long Seed { get; }

    public int ContentVersion { get; internal set; }

    public int ValidatorVersion { get; internal set; }

    /// <summary>Seed of the current content (see <see cref="GeneratedContent"/>).</summary>
    public long ContentSeed => Seed + ContentVersion * 7919L;

    public string ETag => "\"" + Seed.ToString("x", CultureInfo.InvariantCulture) + "-" + Size.ToString("x", CultureInfo.InvariantCulture) + "-" + ValidatorVersion.ToString(CultureInfo.InvariantCulture) + "\"";

    public string LastModified => Epoch.AddSeconds(ValidatorVersion).ToString("R", CultureInfo.InvariantCulture);

    internal Queue<Fault> Faults { get; } = new Queue<Fault>();

    /// <summary>SHA-256 of the current content.</summary>
    public byte[] Sha256() => GeneratedContent.Sha256(ContentSeed, Size);
}

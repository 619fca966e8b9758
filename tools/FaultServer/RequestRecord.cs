namespace NanoOmaDm.FaultServer;

/// <summary>What the server saw and did for one request, for assertions.</summary>
public sealed class RequestRecord
{
    public string Path { get; init; }

    public string File { get; init; }

    /// <summary>The Range header as received, or null.</summary>
    public string Range { get; init; }

    /// <summary>The If-Range header as received, or null.</summary>
    public string IfRange { get; init; }

    /// <summary>The fault applied, or null.</summary>
    public Fault Fault { get; init; }

    public int Status { get; set; }

    /// <summary>First body byte sent (the file position).</summary>
    public long Start { get; set; }

    /// <summary>Body bytes written to the connection (not necessarily received).</summary>
    public long BytesSent { get; set; }

    public override string ToString() => Path + " range=" + (Range ?? "-") + " if-range=" + (IfRange ?? "-") + " fault=" + (Fault?.ToString() ?? "-") + " -> " + Status + " from " + Start + " sent " + BytesSent;
}

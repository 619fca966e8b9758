using System.Globalization;

namespace NanoOmaDm.FaultServer;

/// <summary>One fault applied to one request. Build with the factory methods or <see cref="Parse"/>.</summary>
public sealed class Fault
{
    public FaultKind Kind { get; init; }

    public long Bytes { get; init; }

    public int Status { get; init; }

    public int RetryAfter { get; init; } = -1;

    public int DelayMs { get; init; }

    public int ChunkBytes { get; init; }

    public int Hops { get; init; }

    public static Fault CutAt(long bytes) => new Fault { Kind = FaultKind.Cut, Bytes = bytes };

    public static Fault IgnoreRange() => new Fault { Kind = FaultKind.IgnoreRange };

    public static Fault ChangeETag() => new Fault { Kind = FaultKind.ChangeETag };

    public static Fault ChangeETagIgnoreIfRange() => new Fault { Kind = FaultKind.ChangeETagIgnoreIfRange };

    public static Fault NewContent() => new Fault { Kind = FaultKind.NewContent };

    public static Fault SwapContentKeepETag() => new Fault { Kind = FaultKind.SwapContentKeepETag };

    public static Fault WrongContentRange(long shift) => new Fault { Kind = FaultKind.WrongContentRange, Bytes = shift };

    public static Fault Answer(int status, int retryAfterSeconds = -1) => new Fault { Kind = FaultKind.Status, Status = status, RetryAfter = retryAfterSeconds };

    public static Fault Stall(long afterBytes, int ms) => new Fault { Kind = FaultKind.Stall, Bytes = afterBytes, DelayMs = ms };

    public static Fault Trickle(int chunkBytes, int delayMs, long cutAfter = 0) => new Fault { Kind = FaultKind.Trickle, ChunkBytes = chunkBytes, DelayMs = delayMs, Bytes = cutAfter };

    public static Fault RedirectChain(int hops) => new Fault { Kind = FaultKind.Redirect, Hops = hops };

    /// <summary>Text form for the CLI and the <c>?fault=</c> query: <c>cut:N</c>, <c>ignore-range</c>, <c>change-etag</c>,
    /// <c>change-etag-ignore-if-range</c>, <c>new-content</c>, <c>swap-content</c>, <c>wrong-range:SHIFT</c>,
    /// <c>status:CODE[:RETRYAFTER]</c>, <c>stall:N:MS</c>, <c>trickle:CHUNK:MS[:CUT]</c>, <c>redirect:HOPS</c>.</summary>
    public static Fault Parse(string text)
    {
        string[] p = (text ?? string.Empty).Split(':');
        long N(int i) => long.Parse(p[i], CultureInfo.InvariantCulture);
        int I(int i) => int.Parse(p[i], CultureInfo.InvariantCulture);
        try
        {
            return p[0] switch
            {
                "cut" => CutAt(N(1)),
                "ignore-range" => IgnoreRange(),
                "change-etag" => ChangeETag(),
                "change-etag-ignore-if-range" => ChangeETagIgnoreIfRange(),
                "new-content" => NewContent(),
                "swap-content" => SwapContentKeepETag(),
                "wrong-range" => WrongContentRange(N(1)),
                "status" => Answer(I(1), p.Length > 2 ? I(2) : -1),
                "stall" => Stall(N(1), I(2)),
                "trickle" => Trickle(I(1), I(2), p.Length > 3 ? N(3) : 0),
                "redirect" => RedirectChain(I(1)),
                _ => throw new FormatException("unknown fault '" + p[0] + "'"),
            };
        }
        catch (Exception e) when (e is IndexOutOfRangeException || e is OverflowException)
        {
            throw new FormatException("bad fault '" + text + "'", e);
        }
    }

    /// <summary>The text form <see cref="Parse"/> reads.</summary>
    public override string ToString() => Kind switch
    {
        FaultKind.Cut => "cut:" + Bytes,
        FaultKind.WrongContentRange => "wrong-range:" + Bytes,
        FaultKind.Status => "status:" + Status + (RetryAfter >= 0 ? ":" + RetryAfter : string.Empty),
        FaultKind.Stall => "stall:" + Bytes + ":" + DelayMs,
        FaultKind.Trickle => "trickle:" + ChunkBytes + ":" + DelayMs + ":" + Bytes,
        FaultKind.Redirect => "redirect:" + Hops,
        FaultKind.IgnoreRange => "ignore-range",
        FaultKind.ChangeETag => "change-etag",
        FaultKind.ChangeETagIgnoreIfRange => "change-etag-ignore-if-range",
        FaultKind.NewContent => "new-content",
        FaultKind.SwapContentKeepETag => "swap-content",
        _ => Kind.ToString(),
    };
}

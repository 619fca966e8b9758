namespace NanoOmaDm.FaultServer;

public enum FaultKind
{
    /// <summary>Send <c>Bytes</c> body bytes, then abort the connection.</summary>
    Cut,
    /// <summary>Answer a range request with 200 and the whole file.</summary>
    IgnoreRange,
    /// <summary>New ETag and Last-Modified (same bytes), then serve honouring If-Range (so a resume gets 200).</summary>
    ChangeETag,
    /// <summary>New ETag and Last-Modified, then serve the range anyway (206 with the new ETag: broken If-Range support).</summary>
    ChangeETagIgnoreIfRange,
    /// <summary>New content with a new ETag and Last-Modified, then serve normally.</summary>
    NewContent,
    /// <summary>New content but the old ETag and Last-Modified (a lying server), then serve normally.</summary>
    SwapContentKeepETag,
    /// <summary>206 whose Content-Range (and body) starts <c>Bytes</c> after the requested start (negative: before).</summary>
    WrongContentRange,
    /// <summary>Answer with status <c>Status</c> (416 carries <c>Content-Range: bytes */size</c>; <c>RetryAfter</c> if >= 0).</summary>
    Status,
    /// <summary>Send <c>Bytes</c> body bytes, wait <c>DelayMs</c>, then continue.</summary>
    Stall,
    /// <summary>Send the body in <c>ChunkBytes</c> pieces <c>DelayMs</c> apart; after <c>Bytes</c> bytes (if > 0) abort.</summary>
    Trickle,
    /// <summary>302 through a chain of <c>Hops</c> redirects before the file.</summary>
    Redirect,
}

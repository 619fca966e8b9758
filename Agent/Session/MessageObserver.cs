namespace NanoOmaDm.Agent.Session
{
    /// <summary>Sees every DM message on the wire (for --verbose transcripts and diagnostics).</summary>
    public delegate void MessageObserver(bool outgoing, byte[] message, int length);
}

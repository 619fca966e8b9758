namespace NanoOmaDm.Hal
{
    /// <summary>Called with one received notification (a DM 1.2 Pkg#0); the buffer is only valid during the call.</summary>
    public delegate void NotificationHandler(byte[] message, int length);
}

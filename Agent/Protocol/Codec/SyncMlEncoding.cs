namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>How a SyncML message travels: clear-text XML or binary WBXML (see <see cref="SyncMlCodec"/>).</summary>
    public enum SyncMlEncoding
    {
        Xml,
        Wbxml
    }
}

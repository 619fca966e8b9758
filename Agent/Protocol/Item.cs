namespace NanoOmaDm.Agent.Protocol
{
    /// <summary>An Item of a command: Target/Source addresses, optional Meta, Data and the large-object MoreData flag.
    /// Data is kept as the text that travelled (for Format b64 still encoded) so the codec never has to guess;
    /// the session decodes according to Meta Format.</summary>
    public sealed class Item
    {
        public string TargetUri;
        public string TargetName;
        public string SourceUri;
        public string SourceName;
        public Meta Meta;
        /// <summary>Null when the Item has no Data element; "" for an empty one. Also null when the data is binary
        /// (<see cref="OpaqueData"/> set).</summary>
        public string Data;
        /// <summary>WBXML only: Data as raw bytes (OPAQUE), with <see cref="Data"/> null. The parser sets it only
        /// for OPAQUE content that is not UTF-8 text (text sent as OPAQUE arrives in Data, and its UTF-8 bytes are
        /// the bytes that were sent); the WBXML writer sends it as OPAQUE. The XML writer cannot carry raw bytes
        /// and ignores it: over XML, binary travels as b64 text in Data.</summary>
        public byte[] OpaqueData;
        public bool MoreData;
    }
}

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
        /// <summary>Null when the Item has no Data element; "" for an empty one.</summary>
        public string Data;
        public bool MoreData;
    }
}

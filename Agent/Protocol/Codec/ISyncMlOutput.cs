namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>
    /// The writes <see cref="SyncMlSerializer"/> and <see cref="SyncMlWriter"/> need, in SyncML terms, so that one
    /// element-order logic serves XML and WBXML. Element names are SyncML's; MetInf elements are asked for as
    /// such. Like the byte outputs underneath, each write goes in whole or not at all and the first refusal sets
    /// <see cref="Overflowed"/>; a name the encoding cannot express counts as a refusal.
    /// </summary>
    internal interface ISyncMlOutput
    {
        /// <summary>The written bytes are Buffer[0, Length); null for a counter.</summary>
        byte[] Buffer { get; }

        int Length { get; }

        int Capacity { get; }

        int Limit { get; set; }

        int Remaining { get; }

        bool Overflowed { get; }

        /// <summary>Bytes that closing a message may need after the last command: Final and the SyncBody and
        /// SyncML ends.</summary>
        int ClosingReserve { get; }

        /// <summary>Empties the output and restores the full capacity as limit.</summary>
        void Reset();

        /// <summary>For a counter: empties it and takes over the encoder state of other (same encoding), so that
        /// it measures exactly what other would write next.</summary>
        void ResetToContinue(ISyncMlOutput other);

        /// <summary>Opens the SyncML 1.2 root element (with whatever the encoding puts before it).</summary>
        bool StartDocument();

        bool StartElement(string name);

        bool EndElement(string name);

        bool EmptyElement(string name);

        /// <summary>The element with value as text; an empty element for "".</summary>
        bool Element(string name, string value);

        /// <summary>A MetInf element (in the syncml:metinf namespace) with value as text.</summary>
        bool MetInfElement(string name, string value);

        /// <summary>The element with bytes as raw binary where the encoding can carry it (WBXML OPAQUE);
        /// otherwise, or when bytes is null, the element with text (nothing when text is null too).</summary>
        bool BinaryElement(string name, byte[] bytes, string text);
    }
}

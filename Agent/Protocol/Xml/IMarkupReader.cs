namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>
    /// A pull reader over one document's element structure, whatever its encoding: <see cref="XmlPullReader"/>
    /// reads XML text, the WBXML reader reads the binary form of the same infoset. Model builders such as
    /// SyncMlParser consume this interface only, so the structure of a document is interpreted in one place.
    /// Errors never throw: <see cref="Read"/> returns <see cref="XmlToken.Error"/> from then on.
    /// </summary>
    public interface IMarkupReader
    {
        /// <summary>Starts reading a new document held in document[offset, offset+length), which must stay
        /// unchanged while it is read.</summary>
        void Reset(byte[] document, int offset, int length);

        /// <summary>The next StartElement, EndElement or Text; an empty element gives StartElement then
        /// EndElement. Text between two tags comes as one token.</summary>
        XmlToken Read();

        XmlToken Token { get; }

        string LocalName { get; }

        /// <summary>Namespace URI of the current element; "" when it has none.</summary>
        string NamespaceUri { get; }

        /// <summary>Characters of the current Text token, null for other tokens. For an opaque token, its bytes
        /// decoded as UTF-8, or null when they are not UTF-8 text.</summary>
        string Value { get; }

        /// <summary>True when the current Text token is binary content (WBXML OPAQUE); XML has none.</summary>
        bool IsOpaque { get; }

        /// <summary>A copy of the current opaque token's bytes; null for other tokens.</summary>
        byte[] GetOpaque();

        /// <summary>After a StartElement, reads up to and including its EndElement. False on malformed input.</summary>
        bool Skip();

        /// <summary>The open elements as "/a/b/c", for error messages.</summary>
        string GetPath();

        /// <summary>Offset of the current token's first byte in the input range.</summary>
        int TokenStart { get; }

        /// <summary>Offset just after the current token in the input range.</summary>
        int Position { get; }

        /// <summary>An already read part of the document, from <see cref="Position"/> after a StartElement up to a
        /// later <see cref="TokenStart"/>, as XML text (markup included). Null when the range cannot be given.</summary>
        string GetSourceText(int start, int length);

        string ErrorMessage { get; }

        /// <summary>Offset of the offending byte in the input range; -1 without error.</summary>
        int ErrorPosition { get; }
    }
}

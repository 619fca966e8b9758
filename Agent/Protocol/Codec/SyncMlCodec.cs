namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>
    /// Picks the encoding of a DM message by HTTP media type and creates the matching parser and writer. The DM
    /// types are application/vnd.syncml.dm+xml and +wbxml; the Data Sync types (application/vnd.syncml+xml,
    /// +wbxml), which some servers send, are accepted on input. A session replies in the encoding it was
    /// addressed in.
    /// </summary>
    public static class SyncMlCodec
    {
        public const string XmlContentType = "application/vnd.syncml.dm+xml";
        public const string WbxmlContentType = "application/vnd.syncml.dm+wbxml";

        private const string DsXmlContentType = "application/vnd.syncml+xml";
        private const string DsWbxmlContentType = "application/vnd.syncml+wbxml";

        /// <summary>The media type to send a message of this encoding with.</summary>
        public static string ContentType(SyncMlEncoding encoding)
        {
            return encoding == SyncMlEncoding.Wbxml ? WbxmlContentType : XmlContentType;
        }

        /// <summary>The encoding a Content-Type header value names (case and parameters such as charset ignored);
        /// false when it is no SyncML type.</summary>
        public static bool TryGetEncoding(string contentType, out SyncMlEncoding encoding)
        {
            encoding = SyncMlEncoding.Xml;
            if (contentType == null)
            {
                return false;
            }
            int end = contentType.IndexOf(';');
            string type = (end < 0 ? contentType : contentType.Substring(0, end)).Trim();
            if (SyncMlNames.EqualsIgnoreCase(type, WbxmlContentType) || SyncMlNames.EqualsIgnoreCase(type, DsWbxmlContentType))
            {
                encoding = SyncMlEncoding.Wbxml;
                return true;
            }
            return SyncMlNames.EqualsIgnoreCase(type, XmlContentType) || SyncMlNames.EqualsIgnoreCase(type, DsXmlContentType);
        }

        /// <summary>The encoding a message body looks like when no usable media type came with it: WBXML starts
        /// with its version byte (1.1 to 1.3 = 0x01 to 0x03), XML with '&lt;', a byte order mark or whitespace.</summary>
        public static SyncMlEncoding Sniff(byte[] body, int offset, int length)
        {
            bool wbxml = body != null && length > 0 && offset >= 0 && offset < body.Length
                && body[offset] >= 0x01 && body[offset] <= 0x03;
            return wbxml ? SyncMlEncoding.Wbxml : SyncMlEncoding.Xml;
        }

        public static SyncMlParser CreateParser(SyncMlEncoding encoding, int maxDepth, int maxDataLength)
        {
            return new SyncMlParser(maxDepth, maxDataLength, encoding);
        }

        public static SyncMlWriter CreateWriter(SyncMlEncoding encoding, int capacity)
        {
            return new SyncMlWriter(capacity, encoding);
        }
    }
}

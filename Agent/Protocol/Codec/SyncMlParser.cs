using NanoOmaDm.Agent.Protocol.Wbxml;
using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Codec
{
    /// <summary>
    /// Reads a SyncML DM 1.2 (or 1.1) message, XML or WBXML, into the model. Malformed input gives null and
    /// <see cref="Error"/> (reason, element path and byte offset); nothing throws. Unknown elements are skipped
    /// with their subtree; every element of SyncBody other than Final becomes a <see cref="Command"/> named after
    /// it, so commands DM does not know (Sync, Map, Put, ...) still reach the session to be refused. Values are
    /// kept as transported (b64 data stays encoded); leaf values other than Data are trimmed of whitespace.
    /// Data that contains elements (e.g. inline XML for Format xml) is kept as its source markup (WBXML: the
    /// markup written as XML). Item Data that came as WBXML OPAQUE bytes which are not UTF-8 text is left in
    /// <see cref="Item.OpaqueData"/>; everywhere else values must be text.
    /// </summary>
    /// <remarks>Both encodings go through <see cref="IMarkupReader"/>, so this class is the one place that knows
    /// the SyncML structure.</remarks>
    public sealed class SyncMlParser
    {
        private readonly IMarkupReader reader;
        private readonly SyncMlEncoding encoding;
        private readonly int maxDataLength;
        private string error;
        private string rootNamespace;
        /// <summary>Bytes of the value the last <see cref="ReadData"/> returned null for without an error.</summary>
        private byte[] opaqueData;

        /// <summary>An XML parser.</summary>
        /// <param name="maxDepth">Deepest element nesting accepted.</param>
        /// <param name="maxDataLength">Most characters in one value (MaxObjSize bounds item data).</param>
        public SyncMlParser(int maxDepth, int maxDataLength)
            : this(maxDepth, maxDataLength, SyncMlEncoding.Xml)
        {
        }

        /// <param name="maxDepth">Deepest element nesting accepted.</param>
        /// <param name="maxDataLength">Most characters (opaque data: bytes) in one value.</param>
        /// <param name="encoding">XML or WBXML.</param>
        public SyncMlParser(int maxDepth, int maxDataLength, SyncMlEncoding encoding)
        {
            this.maxDataLength = maxDataLength;
            this.encoding = encoding;
            if (encoding == SyncMlEncoding.Wbxml)
            {
                reader = new WbxmlReader(maxDepth, maxDataLength);
            }
            else
            {
                reader = new XmlPullReader(maxDepth, maxDataLength, SyncMlNames.Vocabulary);
            }
        }

        public SyncMlEncoding Encoding
        {
            get { return encoding; }
        }

        /// <summary>Why the last <see cref="Parse"/> returned null; null after success.</summary>
        public string Error
        {
            get { return error; }
        }

        public SyncMessage Parse(byte[] buffer, int offset, int length)
        {
            error = null;
            reader.Reset(buffer, offset, length);
            SyncMessage message = new SyncMessage();
            // The model's defaults would hide a header that lacks these.
            message.Header.VerDtd = null;
            message.Header.VerProto = null;
            return ParseDocument(message) ? message : null;
        }

        private bool ParseDocument(SyncMessage message)
        {
            if (reader.Read() != XmlToken.StartElement)
            {
                return ReaderFailed();
            }
            rootNamespace = null;
            if (reader.LocalName != SyncMlNames.SyncMl || !IsSyncMlNamespace(reader.NamespaceUri))
            {
                return Fail("root element must be SyncML in namespace SYNCML:SYNCML1.2 or SYNCML:SYNCML1.1");
            }
            rootNamespace = reader.NamespaceUri;
            bool header = false;
            bool body = false;
            while (NextChild())
            {
                if (Is(SyncMlNames.SyncHdr))
                {
                    if (header || body)
                    {
                        return Fail("SyncHdr must come once, before SyncBody");
                    }
                    header = true;
                    ParseHeader(message.Header);
                }
                else if (Is(SyncMlNames.SyncBody))
                {
                    if (!header || body)
                    {
                        return Fail("SyncBody must come once, after SyncHdr");
                    }
                    body = true;
                    ParseBody(message);
                }
                else
                {
                    SkipElement();
                }
            }
            if (error != null)
            {
                return false;
            }
            if (!body)
            {
                return Fail("SyncHdr or SyncBody missing");
            }
            return reader.Read() == XmlToken.EndOfDocument || ReaderFailed();
        }

        private void ParseHeader(SyncHeader h)
        {
            while (NextChild())
            {
                if (Is(SyncMlNames.VerDtd))
                {
                    h.VerDtd = ReadLeaf();
                }
                else if (Is(SyncMlNames.VerProto))
                {
                    h.VerProto = ReadLeaf();
                }
                else if (Is(SyncMlNames.SessionId))
                {
                    h.SessionId = ReadLeaf();
                }
                else if (Is(SyncMlNames.MsgId))
                {
                    h.MsgId = ReadLeaf();
                }
                else if (Is(SyncMlNames.Target))
                {
                    ParseLocation(out h.TargetUri, out h.TargetName);
                }
                else if (Is(SyncMlNames.Source))
                {
                    ParseLocation(out h.SourceUri, out h.SourceName);
                }
                else if (Is(SyncMlNames.RespUri))
                {
                    h.RespUri = ReadLeaf();
                }
                else if (Is(SyncMlNames.Cred))
                {
                    h.Cred = ParseCred();
                }
                else if (Is(SyncMlNames.Meta))
                {
                    h.Meta = ParseMeta();
                }
                else
                {
                    SkipElement();
                }
            }
        }

        private void ParseBody(SyncMessage message)
        {
            while (NextChild())
            {
                if (!IsSyncMlNamespace(reader.NamespaceUri))
                {
                    SkipElement();
                }
                else if (Is(SyncMlNames.Final))
                {
                    message.Final = true;
                    SkipElement();
                }
                else
                {
                    message.Commands.Add(ParseCommand());
                }
            }
        }

        private Command ParseCommand()
        {
            Command c = new Command(reader.LocalName);
            while (NextChild())
            {
                if (Is(SyncMlNames.CmdId))
                {
                    c.CmdId = ReadLeaf();
                }
                else if (Is(SyncMlNames.NoResp))
                {
                    c.NoResp = true;
                    SkipElement();
                }
                else if (Is(SyncMlNames.Meta))
                {
                    c.Meta = ParseMeta();
                }
                else if (Is(SyncMlNames.Cred))
                {
                    c.Cred = ParseCred();
                }
                else if (Is(SyncMlNames.Data))
                {
                    c.Data = ReadData(false);
                }
                else if (Is(SyncMlNames.Correlator))
                {
                    c.Correlator = ReadLeaf();
                }
                else if (Is(SyncMlNames.Item))
                {
                    c.AddItem(ParseItem());
                }
                else if (Is(SyncMlNames.MsgRef))
                {
                    c.MsgRef = ReadLeaf();
                }
                else if (Is(SyncMlNames.CmdRef))
                {
                    c.CmdRef = ReadLeaf();
                }
                else if (Is(SyncMlNames.Cmd))
                {
                    c.Cmd = ReadLeaf();
                }
                else if (Is(SyncMlNames.TargetRef))
                {
                    c.TargetRefs.Add(ReadLeaf());
                }
                else if (Is(SyncMlNames.SourceRef))
                {
                    c.SourceRefs.Add(ReadLeaf());
                }
                else if (Is(SyncMlNames.Chal))
                {
                    c.Chal = ParseChal();
                }
                else if (IsSyncMlNamespace(reader.NamespaceUri) && SyncMlNames.IsCommand(reader.LocalName))
                {
                    c.Children.Add(ParseCommand());
                }
                else
                {
                    SkipElement();
                }
            }
            return c;
        }

        private Item ParseItem()
        {
            Item item = new Item();
            while (NextChild())
            {
                if (Is(SyncMlNames.Target))
                {
                    ParseLocation(out item.TargetUri, out item.TargetName);
                }
                else if (Is(SyncMlNames.Source))
                {
                    ParseLocation(out item.SourceUri, out item.SourceName);
                }
                else if (Is(SyncMlNames.Meta))
                {
                    item.Meta = ParseMeta();
                }
                else if (Is(SyncMlNames.Data))
                {
                    item.Data = ReadData(true);
                    item.OpaqueData = opaqueData;
                }
                else if (Is(SyncMlNames.MoreData))
                {
                    item.MoreData = true;
                    SkipElement();
                }
                else
                {
                    SkipElement();
                }
            }
            return item;
        }

        private void ParseLocation(out string uri, out string name)
        {
            uri = null;
            name = null;
            while (NextChild())
            {
                if (Is(SyncMlNames.LocUri))
                {
                    uri = ReadLeaf();
                }
                else if (Is(SyncMlNames.LocName))
                {
                    name = ReadLeaf();
                }
                else
                {
                    SkipElement();
                }
            }
        }

        private Cred ParseCred()
        {
            Cred cred = new Cred();
            while (NextChild())
            {
                if (Is(SyncMlNames.Meta))
                {
                    Meta meta = ParseMeta();
                    cred.Type = meta.Type;
                    cred.Format = meta.Format;
                }
                else if (Is(SyncMlNames.Data))
                {
                    cred.Data = ReadData(false);
                }
                else
                {
                    SkipElement();
                }
            }
            return cred;
        }

        private Meta ParseChal()
        {
            Meta meta = null;
            while (NextChild())
            {
                if (Is(SyncMlNames.Meta))
                {
                    meta = ParseMeta();
                }
                else
                {
                    SkipElement();
                }
            }
            return meta == null ? new Meta() : meta;
        }

        private Meta ParseMeta()
        {
            Meta meta = new Meta();
            ParseMetInf(meta);
            return meta;
        }

        /// <summary>MetInf elements may be in the MetInf namespace (declared on them or through a prefix), in the
        /// SyncML namespace or in none, and some senders wrap them in a MetInf element.</summary>
        private void ParseMetInf(Meta meta)
        {
            while (NextChild())
            {
                string ns = reader.NamespaceUri;
                if (!IsSyncMlNamespace(ns) && !SyncMlNames.EqualsIgnoreCase(ns, SyncMlNames.MetInfNamespace))
                {
                    SkipElement();
                    continue;
                }
                string name = reader.LocalName;
                if (name == SyncMlNames.Type)
                {
                    meta.Type = ReadLeaf();
                }
                else if (name == SyncMlNames.Format)
                {
                    meta.Format = ReadLeaf();
                }
                else if (name == SyncMlNames.Mark)
                {
                    meta.Mark = ReadLeaf();
                }
                else if (name == SyncMlNames.NextNonce)
                {
                    meta.NextNonce = ReadLeaf();
                }
                else if (name == SyncMlNames.Version)
                {
                    meta.Version = ReadLeaf();
                }
                else if (name == SyncMlNames.Emi)
                {
                    meta.Emi = ReadLeaf();
                }
                else if (name == SyncMlNames.Size)
                {
                    meta.Size = ReadNumber(name);
                }
                else if (name == SyncMlNames.MaxMsgSize)
                {
                    meta.MaxMsgSize = ReadNumber(name);
                }
                else if (name == SyncMlNames.MaxObjSize)
                {
                    meta.MaxObjSize = ReadNumber(name);
                }
                else if (name == SyncMlNames.MetInf)
                {
                    ParseMetInf(meta);
                }
                else
                {
                    SkipElement();
                }
            }
        }

        /// <summary>Moves to the next child element of the current element. False at the current element's end
        /// tag or once an error has been recorded (loops over children end on the first error).</summary>
        private bool NextChild()
        {
            while (error == null)
            {
                XmlToken t = reader.Read();
                if (t == XmlToken.StartElement)
                {
                    return true;
                }
                if (t == XmlToken.EndElement)
                {
                    return false;
                }
                if (t != XmlToken.Text)
                {
                    ReaderFailed();
                }
            }
            return false;
        }

        /// <summary>Trimmed text content of the current element (child elements skipped); null on error.</summary>
        private string ReadLeaf()
        {
            string value = ReadData(false);
            return value == null ? null : value.Trim();
        }

        /// <summary>Content of the current element as transported: its text, or its source markup when it has
        /// child elements. Null on error, and when binaryAllowed and the content is opaque bytes that are not
        /// text: they are in <see cref="opaqueData"/> then.</summary>
        private string ReadData(bool binaryAllowed)
        {
            opaqueData = null;
            int contentStart = reader.Position;
            string value = null;
            bool markup = false;
            while (error == null)
            {
                XmlToken t = reader.Read();
                if (t == XmlToken.Text)
                {
                    // The reader merges all text between two tags, so a second text token only follows markup.
                    if (!markup)
                    {
                        value = reader.Value;
                        if (value == null && !ReadBinary(binaryAllowed))
                        {
                            return null;
                        }
                    }
                }
                else if (t == XmlToken.StartElement)
                {
                    markup = true;
                    SkipElement();
                }
                else if (t == XmlToken.EndElement)
                {
                    if (markup)
                    {
                        opaqueData = null;
                        value = reader.GetSourceText(contentStart, reader.TokenStart - contentStart);
                        if (value == null)
                        {
                            Fail("content cannot be read as XML text (too long, or binary data among elements)");
                            return null;
                        }
                    }
                    if (value != null && value.Length > maxDataLength)
                    {
                        Fail("value longer than " + maxDataLength + " characters");
                        return null;
                    }
                    return value == null && opaqueData == null ? "" : value;
                }
                else
                {
                    ReaderFailed();
                }
            }
            return null;
        }

        /// <summary>Keeps the current opaque token's bytes where binary data is allowed; fails elsewhere.</summary>
        private bool ReadBinary(bool binaryAllowed)
        {
            if (!binaryAllowed)
            {
                return Fail("binary OPAQUE data where text is expected");
            }
            opaqueData = reader.GetOpaque();
            return true;
        }

        /// <summary>A non-negative decimal; -1 (and an error) when it is not one.</summary>
        private long ReadNumber(string name)
        {
            string text = ReadLeaf();
            if (text == null)
            {
                return -1;
            }
            long value = 0;
            if (text.Length == 0 || text.Length > 18)
            {
                Fail("invalid number '" + text + "' in " + name);
                return -1;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    Fail("invalid number '" + text + "' in " + name);
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private void SkipElement()
        {
            if (!reader.Skip())
            {
                ReaderFailed();
            }
        }

        /// <summary>True when the current element is the SyncML element of that name.</summary>
        private bool Is(string name)
        {
            return reader.LocalName == name && IsSyncMlNamespace(reader.NamespaceUri);
        }

        /// <summary>A SyncML namespace (1.2 or 1.1, any case) or none; the root's is compared first as the common case.</summary>
        private bool IsSyncMlNamespace(string ns)
        {
            if (ns.Length == 0 || ns == rootNamespace)
            {
                return true;
            }
            return SyncMlNames.EqualsIgnoreCase(ns, SyncMlNames.SyncMl12Namespace) || SyncMlNames.EqualsIgnoreCase(ns, SyncMlNames.SyncMl11Namespace);
        }

        private bool ReaderFailed()
        {
            if (error == null)
            {
                string message = reader.Token == XmlToken.Error ? reader.ErrorMessage : "unexpected end of document";
                error = (encoding == SyncMlEncoding.Wbxml ? "malformed WBXML: " : "malformed XML: ") + message + " at " + reader.GetPath() + " (byte " + ReaderPosition() + ")";
            }
            return false;
        }

        private bool Fail(string message)
        {
            if (error == null)
            {
                error = message + " at " + reader.GetPath() + " (byte " + ReaderPosition() + ")";
            }
            return false;
        }

        private int ReaderPosition()
        {
            return reader.Token == XmlToken.Error ? reader.ErrorPosition : reader.TokenStart;
        }
    }
}

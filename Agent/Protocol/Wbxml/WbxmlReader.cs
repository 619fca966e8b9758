using System.Text;
using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Wbxml
{
    /// <summary>
    /// Pull reader for SyncML documents in WBXML 1.1 to 1.3 (public id SyncML 1.2 or 1.1, numeric or through the
    /// string table; UTF-8), giving the same tokens as <see cref="XmlPullReader"/> gives for the XML form: tags
    /// of code page 0 come in the SyncML namespace, those of page 1 in syncml:metinf. Runs of STR_I, STR_T,
    /// ENTITY and OPAQUE between two tags are one Text token; a lone OPAQUE is an opaque token
    /// (<see cref="IsOpaque"/>). LITERAL tags are elements named from the string table, in the current page's
    /// namespace. Attributes, processing instructions and extension tokens are not part of SyncML and are
    /// refused, as are unknown tags and code pages. Bad input never throws: <see cref="Read"/> returns
    /// <see cref="XmlToken.Error"/>. Memory is bounded by the constructor limits; one reader serves every message.
    /// </summary>
    public sealed class WbxmlReader : IMarkupReader
    {
        private readonly WbxmlInput input = new WbxmlInput();
        private readonly int maxDepth;
        private readonly int maxTextLength;
        /// <summary>Text of the current token when it is made of several pieces.</summary>
        private readonly StringBuilder text = new StringBuilder();
        private readonly StringBuilder scratch = new StringBuilder();

        private readonly string[] openLocalName;
        private readonly string[] openNamespace;
        /// <summary>Where each open (or last closed) element's content starts, and the code page in force there:
        /// what <see cref="GetSourceText"/> needs to read the content again.</summary>
        private readonly int[] openContentStart;
        private readonly int[] openContentPage;
        private int depth;
        private int page;

        private bool fragment;
        private XmlToken token;
        private bool rootSeen;
        private bool pendingEnd;
        private bool emptyElement;
        private string localName;
        private string namespaceUri;
        private int tokenStart;

        /// <summary>The current Text token as one piece of the input (bytes [pieceStart, pieceStop)) unless
        /// textBuffered; pieceOpaque when that piece is an OPAQUE.</summary>
        private int pieceCount;
        private int pieceStart;
        private int pieceStop;
        private bool pieceOpaque;
        private bool pieceSupplementary;
        private bool textBuffered;
        private int textChars;
        private bool valueDone;
        private string textValue;

        private WbxmlMarkupRenderer renderer;

        public WbxmlReader(int maxDepth, int maxTextLength)
        {
            this.maxDepth = maxDepth < 1 ? 1 : maxDepth;
            this.maxTextLength = maxTextLength < 0 ? 0 : maxTextLength;
            openLocalName = new string[this.maxDepth];
            openNamespace = new string[this.maxDepth];
            openContentStart = new int[this.maxDepth];
            openContentPage = new int[this.maxDepth];
        }

        public XmlToken Token
        {
            get { return token; }
        }

        public string LocalName
        {
            get { return localName; }
        }

        public string NamespaceUri
        {
            get { return namespaceUri; }
        }

        /// <summary>True for a tag without content (no END follows); an EndElement token still comes.</summary>
        public bool IsEmptyElement
        {
            get { return emptyElement; }
        }

        /// <summary>Elements open after the current token (a StartElement counts itself, an EndElement does not).</summary>
        public int Depth
        {
            get { return depth; }
        }

        public string Value
        {
            get
            {
                if (token != XmlToken.Text)
                {
                    return null;
                }
                if (!valueDone)
                {
                    valueDone = true;
                    textValue = textBuffered ? text.ToString() : DecodePiece();
                }
                return textValue;
            }
        }

        public bool IsOpaque
        {
            get { return token == XmlToken.Text && pieceOpaque && !textBuffered; }
        }

        public byte[] GetOpaque()
        {
            if (!IsOpaque)
            {
                return null;
            }
            byte[] bytes = new byte[pieceStop - pieceStart];
            System.Array.Copy(input.Buffer, pieceStart, bytes, 0, bytes.Length);
            return bytes;
        }

        public int TokenStart
        {
            get { return tokenStart - input.Begin; }
        }

        public int Position
        {
            get { return input.Pos - input.Begin; }
        }

        public string ErrorMessage
        {
            get { return input.ErrorMessage; }
        }

        public int ErrorPosition
        {
            get { return input.ErrorPosition; }
        }

        public void Reset(byte[] document, int offset, int length)
        {
            ResetState(false);
            if (!input.Reset(document, offset, length) || !input.ReadHeader())
            {
                token = XmlToken.Error;
            }
            tokenStart = input.Pos;
        }

        /// <summary>Reads source[start, stop) of the document another reader has read: content (any number of
        /// elements and text, no header) that begins with the given code page.</summary>
        internal void ResetToFragment(WbxmlInput source, int start, int stop, int startPage)
        {
            ResetState(true);
            input.ResetToFragment(source, start, stop);
            page = startPage;
            tokenStart = input.Pos;
        }

        public XmlToken Read()
        {
            if (token == XmlToken.Error || token == XmlToken.EndOfDocument)
            {
                return token;
            }
            emptyElement = false;
            localName = null;
            namespaceUri = null;
            valueDone = false;
            textValue = null;
            XmlToken next;
            if (pendingEnd)
            {
                pendingEnd = false;
                tokenStart = input.Pos;
                next = CloseElement();
            }
            else
            {
                next = ReadToken();
            }
            if (input.Failed)
            {
                next = XmlToken.Error;
                pendingEnd = false;
            }
            token = next;
            return token;
        }

        public bool Skip()
        {
            if (token != XmlToken.StartElement)
            {
                return token != XmlToken.Error;
            }
            int target = depth - 1;
            while (true)
            {
                XmlToken t = Read();
                if (t == XmlToken.EndElement && depth == target)
                {
                    return true;
                }
                if (t == XmlToken.Error || t == XmlToken.EndOfDocument)
                {
                    return false;
                }
            }
        }

        public string GetPath()
        {
            if (depth == 0)
            {
                return "/";
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                path.Append('/');
                path.Append(openLocalName[i]);
            }
            return path.ToString();
        }

        /// <summary>The content of an element (start = <see cref="Position"/> right after its StartElement) read
        /// again and written as XML text; null for other ranges, for content that is too long and for OPAQUE data
        /// that is not text.</summary>
        public string GetSourceText(int start, int length)
        {
            if (start < 0 || length < 0 || start > Position - length)
            {
                return null;
            }
            int from = input.Begin + start;
            for (int i = 0; i < maxDepth; i++)
            {
                if (openContentStart[i] == from)
                {
                    if (renderer == null)
                    {
                        renderer = new WbxmlMarkupRenderer(maxDepth, maxTextLength);
                    }
                    return renderer.Render(input, from, from + length, openContentPage[i], openNamespace[i]);
                }
            }
            return null;
        }

        private void ResetState(bool asFragment)
        {
            fragment = asFragment;
            token = XmlToken.None;
            depth = 0;
            page = SyncMlCodePages.SyncMlPage;
            rootSeen = false;
            pendingEnd = false;
            emptyElement = false;
            localName = null;
            namespaceUri = null;
            valueDone = false;
            textValue = null;
            for (int i = 0; i < maxDepth; i++)
            {
                openContentStart[i] = -1;
            }
        }

        private XmlToken ReadToken()
        {
            while (true)
            {
                tokenStart = input.Pos;
                if (input.Pos >= input.End)
                {
                    if (depth > 0)
                    {
                        return FailToken("unexpected end of input, <" + openLocalName[depth - 1] + "> is not closed");
                    }
                    return rootSeen || fragment ? XmlToken.EndOfDocument : FailToken("no root element");
                }
                if (depth == 0 && rootSeen && !fragment)
                {
                    return FailToken("content after the root element");
                }
                int b = input.Buffer[input.Pos];
                if (b == WbxmlToken.SwitchPage)
                {
                    if (!SwitchPage())
                    {
                        return XmlToken.Error;
                    }
                    continue;
                }
                if (b == WbxmlToken.End)
                {
                    if (depth == 0)
                    {
                        return FailToken("END without an open element");
                    }
                    input.Pos++;
                    return CloseElement();
                }
                if (IsTextToken(b))
                {
                    return depth > 0 || fragment ? ReadText() : FailToken("text outside the root element");
                }
                if ((b & WbxmlToken.TagMask) == WbxmlToken.Literal)
                {
                    return ReadLiteralTag(b);
                }
                if (b == WbxmlToken.Pi)
                {
                    return FailToken("processing instructions are not used in SyncML");
                }
                if ((b & WbxmlToken.TagMask) < WbxmlToken.FirstTag)
                {
                    return FailToken("extension token 0x" + b.ToString("X2") + " is not used in SyncML");
                }
                return ReadTag(b);
            }
        }

        private XmlToken ReadTag(int b)
        {
            if ((b & WbxmlToken.HasAttributes) != 0)
            {
                return FailToken("attributes are not used in SyncML");
            }
            string name = SyncMlCodePages.TagName(page, b & WbxmlToken.TagMask);
            if (name == null)
            {
                return FailToken("unknown tag 0x" + (b & WbxmlToken.TagMask).ToString("X2") + " on code page " + page);
            }
            input.Pos++;
            return OpenElement(name, (b & WbxmlToken.HasContent) == 0);
        }

        /// <summary>LITERAL, LITERAL_C: a tag whose name is in the string table.</summary>
        private XmlToken ReadLiteralTag(int b)
        {
            if ((b & WbxmlToken.HasAttributes) != 0)
            {
                return FailToken("attributes are not used in SyncML");
            }
            input.Pos++;
            int start;
            int stop;
            if (!input.ReadTableString(out start, out stop))
            {
                return XmlToken.Error;
            }
            if (!IsAsciiName(start, stop))
            {
                input.Pos = tokenStart;
                return FailToken("LITERAL tag name is not an XML name");
            }
            return OpenElement(Encoding.UTF8.GetString(input.Buffer, start, stop - start), (b & WbxmlToken.HasContent) == 0);
        }

        private XmlToken OpenElement(string name, bool empty)
        {
            if (depth >= maxDepth)
            {
                input.Pos = tokenStart;
                return FailToken("elements nested deeper than " + maxDepth);
            }
            rootSeen = true;
            string ns = SyncMlCodePages.Namespace(page, input.SyncMl11);
            openLocalName[depth] = name;
            openNamespace[depth] = ns;
            openContentStart[depth] = input.Pos;
            openContentPage[depth] = page;
            depth++;
            localName = name;
            namespaceUri = ns;
            emptyElement = empty;
            pendingEnd = empty;
            return XmlToken.StartElement;
        }

        private XmlToken CloseElement()
        {
            depth--;
            localName = openLocalName[depth];
            namespaceUri = openNamespace[depth];
            return XmlToken.EndElement;
        }

        private bool SwitchPage()
        {
            input.Pos++;
            int next = input.ReadByte();
            if (next < 0)
            {
                return false;
            }
            if (!SyncMlCodePages.IsKnownPage(next))
            {
                input.Pos -= 2;
                return input.Fail("code page " + next + " is not SyncML (0) or MetInf (1)");
            }
            page = next;
            return true;
        }

        /// <summary>Collects the run of string, entity and opaque tokens (page switches may sit in between).</summary>
        private XmlToken ReadText()
        {
            pieceCount = 0;
            textBuffered = false;
            textChars = 0;
            pieceOpaque = false;
            while (input.Pos < input.End && !input.Failed)
            {
                int b = input.Buffer[input.Pos];
                if (b == WbxmlToken.SwitchPage)
                {
                    SwitchPage();
                    continue;
                }
                if (!IsTextToken(b))
                {
                    break;
                }
                input.Pos++;
                int start;
                int stop;
                if (b == WbxmlToken.StrI)
                {
                    if (input.ReadInlineString(out start, out stop))
                    {
                        AddString(start, stop);
                    }
                }
                else if (b == WbxmlToken.StrT)
                {
                    if (input.ReadTableString(out start, out stop))
                    {
                        AddString(start, stop);
                    }
                }
                else if (b == WbxmlToken.Entity)
                {
                    AddEntity();
                }
                else
                {
                    AddOpaque();
                }
            }
            return input.Failed ? XmlToken.Error : XmlToken.Text;
        }

        private void AddString(int start, int stop)
        {
            bool supplementary;
            int chars = input.CountChars(start, stop, out supplementary);
            if (chars < 0)
            {
                input.Fail("string is not UTF-8 or holds a character XML does not allow");
                return;
            }
            if (pieceCount++ == 0)
            {
                if (CountText(chars))
                {
                    SetPiece(start, stop, false, supplementary);
                }
                return;
            }
            if (BufferText() && CountText(chars))
            {
                XmlUtf8.Append(text, input.Buffer, start, stop);
            }
        }

        private void AddEntity()
        {
            int at = input.Pos - 1;
            int c = input.ReadInteger();
            if (c < 0)
            {
                return;
            }
            if (!XmlUtf8.IsXmlChar(c))
            {
                input.Pos = at;
                input.Fail("ENTITY for a character XML does not allow");
                return;
            }
            pieceCount++;
            if (BufferText() && CountText(c >= 0x10000 ? 2 : 1))
            {
                XmlUtf8.AppendCodePoint(text, c);
            }
        }

        private void AddOpaque()
        {
            int at = input.Pos - 1;
            int length = input.ReadInteger();
            if (length < 0)
            {
                return;
            }
            if (length > input.End - input.Pos)
            {
                input.Pos = at;
                input.Fail("OPAQUE longer than the rest of the document");
                return;
            }
            if (length > maxTextLength)
            {
                input.Pos = at;
                input.Fail("opaque data longer than " + maxTextLength + " bytes");
                return;
            }
            int start = input.Pos;
            input.Pos += length;
            if (pieceCount++ == 0)
            {
                textChars = length;
                SetPiece(start, start + length, true, false);
                return;
            }
            // Opaque bytes next to strings can only be read as part of the text.
            bool supplementary;
            int chars = input.CountChars(start, start + length, out supplementary);
            if (chars < 0)
            {
                input.Pos = at;
                input.Fail("OPAQUE data next to strings is not UTF-8 text");
                return;
            }
            if (BufferText() && CountText(chars))
            {
                XmlUtf8.Append(text, input.Buffer, start, start + length);
            }
        }

        private void SetPiece(int start, int stop, bool opaque, bool supplementary)
        {
            pieceStart = start;
            pieceStop = stop;
            pieceOpaque = opaque;
            pieceSupplementary = supplementary;
        }

        /// <summary>Moves the first piece into the text buffer once a second one arrives; false after failing.</summary>
        private bool BufferText()
        {
            if (textBuffered)
            {
                return true;
            }
            text.Clear();
            textBuffered = true;
            if (pieceCount > 1)
            {
                if (pieceOpaque)
                {
                    bool supplementary;
                    int chars = input.CountChars(pieceStart, pieceStop, out supplementary);
                    if (chars < 0)
                    {
                        return input.Fail("OPAQUE data next to strings is not UTF-8 text");
                    }
                    // The opaque piece was counted in bytes.
                    textChars = chars;
                }
                XmlUtf8.Append(text, input.Buffer, pieceStart, pieceStop);
            }
            return true;
        }

        private bool CountText(int chars)
        {
            textChars += chars;
            return textChars <= maxTextLength || input.Fail("text longer than " + maxTextLength + " characters");
        }

        /// <summary>The single piece as a string; null for OPAQUE bytes that are not UTF-8 text.</summary>
        private string DecodePiece()
        {
            bool supplementary = pieceSupplementary;
            if (pieceOpaque && input.CountChars(pieceStart, pieceStop, out supplementary) < 0)
            {
                return null;
            }
            return XmlUtf8.Decode(input.Buffer, pieceStart, pieceStop, supplementary, scratch);
        }

        private bool IsAsciiName(int start, int stop)
        {
            if (start == stop)
            {
                return false;
            }
            for (int i = start; i < stop; i++)
            {
                int b = input.Buffer[i];
                bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
                bool other = (b >= '0' && b <= '9') || b == '-' || b == '.';
                if (!(letter || (i > start && other)))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsTextToken(int b)
        {
            return b == WbxmlToken.StrI || b == WbxmlToken.StrT || b == WbxmlToken.Entity || b == WbxmlToken.Opaque;
        }

        private XmlToken FailToken(string message)
        {
            input.Fail(message);
            return XmlToken.Error;
        }
    }
}

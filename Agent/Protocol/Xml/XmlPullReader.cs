using System.Text;

namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>
    /// Pull tokenizer for UTF-8 XML held in a byte range (nanoFramework has no System.Xml). It builds no tree: the
    /// caller walks StartElement / Text / EndElement tokens. Bad input never throws: <see cref="Read"/> returns
    /// <see cref="XmlToken.Error"/> and <see cref="ErrorMessage"/> / <see cref="ErrorPosition"/> say why and where.
    /// Memory is bounded by the constructor limits (element depth, characters of one text node) and by fixed
    /// caps on attributes and namespace declarations; one reader can be reused for every message.
    /// </summary>
    /// <remarks>
    /// Text between two tags is delivered as one token, with comments and processing instructions removed,
    /// CDATA sections and references resolved and line ends normalised as XML requires. Namespace declarations
    /// are consumed, not reported as attributes. An empty-element tag gives a StartElement (IsEmptyElement) and
    /// then an EndElement. A DOCTYPE is skipped; one with an internal subset is rejected, which also shuts out
    /// entity declarations (no entity expansion attacks).
    /// </remarks>
    public sealed class XmlPullReader : IMarkupReader
    {
        public const int MaxAttributes = 16;
        /// <summary>Namespace declarations in scope at one time.</summary>
        public const int MaxNamespaceBindings = 32;
        public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

        private const int TransientNames = 64;

        private readonly XmlInput input = new XmlInput();
        private readonly int maxDepth;
        private readonly int maxTextLength;
        private readonly XmlNameTable names;
        /// <summary>Text of the current token when it cannot be taken straight from the input.</summary>
        private readonly StringBuilder text = new StringBuilder();
        /// <summary>Attribute values.</summary>
        private readonly StringBuilder scratch = new StringBuilder();

        private readonly int[] openNameStart;
        private readonly int[] openNameLength;
        private readonly int[] openBindings;
        private readonly string[] openLocalName;
        private readonly string[] openNamespace;
        private int depth;
        private readonly XmlNamespaceScope namespaces = new XmlNamespaceScope();

        private readonly int[] attributeNameStart = new int[MaxAttributes];
        private readonly int[] attributeNameLength = new int[MaxAttributes];
        private readonly int[] attributeColon = new int[MaxAttributes];
        private readonly bool[] attributeAscii = new bool[MaxAttributes];
        private readonly string[] attributeLocalName = new string[MaxAttributes];
        private readonly string[] attributeNamespace = new string[MaxAttributes];
        private readonly string[] attributeValue = new string[MaxAttributes];
        private int attributeCount;

        private XmlToken token;
        private bool rootSeen;
        private bool doctypeSeen;
        private bool pendingEnd;
        private bool emptyElement;
        private string localName;
        private string namespaceUri;
        private int tokenStart;

        private int textStart;
        private int textEnd;
        private int textChars;
        private bool textBuffered;
        private bool textHasSupplementary;
        private bool textIsWhitespace;
        private string textValue;

        public XmlPullReader(int maxDepth, int maxTextLength)
            : this(maxDepth, maxTextLength, null)
        {
        }

        /// <param name="knownNames">Element names and namespace URIs the caller expects; they are returned as these
        /// very instances, so reading them allocates nothing.</param>
        public XmlPullReader(int maxDepth, int maxTextLength, string[] knownNames)
        {
            this.maxDepth = maxDepth < 1 ? 1 : maxDepth;
            this.maxTextLength = maxTextLength < 0 ? 0 : maxTextLength;
            names = new XmlNameTable(knownNames, TransientNames);
            openNameStart = new int[this.maxDepth];
            openNameLength = new int[this.maxDepth];
            openBindings = new int[this.maxDepth];
            openLocalName = new string[this.maxDepth];
            openNamespace = new string[this.maxDepth];
        }

        public XmlToken Token
        {
            get { return token; }
        }

        /// <summary>Local name of the current StartElement or EndElement.</summary>
        public string LocalName
        {
            get { return localName; }
        }

        /// <summary>Resolved namespace URI of the current element; "" when it has none.</summary>
        public string NamespaceUri
        {
            get { return namespaceUri; }
        }

        public bool IsEmptyElement
        {
            get { return emptyElement; }
        }

        /// <summary>Elements open after the current token (a StartElement counts itself, an EndElement does not).</summary>
        public int Depth
        {
            get { return depth; }
        }

        /// <summary>The current Text token's characters; null for other tokens. Only valid until the next Read.</summary>
        public string Value
        {
            get
            {
                if (token != XmlToken.Text)
                {
                    return null;
                }
                if (textValue == null)
                {
                    textValue = textBuffered ? text.ToString() : input.Decode(textStart, textEnd, textHasSupplementary);
                }
                return textValue;
            }
        }

        /// <summary>Always false: XML text has no binary content.</summary>
        public bool IsOpaque
        {
            get { return false; }
        }

        /// <summary>Always null: XML text has no binary content.</summary>
        public byte[] GetOpaque()
        {
            return null;
        }

        /// <summary>True when the current Text token holds only spaces, tabs and line ends.</summary>
        public bool IsWhitespace
        {
            get { return token == XmlToken.Text && textIsWhitespace; }
        }

        /// <summary>Attributes of the current StartElement, namespace declarations excluded.</summary>
        public int AttributeCount
        {
            get { return token == XmlToken.StartElement ? attributeCount : 0; }
        }

        public string GetAttributeLocalName(int index)
        {
            return index >= 0 && index < AttributeCount ? attributeLocalName[index] : null;
        }

        public string GetAttributeNamespace(int index)
        {
            return index >= 0 && index < AttributeCount ? attributeNamespace[index] : null;
        }

        public string GetAttributeValue(int index)
        {
            return index >= 0 && index < AttributeCount ? attributeValue[index] : null;
        }

        /// <summary>Offset of the first byte of the current token, relative to the start of the input range.</summary>
        public int TokenStart
        {
            get { return tokenStart - input.Begin; }
        }

        /// <summary>Offset just after the current token, relative to the start of the input range.</summary>
        public int Position
        {
            get { return input.Pos - input.Begin; }
        }

        public string ErrorMessage
        {
            get { return input.ErrorMessage; }
        }

        /// <summary>Offset of the offending byte relative to the start of the input range; -1 without error.</summary>
        public int ErrorPosition
        {
            get { return input.ErrorPosition; }
        }

        /// <summary>Starts reading a new document; the bytes must stay unchanged while it is read.</summary>
        public void Reset(byte[] document, int offset, int length)
        {
            token = XmlToken.None;
            depth = 0;
            namespaces.Clear();
            attributeCount = 0;
            rootSeen = false;
            doctypeSeen = false;
            pendingEnd = false;
            emptyElement = false;
            localName = null;
            namespaceUri = null;
            textValue = null;
            names.ClearTransient();
            if (!input.Reset(document, offset, length) || !input.ReadXmlDeclaration())
            {
                token = XmlToken.Error;
            }
            tokenStart = input.Pos;
        }

        public XmlToken Read()
        {
            if (token == XmlToken.Error || token == XmlToken.EndOfDocument)
            {
                return token;
            }
            attributeCount = 0;
            textValue = null;
            emptyElement = false;
            localName = null;
            namespaceUri = null;
            XmlToken next;
            if (pendingEnd)
            {
                pendingEnd = false;
                tokenStart = input.Pos;
                next = CloseElement();
            }
            else
            {
                next = depth == 0 ? ReadOutsideRoot() : ReadContent();
            }
            if (input.Failed)
            {
                next = XmlToken.Error;
                pendingEnd = false;
            }
            token = next;
            return token;
        }

        /// <summary>After a StartElement, reads up to and including its EndElement. False on malformed input.</summary>
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

        /// <summary>The open elements as "/a/b/c", for error messages.</summary>
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

        /// <summary>The input bytes of an already read part of the document as a string, markup and references
        /// left as they are (offsets relative to the input range, e.g. from <see cref="Position"/> and
        /// <see cref="TokenStart"/>). Null when the range lies outside what has been read.</summary>
        public string GetSourceText(int start, int length)
        {
            if (start < 0 || length < 0 || start > input.Pos - input.Begin - length)
            {
                return null;
            }
            int from = input.Begin + start;
            int to = from + length;
            bool supplementary = false;
            for (int i = from; i < to; i++)
            {
                if (input.Buffer[i] >= 0xF0)
                {
                    supplementary = true;
                    break;
                }
            }
            return input.Decode(from, to, supplementary);
        }

        private XmlToken ReadOutsideRoot()
        {
            while (true)
            {
                input.SkipWhitespace();
                tokenStart = input.Pos;
                if (input.Pos >= input.End)
                {
                    if (!rootSeen)
                    {
                        return FailToken("no root element");
                    }
                    return XmlToken.EndOfDocument;
                }
                if (input.Buffer[input.Pos] != '<')
                {
                    return FailToken(rootSeen ? "text after the root element" : "text before the root element");
                }
                if (input.StartsWith("<?"))
                {
                    if (!input.SkipProcessingInstruction())
                    {
                        return XmlToken.Error;
                    }
                }
                else if (input.StartsWith("<!--"))
                {
                    if (!input.SkipComment())
                    {
                        return XmlToken.Error;
                    }
                }
                else if (input.StartsWith("<!DOCTYPE"))
                {
                    if (rootSeen || doctypeSeen)
                    {
                        return FailToken("DOCTYPE is only allowed once, before the root element");
                    }
                    doctypeSeen = true;
                    if (!input.SkipDoctype())
                    {
                        return XmlToken.Error;
                    }
                }
                else if (rootSeen)
                {
                    return FailToken("content after the root element");
                }
                else if (input.Pos + 1 < input.End && (input.Buffer[input.Pos + 1] == '/' || input.Buffer[input.Pos + 1] == '!'))
                {
                    return FailToken("root element expected");
                }
                else
                {
                    rootSeen = true;
                    return ReadStartTag();
                }
            }
        }

        private XmlToken ReadContent()
        {
            while (true)
            {
                tokenStart = input.Pos;
                if (input.Pos >= input.End)
                {
                    return FailToken("unexpected end of input, <" + openLocalName[depth - 1] + "> is not closed");
                }
                if (input.Buffer[input.Pos] == '<')
                {
                    if (input.Pos + 1 >= input.End)
                    {
                        return FailToken("unexpected end of input after '<'");
                    }
                    byte next = input.Buffer[input.Pos + 1];
                    if (next == '/')
                    {
                        return ReadEndTag();
                    }
                    if (next != '!' && next != '?')
                    {
                        return ReadStartTag();
                    }
                }
                if (!ScanText())
                {
                    return XmlToken.Error;
                }
                if (textChars > 0)
                {
                    return XmlToken.Text;
                }
            }
        }

        private XmlToken ReadStartTag()
        {
            if (depth >= maxDepth)
            {
                return FailToken("elements nested deeper than " + maxDepth);
            }
            input.Pos++;
            if (!input.ScanName())
            {
                return XmlToken.Error;
            }
            int qStart = input.NameStart;
            int qLength = input.NameLength;
            int qColon = input.NameColon;
            bool qAscii = input.NameAscii;
            int bindingsBefore = namespaces.Count;
            while (true)
            {
                bool space = input.SkipWhitespace();
                if (input.Pos >= input.End)
                {
                    return FailToken("unexpected end of input inside a start tag");
                }
                byte b = input.Buffer[input.Pos];
                if (b == '>')
                {
                    input.Pos++;
                    break;
                }
                if (b == '/')
                {
                    if (input.Pos + 1 < input.End && input.Buffer[input.Pos + 1] == '>')
                    {
                        input.Pos += 2;
                        emptyElement = true;
                        break;
                    }
                    return FailToken("'/' not followed by '>' in a start tag");
                }
                if (!space)
                {
                    return FailToken("whitespace expected before an attribute");
                }
                if (!ReadAttribute(bindingsBefore))
                {
                    return XmlToken.Error;
                }
            }
            string prefix = qColon < 0 ? "" : NameString(qStart, qColon - qStart, qAscii);
            string uri = namespaces.Lookup(prefix);
            if (uri == null)
            {
                return FailToken("undeclared namespace prefix '" + prefix + "'");
            }
            if (!ResolveAttributes())
            {
                return XmlToken.Error;
            }
            localName = qColon < 0 ? NameString(qStart, qLength, qAscii) : NameString(qColon + 1, qStart + qLength - qColon - 1, qAscii);
            namespaceUri = uri;
            openNameStart[depth] = qStart;
            openNameLength[depth] = qLength;
            openBindings[depth] = bindingsBefore;
            openLocalName[depth] = localName;
            openNamespace[depth] = uri;
            depth++;
            pendingEnd = emptyElement;
            return XmlToken.StartElement;
        }

        private XmlToken ReadEndTag()
        {
            input.Pos += 2;
            if (!input.ScanName())
            {
                return XmlToken.Error;
            }
            int top = depth - 1;
            if (!input.SameBytes(input.NameStart, input.NameLength, openNameStart[top], openNameLength[top]))
            {
                string found = input.Decode(input.NameStart, input.NameStart + input.NameLength, true);
                string open = input.Decode(openNameStart[top], openNameStart[top] + openNameLength[top], true);
                return FailToken("end tag </" + found + "> does not match <" + open + ">");
            }
            input.SkipWhitespace();
            if (input.Pos >= input.End || input.Buffer[input.Pos] != '>')
            {
                return FailToken("'>' expected in end tag");
            }
            input.Pos++;
            return CloseElement();
        }

        private XmlToken CloseElement()
        {
            depth--;
            localName = openLocalName[depth];
            namespaceUri = openNamespace[depth];
            namespaces.PopTo(openBindings[depth]);
            return XmlToken.EndElement;
        }

        private bool ReadAttribute(int bindingsBefore)
        {
            if (!input.ScanName())
            {
                return false;
            }
            int aStart = input.NameStart;
            int aLength = input.NameLength;
            int aColon = input.NameColon;
            bool aAscii = input.NameAscii;
            input.SkipWhitespace();
            if (input.Pos >= input.End || input.Buffer[input.Pos] != '=')
            {
                return input.Fail("'=' expected after an attribute name");
            }
            input.Pos++;
            input.SkipWhitespace();
            bool declaration = aColon < 0 ? input.BytesEqual(aStart, aLength, "xmlns") : input.BytesEqual(aStart, aColon - aStart, "xmlns");
            string value = ReadAttributeValue(declaration);
            if (value == null)
            {
                return false;
            }
            if (declaration)
            {
                string declared = aColon < 0 ? "" : NameString(aColon + 1, aStart + aLength - aColon - 1, aAscii);
                string refused = namespaces.Declare(declared, value, bindingsBefore);
                return refused == null || input.Fail(refused);
            }
            if (attributeCount >= MaxAttributes)
            {
                return input.Fail("more than " + MaxAttributes + " attributes");
            }
            for (int i = 0; i < attributeCount; i++)
            {
                if (input.SameBytes(attributeNameStart[i], attributeNameLength[i], aStart, aLength))
                {
                    return input.Fail("duplicate attribute");
                }
            }
            attributeNameStart[attributeCount] = aStart;
            attributeNameLength[attributeCount] = aLength;
            attributeColon[attributeCount] = aColon;
            attributeAscii[attributeCount] = aAscii;
            attributeValue[attributeCount] = value;
            attributeCount++;
            return true;
        }

        /// <summary>Reads a quoted value, resolving references and normalising whitespace to spaces as XML requires.
        /// Null on error.</summary>
        private string ReadAttributeValue(bool intern)
        {
            if (input.Pos >= input.End || (input.Buffer[input.Pos] != '"' && input.Buffer[input.Pos] != '\''))
            {
                input.Fail("quoted attribute value expected");
                return null;
            }
            byte quote = input.Buffer[input.Pos++];
            int start = input.Pos;
            bool plain = true;
            scratch.Clear();
            while (true)
            {
                if (input.Pos >= input.End)
                {
                    input.Fail("unterminated attribute value");
                    return null;
                }
                int b = input.Buffer[input.Pos];
                if (b == quote)
                {
                    break;
                }
                if (b == '<')
                {
                    input.Fail("'<' in an attribute value");
                    return null;
                }
                if (b == '&')
                {
                    int c = input.ReadReference();
                    if (c < 0)
                    {
                        return null;
                    }
                    XmlUtf8.AppendCodePoint(scratch, c);
                    plain = false;
                }
                else if (b == '\r' || b == '\n' || b == '\t')
                {
                    input.SkipLineEnd();
                    scratch.Append(' ');
                    plain = false;
                }
                else if (b < 0x80)
                {
                    if (b < 0x20)
                    {
                        input.Fail("character not allowed in XML");
                        return null;
                    }
                    scratch.Append((char)b);
                    input.Pos++;
                }
                else
                {
                    int c = input.ReadMultiByteChar();
                    if (c < 0)
                    {
                        return null;
                    }
                    XmlUtf8.AppendCodePoint(scratch, c);
                    plain = false;
                }
                if (scratch.Length > maxTextLength)
                {
                    input.Fail("attribute value longer than " + maxTextLength + " characters");
                    return null;
                }
            }
            int length = input.Pos - start;
            input.Pos++;
            return intern && plain ? names.Get(input.Buffer, start, length) : scratch.ToString();
        }

        private bool ResolveAttributes()
        {
            for (int i = 0; i < attributeCount; i++)
            {
                int start = attributeNameStart[i];
                int colon = attributeColon[i];
                bool ascii = attributeAscii[i];
                if (colon < 0)
                {
                    attributeNamespace[i] = "";
                    attributeLocalName[i] = NameString(start, attributeNameLength[i], ascii);
                    continue;
                }
                string uri = namespaces.Lookup(NameString(start, colon - start, ascii));
                if (uri == null)
                {
                    return input.Fail("undeclared namespace prefix in an attribute name");
                }
                attributeNamespace[i] = uri;
                attributeLocalName[i] = NameString(colon + 1, start + attributeNameLength[i] - colon - 1, ascii);
            }
            for (int i = 0; i < attributeCount; i++)
            {
                for (int j = i + 1; j < attributeCount; j++)
                {
                    if (attributeLocalName[i] == attributeLocalName[j] && attributeNamespace[i] == attributeNamespace[j])
                    {
                        return input.Fail("duplicate attribute");
                    }
                }
            }
            return true;
        }

        /// <summary>Character data up to the next tag, with CDATA, references, comments and PIs handled. Plain
        /// runs are only validated here; they are copied into <see cref="text"/> only once something else has to be
        /// merged with them, so the common case (one plain run) is later decoded straight from the input.</summary>
        private bool ScanText()
        {
            text.Clear();
            textBuffered = false;
            textHasSupplementary = false;
            textIsWhitespace = true;
            textChars = 0;
            int run = input.Pos;
            while (input.Pos < input.End)
            {
                byte b = input.Buffer[input.Pos];
                if (b == '<')
                {
                    if (input.Pos + 1 >= input.End)
                    {
                        break;
                    }
                    byte next = input.Buffer[input.Pos + 1];
                    if (next == '?')
                    {
                        FlushRange(run, input.Pos);
                        if (!input.SkipProcessingInstruction())
                        {
                            return false;
                        }
                    }
                    else if (input.StartsWith("<!--"))
                    {
                        FlushRange(run, input.Pos);
                        if (!input.SkipComment())
                        {
                            return false;
                        }
                    }
                    else if (input.StartsWith("<![CDATA["))
                    {
                        FlushRange(run, input.Pos);
                        if (!ReadCData())
                        {
                            return false;
                        }
                    }
                    else if (next == '!')
                    {
                        return input.Fail("markup declaration inside an element");
                    }
                    else
                    {
                        break;
                    }
                    run = input.Pos;
                    continue;
                }
                if (b == '&')
                {
                    FlushRange(run, input.Pos);
                    int c = input.ReadReference();
                    if (c < 0 || !AppendText(c))
                    {
                        return false;
                    }
                    run = input.Pos;
                    continue;
                }
                if (b == '\r')
                {
                    FlushRange(run, input.Pos);
                    input.SkipLineEnd();
                    if (!AppendText('\n'))
                    {
                        return false;
                    }
                    run = input.Pos;
                    continue;
                }
                if (b == ']' && input.StartsWith("]]>"))
                {
                    return input.Fail("']]>' not allowed in text");
                }
                if (!ScanTextChar())
                {
                    return false;
                }
            }
            if (textBuffered)
            {
                FlushRange(run, input.Pos);
            }
            else
            {
                textStart = run;
                textEnd = input.Pos;
            }
            return true;
        }

        private bool ReadCData()
        {
            input.Pos += 9;
            int run = input.Pos;
            while (true)
            {
                if (input.Pos >= input.End)
                {
                    return input.Fail("unterminated CDATA section");
                }
                byte b = input.Buffer[input.Pos];
                if (b == ']' && input.StartsWith("]]>"))
                {
                    FlushRange(run, input.Pos);
                    input.Pos += 3;
                    return true;
                }
                if (b == '\r')
                {
                    FlushRange(run, input.Pos);
                    input.SkipLineEnd();
                    if (!AppendText('\n'))
                    {
                        return false;
                    }
                    run = input.Pos;
                    continue;
                }
                if (!ScanTextChar())
                {
                    return false;
                }
            }
        }

        private void FlushRange(int start, int stop)
        {
            if (stop > start)
            {
                input.AppendUtf8(text, start, stop);
                textBuffered = true;
            }
        }

        /// <summary>Validates and counts one character of a text run (not copied).</summary>
        private bool ScanTextChar()
        {
            int b = input.Buffer[input.Pos];
            if (b < 0x80)
            {
                if (b > 0x20)
                {
                    textIsWhitespace = false;
                }
                else if (b != 0x20 && b != '\t' && b != '\n')
                {
                    return input.Fail("character not allowed in XML");
                }
                input.Pos++;
                return CountText(1);
            }
            int c = input.ReadMultiByteChar();
            if (c < 0)
            {
                return false;
            }
            textIsWhitespace = false;
            if (c >= 0x10000)
            {
                textHasSupplementary = true;
                return CountText(2);
            }
            return CountText(1);
        }

        /// <summary>Appends a character that does not come from a plain run (reference, normalised line end).</summary>
        private bool AppendText(int c)
        {
            if (!CountText(c >= 0x10000 ? 2 : 1))
            {
                return false;
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                textIsWhitespace = false;
            }
            XmlUtf8.AppendCodePoint(text, c);
            textBuffered = true;
            return true;
        }

        private bool CountText(int chars)
        {
            textChars += chars;
            return textChars <= maxTextLength || input.Fail("text longer than " + maxTextLength + " characters");
        }


        private string NameString(int start, int length, bool ascii)
        {
            return ascii ? names.Get(input.Buffer, start, length) : input.Decode(start, start + length, true);
        }

        private XmlToken FailToken(string message)
        {
            input.Fail(message);
            return XmlToken.Error;
        }
    }
}

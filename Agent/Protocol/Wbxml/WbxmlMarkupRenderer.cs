using System.Text;
using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Protocol.Wbxml
{
    /// <summary>Writes a part of a WBXML document as XML text: how element content such as inline XML in Data
    /// reaches the model, where the XML reader hands over the source markup. Elements get an xmlns declaration
    /// where their namespace differs from their parent's, so MetInf elements keep theirs.</summary>
    internal sealed class WbxmlMarkupRenderer
    {
        private readonly WbxmlReader reader;
        private readonly int maxChars;
        private readonly string[] namespaces;
        private readonly StringBuilder output = new StringBuilder();

        public WbxmlMarkupRenderer(int maxDepth, int maxChars)
        {
            reader = new WbxmlReader(maxDepth, maxChars);
            this.maxChars = maxChars;
            namespaces = new string[maxDepth + 1];
        }

        /// <summary>source[start, stop) as XML, the parent element being in parentNamespace; null when it is longer
        /// than the limit or holds OPAQUE data that is not text.</summary>
        public string Render(WbxmlInput source, int start, int stop, int startPage, string parentNamespace)
        {
            reader.ResetToFragment(source, start, stop, startPage);
            output.Clear();
            namespaces[0] = parentNamespace;
            while (output.Length <= maxChars)
            {
                XmlToken t = reader.Read();
                if (t == XmlToken.StartElement)
                {
                    int level = reader.Depth;
                    output.Append('<');
                    output.Append(reader.LocalName);
                    namespaces[level] = reader.NamespaceUri;
                    if (reader.NamespaceUri != namespaces[level - 1])
                    {
                        output.Append(" xmlns=\"");
                        output.Append(reader.NamespaceUri);
                        output.Append('"');
                    }
                    if (reader.IsEmptyElement)
                    {
                        output.Append("/>");
                        reader.Read();
                    }
                    else
                    {
                        output.Append('>');
                    }
                }
                else if (t == XmlToken.EndElement)
                {
                    output.Append("</");
                    output.Append(reader.LocalName);
                    output.Append('>');
                }
                else if (t == XmlToken.Text && reader.Value != null)
                {
                    XmlEscape.AppendText(output, reader.Value);
                }
                else
                {
                    return t == XmlToken.EndOfDocument ? output.ToString() : null;
                }
            }
            return null;
        }
    }
}

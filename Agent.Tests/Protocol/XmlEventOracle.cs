using System.Text;
using System.Xml;
using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Tests.Protocol
{
    /// <summary>Turns a document into a comparable list of events, once with System.Xml (the oracle) and once with
    /// <see cref="XmlPullReader"/>: "S {ns}name a={ns}x=v ...", "T text", "E {ns}name". Adjacent text, CDATA and
    /// whitespace are merged; comments, PIs and text outside the root are dropped (the pull reader never reports
    /// them). A malformed document gives the single event "ERROR".</summary>
    internal static class XmlEventOracle
    {
        public const string Error = "ERROR";

        public static List<string> FromSystemXml(byte[] document)
        {
            return FromSystemXml(document, out _);
        }

        public static List<string> FromSystemXml(byte[] document, out string errorMessage)
        {
            errorMessage = null;
            var events = new List<string>();
            var text = new StringBuilder();
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            try
            {
                using var reader = XmlReader.Create(new MemoryStream(document), settings);
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                            Flush(events, text);
                            bool empty = reader.IsEmptyElement;
                            string name = "{" + reader.NamespaceURI + "}" + reader.LocalName;
                            var attributes = new List<string>();
                            for (int i = 0; i < reader.AttributeCount; i++)
                            {
                                reader.MoveToAttribute(i);
                                if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                                {
                                    attributes.Add("{" + reader.NamespaceURI + "}" + reader.LocalName + "=" + reader.Value);
                                }
                            }
                            reader.MoveToElement();
                            events.Add(StartEvent(name, attributes));
                            if (empty)
                            {
                                events.Add("E " + name);
                            }
                            break;
                        case XmlNodeType.EndElement:
                            Flush(events, text);
                            events.Add("E {" + reader.NamespaceURI + "}" + reader.LocalName);
                            break;
                        case XmlNodeType.Text:
                        case XmlNodeType.CDATA:
                        case XmlNodeType.Whitespace:
                        case XmlNodeType.SignificantWhitespace:
                            if (reader.Depth > 0)
                            {
                                text.Append(reader.Value);
                            }
                            break;
                    }
                }
            }
            catch (XmlException e)
            {
                errorMessage = e.Message;
                return new List<string> { Error };
            }
            return events;
        }

        public static List<string> FromPullReader(byte[] document, int maxDepth = 64, int maxText = 1 << 20)
        {
            return FromPullReader(new XmlPullReader(maxDepth, maxText), document, 0, document.Length);
        }

        public static List<string> FromPullReader(XmlPullReader reader, byte[] buffer, int offset, int length)
        {
            var events = new List<string>();
            reader.Reset(buffer, offset, length);
            while (true)
            {
                switch (reader.Read())
                {
                    case XmlToken.StartElement:
                        var attributes = new List<string>();
                        for (int i = 0; i < reader.AttributeCount; i++)
                        {
                            attributes.Add("{" + reader.GetAttributeNamespace(i) + "}" + reader.GetAttributeLocalName(i) + "=" + reader.GetAttributeValue(i));
                        }
                        events.Add(StartEvent("{" + reader.NamespaceUri + "}" + reader.LocalName, attributes));
                        break;
                    case XmlToken.EndElement:
                        events.Add("E {" + reader.NamespaceUri + "}" + reader.LocalName);
                        break;
                    case XmlToken.Text:
                        events.Add("T " + reader.Value);
                        break;
                    case XmlToken.EndOfDocument:
                        return events;
                    default:
                        return new List<string> { Error };
                }
            }
        }

        private static string StartEvent(string name, List<string> attributes)
        {
            attributes.Sort(StringComparer.Ordinal);
            return "S " + name + (attributes.Count == 0 ? "" : " " + string.Join(" ", attributes));
        }

        private static void Flush(List<string> events, StringBuilder text)
        {
            if (text.Length > 0)
            {
                events.Add("T " + text);
                text.Clear();
            }
        }
    }
}

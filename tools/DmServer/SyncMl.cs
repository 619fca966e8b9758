using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace NanoOmaDm.DmServer;

/// <summary>SyncML 1.2 (DM profile) constants and small System.Xml.Linq helpers. Reading is namespace-tolerant
/// (elements are matched by local name); writing uses SYNCML:SYNCML1.2 and syncml:metinf for Meta content.</summary>
public static class SyncMl
{
    /// <summary>HTTP media type of clear-text DM messages.</summary>
    public const string MediaType = "application/vnd.syncml.dm+xml";

    /// <summary>Transport header of the auth-MAC ("HMAC") scheme.</summary>
    public const string HmacHeader = "x-syncml-hmac";

    /// <summary>SyncML 1.2 namespace.</summary>
    public static readonly XNamespace Ns = "SYNCML:SYNCML1.2";

    /// <summary>Meta information namespace.</summary>
    public static readonly XNamespace MetInf = "syncml:metinf";

    /// <summary>Parses a message body (DTDs are ignored, never fetched).</summary>
    public static XDocument Parse(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using (var ms = new MemoryStream(body, false))
        using (var reader = XmlReader.Create(ms, settings))
        {
            return XDocument.Load(reader, LoadOptions.None);
        }
    }

    /// <summary>Serialises compactly as UTF-8 (no BOM) with an XML declaration.</summary>
    public static byte[] Serialize(XDocument doc)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = false,
            OmitXmlDeclaration = false,
            NewLineHandling = NewLineHandling.None,
        };
        using (var ms = new MemoryStream())
        {
            using (var writer = XmlWriter.Create(ms, settings))
            {
                doc.Save(writer);
            }

            return ms.ToArray();
        }
    }

    /// <summary>SyncML element.</summary>
    public static XElement El(string name, params object[] content) => new XElement(Ns + name, content);

    /// <summary>MetInf element (goes inside Meta).</summary>
    public static XElement Mi(string name, object value) => new XElement(MetInf + name, value);

    /// <summary>First child with this local name, or null.</summary>
    public static XElement Child(this XElement e, string localName)
    {
        if (e == null)
        {
            return null;
        }

        foreach (var c in e.Elements())
        {
            if (c.Name.LocalName == localName)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Children with this local name.</summary>
    public static IEnumerable<XElement> Kids(this XElement e, string localName)
    {
        if (e == null)
        {
            return Enumerable.Empty<XElement>();
        }

        return e.Elements().Where(c => c.Name.LocalName == localName);
    }

    /// <summary>Follows a path of local names; null when any step is missing.</summary>
    public static XElement At(this XElement e, params string[] path)
    {
        foreach (var p in path)
        {
            e = e.Child(p);
            if (e == null)
            {
                return null;
            }
        }

        return e;
    }

    /// <summary>Trimmed text at a path of local names, or null.</summary>
    public static string Text(this XElement e, params string[] path)
    {
        var t = e.At(path);
        return t?.Value.Trim();
    }

    /// <summary>Trimmed value of a MetInf field anywhere below a Meta element (tolerates a MetInf wrapper).</summary>
    public static string MetaValue(XElement meta, string field)
    {
        if (meta == null)
        {
            return null;
        }

        var d = meta.Descendants().FirstOrDefault(x => x.Name.LocalName == field);
        return d?.Value.Trim();
    }

    /// <summary>Meta field of an item, falling back to the command's Meta.</summary>
    public static string ItemMeta(XElement item, XElement command, string field)
    {
        return MetaValue(item.Child("Meta"), field) ?? MetaValue(command?.Child("Meta"), field);
    }

    /// <summary>Parses an integer element value; null when absent or not a number.</summary>
    public static int? Int(string s)
    {
        if (s != null && int.TryParse(s.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        return null;
    }

    /// <summary>Removes the leading "./" and any "?query" so that URIs can be compared.</summary>
    public static string NormalizeUri(string uri)
    {
        if (uri == null)
        {
            return null;
        }

        var q = uri.IndexOf('?');
        if (q >= 0)
        {
            uri = uri.Substring(0, q);
        }

        if (uri.StartsWith("./", StringComparison.Ordinal))
        {
            uri = uri.Substring(2);
        }

        return uri.TrimEnd('/');
    }

    /// <summary>Decodes base64 ignoring whitespace; null if it is not valid base64.</summary>
    public static byte[] TryDecodeBase64(string s)
    {
        if (s == null)
        {
            return null;
        }

        var clean = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (!char.IsWhiteSpace(ch))
            {
                clean.Append(ch);
            }
        }

        try
        {
            return Convert.FromBase64String(clean.ToString());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>The namespace declarations in scope, innermost last. Bounded: a document that keeps more than
    /// <see cref="XmlPullReader.MaxNamespaceBindings"/> declarations open at once is refused.</summary>
    internal sealed class XmlNamespaceScope
    {
        private readonly string[] prefixes = new string[XmlPullReader.MaxNamespaceBindings];
        private readonly string[] uris = new string[XmlPullReader.MaxNamespaceBindings];
        private int count;

        /// <summary>Declarations in scope; an element remembers it to drop its own ones at its end tag.</summary>
        public int Count
        {
            get { return count; }
        }

        public void Clear()
        {
            PopTo(0);
        }

        /// <summary>Adds prefix → uri ("" prefix = default namespace) for an element whose declarations start at
        /// index since. Returns null, or why the declaration is not allowed.</summary>
        public string Declare(string prefix, string uri, int since)
        {
            if (prefix == "xmlns" || (prefix == "xml" && uri != XmlPullReader.XmlNamespace))
            {
                return "reserved namespace prefix '" + prefix + "'";
            }
            if (prefix.Length > 0 && uri.Length == 0)
            {
                return "namespace prefix '" + prefix + "' bound to an empty URI";
            }
            for (int i = since; i < count; i++)
            {
                if (prefixes[i] == prefix)
                {
                    return "duplicate namespace declaration";
                }
            }
            if (count >= prefixes.Length)
            {
                return "more than " + prefixes.Length + " namespace declarations in scope";
            }
            prefixes[count] = prefix;
            uris[count] = uri;
            count++;
            return null;
        }

        /// <summary>The URI bound to prefix; "" for an unbound default namespace, null for an unbound prefix.</summary>
        public string Lookup(string prefix)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (prefixes[i] == prefix)
                {
                    return uris[i];
                }
            }
            if (prefix.Length == 0)
            {
                return "";
            }
            return prefix == "xml" ? XmlPullReader.XmlNamespace : null;
        }

        public void PopTo(int newCount)
        {
            for (int i = newCount; i < count; i++)
            {
                prefixes[i] = null;
                uris[i] = null;
            }
            count = newCount;
        }
    }
}

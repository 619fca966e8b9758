namespace NanoOmaDm.Agent.Mo
{
    /// <summary>The TCP port a server URI addresses, for the informational DMAcc PortNbr leaf.</summary>
    internal static class ServerPort
    {
        /// <summary>Explicit port of "scheme://host:port/...", else 443 for https and 80 for http; 0 if unknown.</summary>
        public static int Of(string uri)
        {
            if (uri == null)
            {
                return 0;
            }
            int schemeEnd = uri.IndexOf("://");
            if (schemeEnd <= 0)
            {
                return 0;
            }
            int hostStart = schemeEnd + 3;
            int hostEnd = uri.IndexOfAny(new char[] { '/', '?', '#' }, hostStart);
            if (hostEnd < 0)
            {
                hostEnd = uri.Length;
            }
            // The last ':' after any IPv6 literal "]" separates the port.
            int bracket = uri.LastIndexOf(']', hostEnd - 1, hostEnd - hostStart);
            int searchFrom = bracket >= 0 ? bracket : hostStart;
            int colon = uri.IndexOf(':', searchFrom, hostEnd - searchFrom);
            if (colon >= 0)
            {
                int port;
                return int.TryParse(uri.Substring(colon + 1, hostEnd - colon - 1), out port) && port > 0 && port < 65536
                    ? port : 0;
            }
            string scheme = uri.Substring(0, schemeEnd).ToLower();
            if (scheme == "https")
            {
                return 443;
            }
            return scheme == "http" ? 80 : 0;
        }
    }
}

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Resolves a redirect's Location against the URL that answered it (RFC 3986 §5.2, for the forms servers
    /// send: absolute, scheme-relative, absolute path, relative path). Only http and https are followed.</summary>
    internal static class RedirectTarget
    {
        /// <summary>The absolute URL to follow, or null when the Location is unusable.</summary>
        public static string Resolve(string baseUrl, string location)
        {
            if (location == null || baseUrl == null)
            {
                return null;
            }
            string loc = location.Trim();
            if (loc.Length == 0 || loc.IndexOf(' ') >= 0)
            {
                return null;
            }
            if (IsHttpUrl(loc))
            {
                return loc;
            }
            int colon = loc.IndexOf(':');
            int firstSlash = loc.IndexOf('/');
            if (colon > 0 && (firstSlash < 0 || colon < firstSlash))
            {
                // Another scheme (ftp:, file:, javascript:): never followed.
                return null;
            }

            int schemeEnd = baseUrl.IndexOf("://");
            if (schemeEnd < 0 || !IsHttpUrl(baseUrl))
            {
                return null;
            }
            if (loc.Length > 1 && loc[0] == '/' && loc[1] == '/')
            {
                return baseUrl.Substring(0, schemeEnd + 1) + loc;
            }

            int pathStart = baseUrl.IndexOf('/', schemeEnd + 3);
            string origin = pathStart < 0 ? baseUrl : baseUrl.Substring(0, pathStart);
            int queryStart = origin.IndexOf('?');
            if (queryStart >= 0)
            {
                origin = origin.Substring(0, queryStart);
            }
            if (loc[0] == '/')
            {
                return origin + loc;
            }

            string path = pathStart < 0 ? "/" : baseUrl.Substring(pathStart);
            int cut = path.IndexOf('?');
            if (cut >= 0)
            {
                path = path.Substring(0, cut);
            }
            cut = path.IndexOf('#');
            if (cut >= 0)
            {
                path = path.Substring(0, cut);
            }
            if (loc[0] == '?')
            {
                return origin + path + loc;
            }
            return origin + path.Substring(0, path.LastIndexOf('/') + 1) + loc;
        }

        public static bool IsHttpUrl(string url)
        {
            if (url == null)
            {
                return false;
            }
            int schemeEnd = url.IndexOf("://");
            if (schemeEnd <= 0 || url.Length <= schemeEnd + 3)
            {
                return false;
            }
            string scheme = url.Substring(0, schemeEnd).ToLower();
            return scheme == "http" || scheme == "https";
        }
    }
}

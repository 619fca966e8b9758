namespace NanoOmaDm.Agent.Tree
{
    /// <summary>A parsed management-tree URI: path segments below the root plus an optional "?prop=" / "?list=" query.
    /// Parsing never throws; <see cref="Status"/> says whether the text was usable.</summary>
    public sealed class TreeUri
    {
        public const string PropQuery = "prop";
        public const string ListQuery = "list";

        private static readonly string[] NoSegments = new string[0];

        private TreeUri(int status)
        {
            Status = status;
            Segments = NoSegments;
        }

        /// <summary>200 when valid; 400 syntax error, 414 a <see cref="TreeLimits"/> limit exceeded, 406 an unknown query.</summary>
        public int Status { get; }

        /// <summary>Segments below the root; empty for the root itself.</summary>
        public string[] Segments { get; private set; }

        /// <summary><see cref="PropQuery"/>, <see cref="ListQuery"/> or null.</summary>
        public string QueryKey { get; private set; }

        public string QueryValue { get; private set; }

        public bool IsValid
        {
            get { return Status == StatusCode.Ok; }
        }

        /// <summary>Parses a URI relative to the root, written with or without "./". Rejected as 400: null or empty
        /// text, an absolute "/" path, empty segments (so also a trailing "/"), "." or ".." segments and control
        /// characters. <paramref name="limits"/> may be null (no limits, used for device-side lookups).</summary>
        public static TreeUri Parse(string text, TreeLimits limits)
        {
            if (text == null || text.Length == 0)
            {
                return new TreeUri(StatusCode.BadRequest);
            }
            if (limits != null && limits.MaxTotLen > 0 && text.Length > limits.MaxTotLen)
            {
                return new TreeUri(StatusCode.UriTooLong);
            }

            string path = text;
            string key = null;
            string value = null;
            int q = text.IndexOf('?');
            if (q >= 0)
            {
                path = text.Substring(0, q);
                int eq = text.IndexOf('=', q + 1);
                if (eq < 0 || eq == text.Length - 1)
                {
                    return new TreeUri(StatusCode.BadRequest);
                }
                key = text.Substring(q + 1, eq - q - 1);
                value = text.Substring(eq + 1);
                if (key != PropQuery && key != ListQuery)
                {
                    return new TreeUri(StatusCode.OptionalFeatureNotSupported);
                }
            }

            string[] segments;
            if (path == ".")
            {
                segments = NoSegments;
            }
            else
            {
                if (path.StartsWith("./"))
                {
                    path = path.Substring(2);
                }
                if (path.Length == 0)
                {
                    return new TreeUri(StatusCode.BadRequest);
                }
                segments = path.Split('/');
                for (int i = 0; i < segments.Length; i++)
                {
                    if (!IsValidSegment(segments[i]))
                    {
                        return new TreeUri(StatusCode.BadRequest);
                    }
                    if (limits != null && limits.MaxSegLen > 0 && segments[i].Length > limits.MaxSegLen)
                    {
                        return new TreeUri(StatusCode.UriTooLong);
                    }
                }
                if (limits != null && limits.MaxDepth > 0 && segments.Length > limits.MaxDepth)
                {
                    return new TreeUri(StatusCode.UriTooLong);
                }
            }

            TreeUri uri = new TreeUri(StatusCode.Ok);
            uri.Segments = segments;
            uri.QueryKey = key;
            uri.QueryValue = value;
            return uri;
        }

        /// <summary>True for a usable node name: non-empty, not "." or "..", no "/", "?" or control characters.</summary>
        public static bool IsValidSegment(string name)
        {
            if (name == null || name.Length == 0 || name == "." || name == "..")
            {
                return false;
            }
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c < ' ' || c == '\u007f' || c == '/' || c == '?')
                {
                    return false;
                }
            }
            return true;
        }
    }
}

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Strict parsers for the response headers a resumable download relies on. Anything malformed parses as
    /// absent; a download never trusts a header it cannot read exactly.</summary>
    internal static class HttpHeaderValues
    {
        // 18 digits always fit a long; nothing legitimate (a size, an offset, seconds) needs more.
        private const int MaxDigits = 18;

        /// <summary>A non-negative decimal (surrounding spaces allowed), or -1.</summary>
        public static long ParseNonNegative(string value)
        {
            if (value == null)
            {
                return -1;
            }
            return ParseDigits(value, 0, value.Length);
        }

        /// <summary><c>bytes first-last/complete</c> (complete -1 for <c>*</c>) or <c>bytes */complete</c> (first and
        /// last -1). False when the value is anything else or inconsistent (last before first, past the end).</summary>
        public static bool ParseContentRange(string value, out long first, out long last, out long complete)
        {
            first = -1;
            last = -1;
            complete = -1;
            if (value == null)
            {
                return false;
            }
            string v = value.Trim();
            if (v.Length < 7 || v.Substring(0, 6).ToLower() != "bytes ")
            {
                return false;
            }
            int slash = v.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }
            string range = v.Substring(6, slash - 6).Trim();
            string length = v.Substring(slash + 1).Trim();
            if (length != "*")
            {
                complete = ParseNonNegative(length);
                if (complete < 0)
                {
                    return false;
                }
            }
            if (range == "*")
            {
                return complete >= 0;
            }
            int dash = range.IndexOf('-');
            if (dash < 0)
            {
                return false;
            }
            first = ParseDigits(range, 0, dash);
            last = ParseDigits(range, dash + 1, range.Length - dash - 1);
            if (first < 0 || last < first || (complete >= 0 && last >= complete))
            {
                first = -1;
                last = -1;
                return false;
            }
            return true;
        }

        /// <summary>Retry-After in delta-seconds as milliseconds (capped at <paramref name="capMs"/>), or -1. HTTP-date
        /// forms are ignored: the wall clock may not be set on a board.</summary>
        public static int ParseRetryAfterMs(string value, int capMs)
        {
            long seconds = ParseNonNegative(value);
            if (seconds < 0)
            {
                return -1;
            }
            return seconds >= capMs / 1000 ? capMs : (int)(seconds * 1000);
        }

        /// <summary>A strong entity tag (<c>"..."</c>): the only kind If-Range may carry.</summary>
        public static bool IsStrongETag(string etag)
        {
            return etag != null && etag.Length >= 2 && etag[0] == '"' && etag[etag.Length - 1] == '"';
        }

        private static long ParseDigits(string s, int start, int count)
        {
            int end = start + count;
            while (start < end && s[start] == ' ')
            {
                start++;
            }
            while (end > start && s[end - 1] == ' ')
            {
                end--;
            }
            if (start == end || end - start > MaxDigits)
            {
                return -1;
            }
            long value = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}

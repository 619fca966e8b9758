using System.Text;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>The ACL property: <c>Cmd=srv(+srv)*</c> entries joined by <c>&amp;</c>, Cmd one of Add, Delete, Exec,
    /// Get, Replace; a server id is <c>*</c> or printable characters other than <c>= &amp; * +</c> and white space.
    /// Methods scan the string in place so that the frequent <see cref="Allows"/> check allocates nothing.</summary>
    public static class Acl
    {
        public const string Add = "Add";
        public const string Delete = "Delete";
        public const string Exec = "Exec";
        public const string Get = "Get";
        public const string Replace = "Replace";

        public const string Wildcard = "*";

        /// <summary>Value the root ACL falls back to (DM TND: the root ACL must always have a value).</summary>
        public const string RootDefault = "Add=*&Get=*";

        /// <summary>True if the ACL grants <paramref name="command"/> to <paramref name="serverId"/>; a <c>*</c> entry
        /// grants it to everyone. A command may appear in several entries; any of them grants it.</summary>
        public static bool Allows(string acl, string command, string serverId)
        {
            if (acl == null)
            {
                return false;
            }
            int start = 0;
            while (start < acl.Length)
            {
                int end = EntryEnd(acl, start);
                int eq = acl.IndexOf('=', start, end - start);
                if (eq > 0 && RegionEquals(acl, start, eq - start, command) && ListContains(acl, eq + 1, end, serverId))
                {
                    return true;
                }
                start = end + 1;
            }
            return false;
        }

        /// <summary>Grammar check; the empty ACL ("no value", inherit from the parent) is valid.</summary>
        public static bool IsValid(string acl)
        {
            if (acl == null)
            {
                return false;
            }
            if (acl.Length == 0)
            {
                return true;
            }
            int start = 0;
            while (true)
            {
                int end = EntryEnd(acl, start);
                int eq = acl.IndexOf('=', start, end - start);
                if (eq < 0 || !IsCommand(acl, start, eq - start) || !IsValidServerList(acl, eq + 1, end))
                {
                    return false;
                }
                if (end == acl.Length)
                {
                    return true;
                }
                start = end + 1;
            }
        }

        /// <summary>True for a server id that can be written into an ACL (the wildcard is not an id).</summary>
        public static bool IsValidServerId(string serverId)
        {
            return serverId != null && serverId.Length > 0 && IsIdRegion(serverId, 0, serverId.Length);
        }

        /// <summary>Scrubs a server id from an ACL (DM TND: deleting a server id from the device). A command left with no
        /// server is dropped; on the root it falls back to its factory default instead (<c>*</c> for Add and Get), and an
        /// emptied root ACL becomes <see cref="RootDefault"/>.</summary>
        public static string WithoutServer(string acl, string serverId, bool isRoot)
        {
            if (acl == null || acl.Length == 0)
            {
                return isRoot ? RootDefault : string.Empty;
            }
            StringBuilder result = new StringBuilder(acl.Length);
            int start = 0;
            while (start < acl.Length)
            {
                int end = EntryEnd(acl, start);
                int eq = acl.IndexOf('=', start, end - start);
                if (eq > 0)
                {
                    AppendEntryWithout(result, acl, start, eq, end, serverId, isRoot);
                }
                start = end + 1;
            }
            return result.Length == 0 && isRoot ? RootDefault : result.ToString();
        }

        private static void AppendEntryWithout(StringBuilder result, string acl, int start, int eq, int end,
            string serverId, bool isRoot)
        {
            int entryStart = result.Length;
            if (entryStart > 0)
            {
                result.Append('&');
            }
            result.Append(acl, start, eq - start + 1);
            int headerLength = result.Length;
            int s = eq + 1;
            while (s <= end)
            {
                int e = ServerEnd(acl, s, end);
                if (!RegionEquals(acl, s, e - s, serverId))
                {
                    if (result.Length > headerLength)
                    {
                        result.Append('+');
                    }
                    result.Append(acl, s, e - s);
                }
                s = e + 1;
            }
            if (result.Length > headerLength)
            {
                return;
            }
            if (isRoot && (RegionEquals(acl, start, eq - start, Add) || RegionEquals(acl, start, eq - start, Get)))
            {
                result.Append(Wildcard);
            }
            else
            {
                result.Length = entryStart;
            }
        }

        private static int EntryEnd(string acl, int start)
        {
            int end = acl.IndexOf('&', start);
            return end < 0 ? acl.Length : end;
        }

        private static int ServerEnd(string acl, int start, int end)
        {
            int e = start < end ? acl.IndexOf('+', start, end - start) : -1;
            return e < 0 ? end : e;
        }

        private static bool ListContains(string acl, int start, int end, string serverId)
        {
            int s = start;
            while (s <= end)
            {
                int e = ServerEnd(acl, s, end);
                if (RegionEquals(acl, s, e - s, Wildcard) || RegionEquals(acl, s, e - s, serverId))
                {
                    return true;
                }
                s = e + 1;
            }
            return false;
        }

        private static bool IsValidServerList(string acl, int start, int end)
        {
            int s = start;
            while (s <= end)
            {
                int e = ServerEnd(acl, s, end);
                if (e == s || !(RegionEquals(acl, s, e - s, Wildcard) || IsIdRegion(acl, s, e - s)))
                {
                    return false;
                }
                s = e + 1;
            }
            return true;
        }

        private static bool IsCommand(string acl, int start, int length)
        {
            return RegionEquals(acl, start, length, Add) || RegionEquals(acl, start, length, Delete)
                || RegionEquals(acl, start, length, Exec) || RegionEquals(acl, start, length, Get)
                || RegionEquals(acl, start, length, Replace);
        }

        private static bool IsIdRegion(string s, int start, int length)
        {
            for (int i = start; i < start + length; i++)
            {
                char c = s[i];
                // Printable: no C0/C1 controls, DEL or space; plus the grammar's own separators.
                if (c <= ' ' || (c >= '\u007f' && c <= '\u009f') || c == '\u00a0'
                    || c == '=' || c == '&' || c == '*' || c == '+')
                {
                    return false;
                }
            }
            return true;
        }

        private static bool RegionEquals(string s, int start, int length, string value)
        {
            if (value == null || value.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (s[start + i] != value[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

using NanoOmaDm.Agent.Protocol;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Builds the Status and Results commands that answer a server command.</summary>
    internal static class Replies
    {
        public static Command Status(Command answered, string msgRef, int code)
        {
            Command status = new Command(CommandName.Status);
            status.MsgRef = msgRef;
            status.CmdRef = answered.CmdId;
            status.Cmd = answered.Name;
            status.Data = code.ToString();
            return status;
        }

        /// <summary>A status for one item of a command, carrying its Target/Source as references.</summary>
        public static Command ItemStatus(Command answered, Item item, string msgRef, int code)
        {
            Command status = Status(answered, msgRef, code);
            if (item != null)
            {
                if (item.TargetUri != null)
                {
                    status.TargetRefs.Add(item.TargetUri);
                }

                if (item.SourceUri != null)
                {
                    status.SourceRefs.Add(item.SourceUri);
                }
            }

            return status;
        }

        public static Command HeaderStatus(SyncHeader header, int code)
        {
            Command status = new Command(CommandName.Status);
            status.MsgRef = header.MsgId;
            status.CmdRef = "0";
            status.Cmd = CommandName.SyncHdr;
            status.Data = code.ToString();
            if (header.TargetUri != null)
            {
                status.TargetRefs.Add(header.TargetUri);
            }

            if (header.SourceUri != null)
            {
                status.SourceRefs.Add(header.SourceUri);
            }

            return status;
        }

        public static Command Results(Command get, string msgRef)
        {
            Command results = new Command(CommandName.Results);
            results.MsgRef = msgRef;
            results.CmdRef = get.CmdId;
            return results;
        }

        public static Command Alert(int code)
        {
            Command alert = new Command(CommandName.Alert);
            alert.Data = code.ToString();
            return alert;
        }

        public static int Code(Command status)
        {
            return ParseInt(status.Data, 0);
        }

        /// <summary>Lenient integer parse without exceptions (nanoFramework's TryParse has no culture overloads).</summary>
        public static int ParseInt(string text, int fallback)
        {
            if (text == null)
            {
                return fallback;
            }

            string t = text.Trim();
            if (t.Length == 0 || t.Length > 9)
            {
                return fallback;
            }

            int value = 0;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                if (c < '0' || c > '9')
                {
                    return fallback;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }
    }
}

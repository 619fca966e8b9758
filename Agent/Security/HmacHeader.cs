using System.Text;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Value of the x-syncml-hmac transport header: <c>algorithm=MD5, username="name", mac=b64</c>.
    /// Parsing accepts the parameters in any order, with or without quotes and spaces, ignores unknown parameters
    /// and defaults the algorithm to MD5, the only one SyncML defines.</summary>
    public sealed class HmacHeader
    {
        public const string Name = "x-syncml-hmac";
        public const string Md5Algorithm = "MD5";

        public string Username;
        public string Mac;

        public HmacHeader(string username, string mac)
        {
            Username = username;
            Mac = mac;
        }

        public string Format()
        {
            StringBuilder text = new StringBuilder("algorithm=MD5, username=\"");
            string username = Username ?? "";
            for (int i = 0; i < username.Length; i++)
            {
                char c = username[i];
                if (c == '"' || c == '\\')
                {
                    text.Append('\\');
                }
                text.Append(c);
            }
            text.Append("\", mac=");
            text.Append(Mac);
            return text.ToString();
        }

        /// <summary>Null when the value is malformed, names another algorithm, repeats a parameter or lacks a
        /// non-empty username or mac.</summary>
        public static HmacHeader Parse(string value)
        {
            if (value == null)
            {
                return null;
            }

            string algorithm = null;
            string username = null;
            string mac = null;
            int position = SkipSpaces(value, 0);
            while (position < value.Length)
            {
                int nameStart = position;
                while (position < value.Length && value[position] != '=' && value[position] != ','
                    && !IsSpace(value[position]))
                {
                    position++;
                }
                string name = value.Substring(nameStart, position - nameStart).ToLower();
                position = SkipSpaces(value, position);
                if (name.Length == 0 || position >= value.Length || value[position] != '=')
                {
                    return null;
                }
                position = SkipSpaces(value, position + 1);

                string parameter;
                if (position < value.Length && value[position] == '"')
                {
                    StringBuilder quoted = new StringBuilder();
                    position = ReadQuoted(value, position + 1, quoted);
                    if (position < 0)
                    {
                        return null;
                    }
                    parameter = quoted.ToString();
                }
                else
                {
                    int valueStart = position;
                    while (position < value.Length && value[position] != ',' && !IsSpace(value[position]))
                    {
                        position++;
                    }
                    parameter = value.Substring(valueStart, position - valueStart);
                }

                position = SkipSpaces(value, position);
                if (position < value.Length)
                {
                    if (value[position] != ',')
                    {
                        return null;
                    }
                    position = SkipSpaces(value, position + 1);
                }

                if (name == "algorithm")
                {
                    if (algorithm != null)
                    {
                        return null;
                    }
                    algorithm = parameter;
                }
                else if (name == "username")
                {
                    if (username != null)
                    {
                        return null;
                    }
                    username = parameter;
                }
                else if (name == "mac")
                {
                    if (mac != null)
                    {
                        return null;
                    }
                    mac = parameter;
                }
            }

            if (algorithm != null && algorithm.ToUpper() != Md5Algorithm)
            {
                return null;
            }
            if (username == null || username.Length == 0 || mac == null || mac.Length == 0)
            {
                return null;
            }
            return new HmacHeader(username, mac);
        }

        // Reads up to the closing quote, undoing backslash escapes; returns the index after the quote or -1.
        private static int ReadQuoted(string value, int position, StringBuilder output)
        {
            while (position < value.Length)
            {
                char c = value[position++];
                if (c == '"')
                {
                    return position;
                }
                if (c == '\\')
                {
                    if (position >= value.Length)
                    {
                        return -1;
                    }
                    c = value[position++];
                }
                output.Append(c);
            }
            return -1;
        }

        private static int SkipSpaces(string value, int position)
        {
            while (position < value.Length && IsSpace(value[position]))
            {
                position++;
            }
            return position;
        }

        private static bool IsSpace(char c)
        {
            return c == ' ' || c == '\t';
        }
    }
}

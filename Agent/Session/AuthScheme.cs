namespace NanoOmaDm.Agent.Session
{
    /// <summary>The SyncML DM authentication schemes and their names in DMAcc, Meta Type and the CLI.</summary>
    public static class AuthScheme
    {
        public const string None = "none";
        public const string Basic = "basic";
        public const string Md5 = "md5";
        public const string Hmac = "hmac";

        public const string MetaBasic = "syncml:auth-basic";
        public const string MetaMd5 = "syncml:auth-md5";
        public const string MetaHmac = "syncml:auth-MAC";

        /// <summary>From a DMAcc AAuthPref/AAuthType value (BASIC, DIGEST, HMAC) or a CLI name.</summary>
        public static string FromAccount(string value)
        {
            if (value == null)
            {
                return None;
            }

            string v = value.ToUpper();
            if (v == "BASIC" || v == "HTTP-BASIC")
            {
                return Basic;
            }

            if (v == "DIGEST" || v == "HTTP-DIGEST" || v == "MD5")
            {
                return Md5;
            }

            if (v == "HMAC")
            {
                return Hmac;
            }

            return None;
        }

        /// <summary>From a Chal/Cred Meta Type; null when unknown.</summary>
        public static string FromMetaType(string type)
        {
            if (type == MetaBasic)
            {
                return Basic;
            }

            if (type == MetaMd5)
            {
                return Md5;
            }

            return type != null && type.ToLower() == "syncml:auth-mac" ? Hmac : null;
        }

        public static string ToMetaType(string scheme)
        {
            if (scheme == Basic)
            {
                return MetaBasic;
            }

            return scheme == Md5 ? MetaMd5 : MetaHmac;
        }
    }
}

namespace NanoOmaDm.Agent.Mo
{
    /// <summary>What the device needs to know to create a DM server account (factory or bootstrap configuration).</summary>
    public sealed class AccountSettings
    {
        public string ServerId;
        public string ServerUri;
        /// <summary>Our user name toward the server (CLCRED AAuthName).</summary>
        public string ClientName;
        public string ClientSecret;
        /// <summary>Password the server must prove toward us (SRVCRED AAuthSecret).</summary>
        public string ServerSecret;
        /// <summary><see cref="DmAccMo.Basic"/>, <see cref="DmAccMo.Digest"/> or <see cref="DmAccMo.Hmac"/>.</summary>
        public string AuthPref;
    }
}

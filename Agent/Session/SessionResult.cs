namespace NanoOmaDm.Agent.Session
{
    public sealed class SessionResult
    {
        public bool Success;
        /// <summary>Why the session failed or was aborted; "completed" on success.</summary>
        public string Reason;
        public string SessionId;
        public string ServerId;
        public int MessagesSent;
        public int MessagesReceived;
        public int CommandsExecuted;
        public int AlertsDelivered;
        /// <summary>Client authentication scheme that the server accepted (basic, md5, hmac) or "none".</summary>
        public string AuthScheme;

        public static SessionResult Failed(string sessionId, string serverId, string reason)
        {
            SessionResult r = new SessionResult();
            r.SessionId = sessionId;
            r.ServerId = serverId;
            r.Reason = reason;
            return r;
        }
    }
}

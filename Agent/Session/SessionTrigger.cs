namespace NanoOmaDm.Agent.Session
{
    /// <summary>How a session came about: it decides the Pkg#1 alert (1201 or 1200) and the SessionID.</summary>
    public sealed class SessionTrigger
    {
        private SessionTrigger(int alertCode, string sessionId)
        {
            AlertCode = alertCode;
            SessionId = sessionId;
        }

        public readonly int AlertCode;
        public readonly string SessionId;

        public static SessionTrigger ClientInitiated(string sessionId)
        {
            return new SessionTrigger(Protocol.AlertCode.ClientInitiated, sessionId);
        }

        /// <summary>After a Pkg#0: the session must use the notification's session id.</summary>
        public static SessionTrigger ServerInitiated(string notificationSessionId)
        {
            return new SessionTrigger(Protocol.AlertCode.ServerInitiated, notificationSessionId);
        }
    }
}

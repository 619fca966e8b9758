using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Security;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Decides whether a received Pkg#0 may start a session: well formed, from a known server, with a digest
    /// made with that server's secret and the current nonce (forged or replayed ones fail), not a duplicate, and
    /// accepted by the user when the server asks for user interaction.</summary>
    internal sealed class NotificationGate
    {
        /// <summary>A notification repeated within this window (retransmission) starts no second session.</summary>
        private const long DuplicateWindowMs = 10 * 60 * 1000;
        private const int Remembered = 8;

        private readonly DmTree _tree;
        private readonly AgentPlatform _platform;
        private readonly string[] _recentKeys = new string[Remembered];
        private readonly long[] _recentTimes = new long[Remembered];
        private int _next;

        public NotificationGate(DmTree tree, AgentPlatform platform)
        {
            _tree = tree;
            _platform = platform;
        }

        /// <summary>Returns the trigger for the session to run, or null with <paramref name="reason"/> set.</summary>
        public SessionTrigger Admit(byte[] message, int length, out DmAccount account, out string reason)
        {
            account = null;
            string error;
            Notification notification = Notification.Parse(message, length, out error);
            if (notification == null)
            {
                return Reject("malformed notification: " + error, out reason);
            }

            account = DmAccount.Find(_tree, notification.ServerId);
            if (account == null)
            {
                return Reject("notification from unknown server '" + notification.ServerId + "'", out reason);
            }

            if (account.ServerSecret == null || account.ServerSecret.Length == 0)
            {
                return Reject("notification from '" + notification.ServerId + "' cannot be verified: no server credentials", out reason);
            }

            if (!Notification.VerifyDigest(account.ServerId, account.ServerSecret, account.ServerNonce, message, length))
            {
                return Reject("notification from '" + notification.ServerId + "' rejected: digest mismatch (forged or stale)", out reason);
            }

            string key = notification.ServerId + "/" + notification.SessionIdHex;
            if (SeenRecently(key))
            {
                return Reject("duplicate notification for session " + notification.SessionIdHex + " ignored", out reason);
            }

            if (!UserAgrees(notification))
            {
                return Reject("the user declined the session requested by '" + notification.ServerId + "'", out reason);
            }

            Remember(key);
            reason = null;
            _platform.Log.Write(LogLevel.Info, "notify", "notification from " + notification.ServerId + " accepted, session "
                + notification.SessionIdHex);
            return SessionTrigger.ServerInitiated(notification.SessionIdHex);
        }

        private bool UserAgrees(Notification notification)
        {
            if (notification.UiMode != NotificationUiMode.UserInteraction && notification.UiMode != NotificationUiMode.Informative)
            {
                return true;
            }

            UiRequest request = new UiRequest();
            request.InputType = 'A';
            request.EchoType = 'T';
            request.Choices = new string[0];
            bool ask = notification.UiMode == NotificationUiMode.UserInteraction;
            request.Kind = ask ? UiAlertKind.Confirm : UiAlertKind.Display;
            request.Text = ask
                ? "Server " + notification.ServerId + " requests a management session. Allow it?"
                : "Server " + notification.ServerId + " starts a management session.";
            if (_platform.Ui == null)
            {
                // Headless: an informative notice needs nobody; a request for consent cannot be granted.
                return !ask;
            }

            UiResponse response = _platform.Ui.Present(request);
            return !ask || (response != null && response.Outcome == UiOutcome.Accepted);
        }

        private bool SeenRecently(string key)
        {
            long now = _platform.Clock.UptimeMs;
            for (int i = 0; i < Remembered; i++)
            {
                if (_recentKeys[i] == key && now - _recentTimes[i] < DuplicateWindowMs)
                {
                    return true;
                }
            }

            return false;
        }

        private void Remember(string key)
        {
            _recentKeys[_next] = key;
            _recentTimes[_next] = _platform.Clock.UptimeMs;
            _next = (_next + 1) % Remembered;
        }

        private SessionTrigger Reject(string why, out string reason)
        {
            reason = why;
            _platform.Log.Write(LogLevel.Warning, "notify", why);
            return null;
        }
    }
}

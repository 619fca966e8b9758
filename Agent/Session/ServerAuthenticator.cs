using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Security;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Checks that the server is who the DMAcc account says (its Cred, or its x-syncml-hmac header) and
    /// rotates the nonce the server must use next, so a recorded message or notification cannot be replayed.</summary>
    internal sealed class ServerAuthenticator
    {
        private const int MaxFailures = 2;

        private readonly DmAccount _account;
        private readonly IRandomSource _random;
        private int _failures;
        private byte[] _pendingNonce;

        public ServerAuthenticator(DmAccount account, IRandomSource random, bool required)
        {
            _account = account;
            _random = random;
            Required = required;
        }

        public readonly bool Required;

        /// <summary>The server proved itself in this session (or is not required to).</summary>
        public bool Verified;

        /// <summary>Set when the server failed too often: the session must end.</summary>
        public string Failure;

        /// <summary>Returns the code of our Status for the server's SyncHdr (200, 212, 401, 407) and, when the server
        /// must use a new nonce, the challenge to put in it.</summary>
        public int Check(SyncHeader header, HttpExchange exchange, out Meta chal)
        {
            chal = null;
            if (!Required)
            {
                Verified = true;
                return StatusCode.Ok;
            }

            string hmacValue = exchange.GetResponseHeader(HmacHeader.Name);
            if (hmacValue != null)
            {
                return CheckHmac(HmacHeader.Parse(hmacValue), exchange, out chal);
            }

            if (header.Cred != null && header.Cred.Data != null)
            {
                return CheckCred(header.Cred, out chal);
            }

            if (Verified)
            {
                return StatusCode.Ok;
            }

            return Refuse(StatusCode.MissingCredentials, AuthScheme.Md5, out chal);
        }

        private int CheckHmac(HmacHeader hmac, HttpExchange exchange, out Meta chal)
        {
            bool valid = hmac != null && hmac.Username == _account.ServerId
                && ConstantTime.AreEqual(hmac.Mac, DmCredentials.HmacMac(_account.ServerId, _account.ServerSecret,
                    _account.ServerNonce, exchange.ResponseBuffer, 0, exchange.ResponseLength));
            if (!valid)
            {
                return Refuse(StatusCode.InvalidCredentials, AuthScheme.Hmac, out chal);
            }

            // hmac uses a fresh nonce for every message.
            Verified = true;
            chal = NewChallenge(AuthScheme.Hmac);
            return StatusCode.Ok;
        }

        private int CheckCred(Cred cred, out Meta chal)
        {
            string scheme = AuthScheme.FromMetaType(cred.Type);
            string expected = null;
            if (scheme == AuthScheme.Basic)
            {
                expected = DmCredentials.Basic(_account.ServerId, _account.ServerSecret);
            }
            else if (scheme == AuthScheme.Md5)
            {
                expected = DmCredentials.Md5Digest(_account.ServerId, _account.ServerSecret, _account.ServerNonce);
            }

            if (expected == null || !ConstantTime.AreEqual(cred.Data, expected))
            {
                return Refuse(StatusCode.InvalidCredentials, scheme == null ? AuthScheme.Md5 : scheme, out chal);
            }

            Verified = true;
            // The next session (and the next notification) must use a new nonce.
            chal = NewChallenge(scheme);
            return StatusCode.AuthenticationAccepted;
        }

        private int Refuse(int code, string scheme, out Meta chal)
        {
            Verified = false;
            _failures++;
            if (_failures > MaxFailures)
            {
                Failure = code == StatusCode.MissingCredentials
                    ? "the server did not authenticate itself"
                    : "the server's credentials are wrong (forged or stale)";
            }

            chal = NewChallenge(scheme);
            return code;
        }

        /// <summary>The nonce of a challenge becomes the server's only once the challenge has gone out: a nonce
        /// stored but never sent would make the next session and every notification fail.</summary>
        public void ChallengeSent()
        {
            if (_pendingNonce != null)
            {
                _account.ServerNonce = _pendingNonce;
                _pendingNonce = null;
            }
        }

        private Meta NewChallenge(string scheme)
        {
            byte[] nonce = NonceFactory.Create(_random);
            _pendingNonce = nonce;
            Meta chal = new Meta();
            chal.Type = AuthScheme.ToMetaType(scheme);
            chal.Format = ItemData.FormatB64;
            chal.NextNonce = System.Convert.ToBase64String(nonce);
            return chal;
        }
    }
}

using System;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Security;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>The agent's credentials toward the server: Cred in the SyncHdr (basic, md5) or the x-syncml-hmac
    /// transport header, and the server's challenges (401/407 + NextNonce) answered by retrying Pkg#1.</summary>
    internal sealed class ClientAuthenticator
    {
        /// <summary>One retry for missing credentials and one for a stale nonce.</summary>
        private const int MaxChallenges = 2;

        private readonly DmAccount _account;
        private byte[] _nonce;
        private bool _nonceFromUnverifiedPeer;
        private int _challenges;

        public ClientAuthenticator(DmAccount account, string preferredScheme)
        {
            _account = account;
            Scheme = preferredScheme;
            _nonce = account.ClientNonce;
        }

        /// <summary>basic, md5, hmac or none.</summary>
        public string Scheme;

        /// <summary>Set by 212: no more Cred is needed in this session (hmac signs every message regardless).</summary>
        public bool Authenticated;

        /// <summary>Why authentication finally failed, for the session result.</summary>
        public string Failure;

        /// <summary>Puts Cred into a header when the scheme travels in the SyncHdr and the session is not yet authenticated.</summary>
        public void Apply(SyncHeader header)
        {
            if (Scheme == AuthScheme.Md5 || Scheme == AuthScheme.Hmac)
            {
                // LocName carries the user id the digest was computed with.
                header.SourceName = _account.ClientName;
            }

            if (Authenticated || (Scheme != AuthScheme.Basic && Scheme != AuthScheme.Md5))
            {
                return;
            }

            Cred cred = new Cred();
            cred.Type = AuthScheme.ToMetaType(Scheme);
            cred.Format = ItemData.FormatB64;
            cred.Data = Scheme == AuthScheme.Basic
                ? DmCredentials.Basic(_account.ClientName, _account.ClientSecret)
                : DmCredentials.Md5Digest(_account.ClientName, _account.ClientSecret, _nonce);
            header.Cred = cred;
        }

        /// <summary>Signs the exact bytes of the outgoing message when the scheme is hmac.</summary>
        public void Sign(HttpExchange exchange)
        {
            if (Scheme != AuthScheme.Hmac)
            {
                return;
            }

            string mac = DmCredentials.HmacMac(_account.ClientName, _account.ClientSecret, _nonce, exchange.Body, 0, exchange.BodyLength);
            exchange.AddRequestHeader(HmacHeader.Name, new HmacHeader(_account.ClientName, mac).Format());
        }

        /// <summary>Handles the server's Status for our SyncHdr. Returns Proceed, Retry (send Pkg#1 again with new
        /// credentials) or Fail.</summary>
        public AuthVerdict OnHeaderStatus(Command status, bool serverVerified)
        {
            int code = Replies.Code(status);
            TakeNonce(status.Chal, serverVerified);
            if (code == StatusCode.AuthenticationAccepted)
            {
                Authenticated = true;
                return AuthVerdict.Proceed;
            }

            if (code != StatusCode.InvalidCredentials && code != StatusCode.MissingCredentials)
            {
                if (StatusCode.IsSuccess(code))
                {
                    return AuthVerdict.Proceed;
                }

                Failure = "server refused the session header with status " + code;
                return AuthVerdict.Fail;
            }

            Authenticated = false;
            if (status.Chal != null)
            {
                string challenged = AuthScheme.FromMetaType(status.Chal.Type);
                if (challenged != null)
                {
                    Scheme = challenged;
                }
            }

            _challenges++;
            if (_challenges > MaxChallenges || Scheme == AuthScheme.None)
            {
                Failure = code == StatusCode.InvalidCredentials
                    ? "authentication failed: the server rejected the credentials (401)"
                    : "authentication failed: the server keeps asking for credentials (407)";
                return AuthVerdict.Fail;
            }

            return AuthVerdict.Retry;
        }

        /// <summary>Once the server has proven itself, a nonce it gave earlier in this session may be stored.</summary>
        public void OnServerVerified()
        {
            if (_nonceFromUnverifiedPeer)
            {
                _account.ClientNonce = _nonce;
                _nonceFromUnverifiedPeer = false;
            }
        }

        /// <summary>A NextNonce is used at once, but kept in DMAcc only when it came from an authenticated server
        /// (or one that is not required to authenticate): a forged challenge must not poison the stored nonce.</summary>
        private void TakeNonce(Meta chal, bool serverVerified)
        {
            if (chal == null || chal.NextNonce == null)
            {
                return;
            }

            byte[] nonce;
            try
            {
                nonce = Convert.FromBase64String(chal.NextNonce);
            }
            catch (Exception)
            {
                return;
            }

            _nonce = nonce;
            if (serverVerified)
            {
                _account.ClientNonce = nonce;
                _nonceFromUnverifiedPeer = false;
            }
            else
            {
                _nonceFromUnverifiedPeer = true;
            }
        }
    }
}

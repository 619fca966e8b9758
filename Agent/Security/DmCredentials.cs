using System;
using System.Text;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>The SyncML DM credential values: syncml:auth-basic, syncml:auth-md5 and the auth-MAC ("HMAC")
    /// transport header mac, which the Pkg#0 digest reuses with the server id and the trigger as body. The
    /// "HMAC" is SyncML's own construction, not RFC 2104. Strings are hashed as UTF-8; the nonce is raw bytes
    /// (the b64-decoded NextNonce).</summary>
    public static class DmCredentials
    {
        private static readonly byte[] Colon = { (byte)':' };

        // Base64 of an MD5 digest is always 24 ASCII characters.
        private const int Base64HashLength = 24;

        /// <summary>b64("user:password").</summary>
        public static string Basic(string user, string password)
        {
            byte[] secret = Encoding.UTF8.GetBytes(user + ":" + password);
            string result = Convert.ToBase64String(secret);
            Array.Clear(secret, 0, secret.Length);
            return result;
        }

        /// <summary>B64(MD5(B64(MD5("user:password")) + ":" + nonce)).</summary>
        public static string Md5Digest(string user, string password, byte[] nonce)
        {
            byte[] digest = new byte[Md5.HashLength];
            Compute(user, password, nonce, null, 0, 0, digest, 0);
            return Convert.ToBase64String(digest);
        }

        /// <summary>The x-syncml-hmac mac: B64(MD5(B64(MD5("user:password")) + ":" + nonce + ":" + B64(MD5(body)))),
        /// body being the exact message bytes on the wire.</summary>
        public static string HmacMac(string user, string password, byte[] nonce, byte[] body, int offset, int count)
        {
            byte[] digest = new byte[Md5.HashLength];
            ComputeMac(user, password, nonce, body, offset, count, digest, 0);
            return Convert.ToBase64String(digest);
        }

        /// <summary>The raw 16-byte digest behind <see cref="HmacMac"/>, written to output[outputOffset..].</summary>
        public static void ComputeMac(string user, string password, byte[] nonce, byte[] body, int offset, int count,
            byte[] output, int outputOffset)
        {
            if (body == null)
            {
                throw new ArgumentNullException("body");
            }
            Compute(user, password, nonce, body, offset, count, output, outputOffset);
        }

        // body == null selects the auth-md5 form, which has no ":" + B64(MD5(body)) part.
        private static void Compute(string user, string password, byte[] nonce, byte[] body, int offset, int count,
            byte[] output, int outputOffset)
        {
            Md5 md5 = new Md5();
            byte[] hash = new byte[Md5.HashLength];
            byte[] ascii = new byte[Base64HashLength];

            byte[] secret = Encoding.UTF8.GetBytes(user + ":" + password);
            md5.Update(secret, 0, secret.Length);
            Array.Clear(secret, 0, secret.Length);
            md5.Final(hash, 0);
            string credentialHash = Convert.ToBase64String(hash);

            string bodyHash = null;
            if (body != null)
            {
                md5.Update(body, offset, count);
                md5.Final(hash, 0);
                bodyHash = Convert.ToBase64String(hash);
            }

            UpdateAscii(md5, credentialHash, ascii);
            md5.Update(Colon, 0, 1);
            if (nonce != null)
            {
                md5.Update(nonce, 0, nonce.Length);
            }
            if (bodyHash != null)
            {
                md5.Update(Colon, 0, 1);
                UpdateAscii(md5, bodyHash, ascii);
            }
            md5.Final(output, outputOffset);
        }

        private static void UpdateAscii(Md5 md5, string text, byte[] scratch)
        {
            int length = Encoding.UTF8.GetBytes(text, 0, text.Length, scratch, 0);
            md5.Update(scratch, 0, length);
        }
    }
}

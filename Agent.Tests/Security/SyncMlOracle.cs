using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    /// <summary>Independent reference implementations built on .NET's MD5, used as test oracles for the agent's own
    /// MD5-based credentials and Pkg#0 code.</summary>
    internal static class SyncMlOracle
    {
        /// <summary>MD5(B64(MD5("user:password")) + ":" + nonce [+ ":" + B64(MD5(body))]).</summary>
        public static byte[] Digest(string user, string password, byte[] nonce, byte[] body)
        {
            var input = new List<byte>();
            input.AddRange(Encoding.ASCII.GetBytes(B64Md5(Encoding.UTF8.GetBytes(user + ":" + password))));
            input.Add((byte)':');
            input.AddRange(nonce ?? Array.Empty<byte>());
            if (body != null)
            {
                input.Add((byte)':');
                input.AddRange(Encoding.ASCII.GetBytes(B64Md5(body)));
            }
            return MD5.HashData(input.ToArray());
        }

        /// <summary>A Pkg#0 assembled bit by bit from the field table in the digest, signed with <see cref="Digest"/>.</summary>
        public static byte[] BuildPkg0(int version, int uiMode, bool serverInitiated, int sessionId, string serverId,
            byte[] vendor, string password, byte[] nonce, long futureUse = 0)
        {
            byte[] id = Encoding.UTF8.GetBytes(serverId);
            var bits = new List<bool>();
            void Put(long value, int width)
            {
                for (int i = width - 1; i >= 0; i--)
                {
                    bits.Add(((value >> i) & 1) != 0);
                }
            }
            Put(version, 10);
            Put(uiMode, 2);
            Put(serverInitiated ? 1 : 0, 1);
            Put(futureUse, 27);
            Put(sessionId, 16);
            Put(id.Length, 8);
            Assert.Equal(64, bits.Count);

            var trigger = new List<byte>();
            for (int i = 0; i < bits.Count; i += 8)
            {
                int b = 0;
                for (int j = 0; j < 8; j++)
                {
                    b = (b << 1) | (bits[i + j] ? 1 : 0);
                }
                trigger.Add((byte)b);
            }
            trigger.AddRange(id);
            trigger.AddRange(vendor ?? Array.Empty<byte>());
            byte[] body = trigger.ToArray();
            return Digest(serverId, password, nonce, body).Concat(body).ToArray();
        }

        private static string B64Md5(byte[] data)
        {
            return Convert.ToBase64String(MD5.HashData(data));
        }
    }
}

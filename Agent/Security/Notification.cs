using System;
using System.Text;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>DM 1.2 Pkg#0, the General Notification Initiated Session alert. Big-endian layout: digest 128 bits |
    /// version 10 | ui-mode 2 | initiator 1 | future-use 27 | sessionid 16 | server-id length 8 | server id |
    /// vendor-specific data.</summary>
    public sealed class Notification
    {
        public const int DigestLength = Md5.HashLength;

        /// <summary>Digest plus the fixed fields up to and including the server-id length byte.</summary>
        public const int HeaderLength = DigestLength + 8;

        /// <summary>Version field values accepted: 11 and 12 (sources disagree on which one DM 1.2 servers send).</summary>
        public const int Version11 = 11;
        public const int Version12 = 12;

        private const int MaxVersion = 0x3FF;
        private const int MaxServerIdLength = 0xFF;

        public byte[] Digest;
        public int Version;
        public NotificationUiMode UiMode;
        public bool ServerInitiated;
        public int SessionId;
        public string ServerId;

        /// <summary>Where the vendor-specific data lies in the parsed message (length 0 when absent).</summary>
        public int VendorSpecificOffset;
        public int VendorSpecificLength;

        /// <summary>The SessionID of the DM session this notification requests: upper-case hex, no leading zeros.</summary>
        public string SessionIdHex
        {
            get { return SessionId.ToString("X"); }
        }

        public static Notification Parse(byte[] message, int length)
        {
            string error;
            return Parse(message, length, out error);
        }

        /// <summary>Null with a reason in <paramref name="error"/> when the message is malformed; never throws.
        /// The future-use bits are not checked so that a later minor revision still parses.</summary>
        public static Notification Parse(byte[] message, int length, out string error)
        {
            if (message == null || length < 0 || length > message.Length)
            {
                error = "length outside the buffer";
                return null;
            }
            if (length < HeaderLength)
            {
                error = "shorter than the fixed header";
                return null;
            }

            int version = (message[DigestLength] << 2) | (message[DigestLength + 1] >> 6);
            if (version != Version11 && version != Version12)
            {
                error = "unsupported version " + version.ToString();
                return null;
            }

            int serverIdLength = message[HeaderLength - 1];
            if (serverIdLength == 0)
            {
                error = "empty server id";
                return null;
            }
            if (serverIdLength > length - HeaderLength)
            {
                error = "server id overruns the message";
                return null;
            }
            string serverId = DecodeServerId(message, HeaderLength, serverIdLength);
            if (serverId == null)
            {
                error = "server id is not printable text";
                return null;
            }

            Notification notification = new Notification();
            notification.Digest = new byte[DigestLength];
            Array.Copy(message, 0, notification.Digest, 0, DigestLength);
            notification.Version = version;
            int flags = message[DigestLength + 1];
            notification.UiMode = (NotificationUiMode)((flags >> 4) & 3);
            notification.ServerInitiated = (flags & 0x08) != 0;
            notification.SessionId = (message[DigestLength + 5] << 8) | message[DigestLength + 6];
            notification.ServerId = serverId;
            notification.VendorSpecificOffset = HeaderLength + serverIdLength;
            notification.VendorSpecificLength = length - notification.VendorSpecificOffset;
            error = null;
            return notification;
        }

        /// <summary>Checks the digest MD5(B64(MD5("serverid:password")) + ":" + nonce + ":" + B64(MD5(trigger))),
        /// trigger = every byte after the digest. False (never an exception) for a message too short to hold one.</summary>
        public static bool VerifyDigest(string serverId, string serverPassword, byte[] nonce, byte[] message, int length)
        {
            if (message == null || length < DigestLength || length > message.Length)
            {
                return false;
            }
            byte[] expected = new byte[DigestLength];
            DmCredentials.ComputeMac(serverId, serverPassword, nonce, message, DigestLength, length - DigestLength,
                expected, 0);
            return ConstantTime.AreEqual(expected, 0, message, 0, DigestLength);
        }

        /// <summary>Builds a signed Pkg#0, for tests and field tools. Throws ArgumentException when a field does not
        /// fit its bit width.</summary>
        public static byte[] Build(int version, NotificationUiMode uiMode, bool serverInitiated, int sessionId,
            string serverId, byte[] vendorSpecific, string serverPassword, byte[] nonce)
        {
            if (version < 0 || version > MaxVersion)
            {
                throw new ArgumentOutOfRangeException("version");
            }
            if (sessionId < 0 || sessionId > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("sessionId");
            }
            byte[] id = Encoding.UTF8.GetBytes(serverId);
            if (id.Length == 0 || id.Length > MaxServerIdLength)
            {
                throw new ArgumentException("server id must be 1..255 bytes", "serverId");
            }
            int vendorLength = vendorSpecific == null ? 0 : vendorSpecific.Length;

            byte[] message = new byte[HeaderLength + id.Length + vendorLength];
            message[DigestLength] = (byte)(version >> 2);
            message[DigestLength + 1] = (byte)(((version & 3) << 6) | (((int)uiMode & 3) << 4)
                | (serverInitiated ? 0x08 : 0));
            message[DigestLength + 5] = (byte)(sessionId >> 8);
            message[DigestLength + 6] = (byte)sessionId;
            message[HeaderLength - 1] = (byte)id.Length;
            Array.Copy(id, 0, message, HeaderLength, id.Length);
            if (vendorLength > 0)
            {
                Array.Copy(vendorSpecific, 0, message, HeaderLength + id.Length, vendorLength);
            }

            DmCredentials.ComputeMac(serverId, serverPassword, nonce, message, DigestLength,
                message.Length - DigestLength, message, 0);
            return message;
        }

        // Null for control characters or bytes the decoder rejects: the id is matched against DMAcc ServerIDs and logged.
        private static string DecodeServerId(byte[] message, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = message[i];
                if (b < 0x20 || b == 0x7F)
                {
                    return null;
                }
            }
            try
            {
                return Encoding.UTF8.GetString(message, offset, count);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}

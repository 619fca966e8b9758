using System.Text;
using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    public class NotificationTests
    {
        private static readonly byte[] Nonce = Convert.FromBase64String("ZG9iZWhhdmUNCg==");

        [Theory]
        [InlineData(12, 0, false, 0x0000, "srv", "")]
        [InlineData(11, 1, true, 0x00AB, "com.example.dm", "01FF")]
        [InlineData(12, 2, true, 0x1234, "x", "DEADBEEF00")]
        [InlineData(12, 3, false, 0xFFFF, "mot.manage", "")]
        public void BuildMatchesTheIndependentBuilderAndParsesBack(int version, int uiMode, bool serverInitiated,
            int sessionId, string serverId, string vendorHex)
        {
            byte[] vendor = Convert.FromHexString(vendorHex);
            byte[] expected = SyncMlOracle.BuildPkg0(version, uiMode, serverInitiated, sessionId, serverId, vendor,
                "serverpw", Nonce);

            byte[] built = Notification.Build(version, (NotificationUiMode)uiMode, serverInitiated, sessionId, serverId,
                vendor, "serverpw", Nonce);
            Assert.Equal(expected, built);

            Notification parsed = Notification.Parse(expected, expected.Length, out string error);
            Assert.Null(error);
            Assert.NotNull(parsed);
            Assert.Equal(expected[..16], parsed.Digest);
            Assert.Equal(version, parsed.Version);
            Assert.Equal((NotificationUiMode)uiMode, parsed.UiMode);
            Assert.Equal(serverInitiated, parsed.ServerInitiated);
            Assert.Equal(sessionId, parsed.SessionId);
            Assert.Equal(serverId, parsed.ServerId);
            Assert.Equal(vendor, expected.AsSpan(parsed.VendorSpecificOffset, parsed.VendorSpecificLength).ToArray());
            Assert.Equal(expected.Length, parsed.VendorSpecificOffset + parsed.VendorSpecificLength);
        }

        [Fact]
        public void UiModeEnumMatchesTheBitValues()
        {
            Assert.Equal(0, (int)NotificationUiMode.NotSpecified);
            Assert.Equal(1, (int)NotificationUiMode.Background);
            Assert.Equal(2, (int)NotificationUiMode.Informative);
            Assert.Equal(3, (int)NotificationUiMode.UserInteraction);
        }

        [Fact]
        public void DigestVerifiesOnlyWithTheRightServerIdPasswordAndNonce()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 3, true, 0x42, "srv1", new byte[] { 1, 2, 3 }, "pw", Nonce);

            Assert.True(Notification.VerifyDigest("srv1", "pw", Nonce, message, message.Length));
            Assert.False(Notification.VerifyDigest("srv1", "pW", Nonce, message, message.Length));
            Assert.False(Notification.VerifyDigest("srv2", "pw", Nonce, message, message.Length));
            Assert.False(Notification.VerifyDigest("srv1", "pw", Encoding.ASCII.GetBytes("other"), message, message.Length));
            Assert.False(Notification.VerifyDigest("srv1", "pw", null, message, message.Length));
        }

        [Fact]
        public void DigestCoversEveryByte()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 1, true, 7, "srv1", new byte[] { 9, 9 }, "pw", Nonce);
            for (int i = 0; i < message.Length; i++)
            {
                byte[] tampered = (byte[])message.Clone();
                tampered[i] ^= 0x01;
                Assert.False(Notification.VerifyDigest("srv1", "pw", Nonce, tampered, tampered.Length));
            }
            Assert.False(Notification.VerifyDigest("srv1", "pw", Nonce, message, message.Length - 1));
        }

        [Fact]
        public void DigestVerifiesInsideALargerReceiveBuffer()
        {
            byte[] message = SyncMlOracle.BuildPkg0(11, 0, true, 1, "srv", null, "pw", Nonce);
            byte[] buffer = new byte[1500];
            new Random(3).NextBytes(buffer);
            message.CopyTo(buffer, 0);

            Assert.True(Notification.VerifyDigest("srv", "pw", Nonce, buffer, message.Length));
            Notification parsed = Notification.Parse(buffer, message.Length);
            Assert.NotNull(parsed);
            Assert.Equal(0, parsed.VendorSpecificLength);
        }

        [Fact]
        public void EveryTruncationIsRejectedCleanly()
        {
            byte[] vendor = { 0xAA, 0xBB, 0xCC };
            byte[] message = SyncMlOracle.BuildPkg0(12, 2, true, 0xBEEF, "server.id", vendor, "pw", Nonce);
            int minimum = 24 + "server.id".Length;

            for (int length = 0; length <= message.Length; length++)
            {
                byte[] truncated = message[..length];
                Notification parsed = Notification.Parse(truncated, length, out string error);
                if (length < minimum)
                {
                    Assert.Null(parsed);
                    Assert.False(string.IsNullOrEmpty(error));
                }
                else
                {
                    Assert.NotNull(parsed);
                    Assert.Equal(length - minimum, parsed.VendorSpecificLength);
                }
                Assert.Equal(length == message.Length,
                    Notification.VerifyDigest("server.id", "pw", Nonce, truncated, length));
            }
        }

        [Fact]
        public void ServerIdLengthOverrunIsRejected()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 0, true, 1, "abc", null, "pw", Nonce);
            message[23] = 4;
            Assert.Null(Notification.Parse(message, message.Length, out string error));
            Assert.Contains("overrun", error);

            message[23] = 255;
            Assert.Null(Notification.Parse(message, message.Length));
        }

        [Fact]
        public void EmptyServerIdIsRejected()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 0, true, 1, "", null, "pw", Nonce);
            Assert.Equal(24, message.Length);
            Assert.Null(Notification.Parse(message, message.Length));
        }

        [Fact]
        public void ControlCharactersInTheServerIdAreRejected()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 0, true, 1, "a\nb", null, "pw", Nonce);
            Assert.Null(Notification.Parse(message, message.Length));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(10)]
        [InlineData(13)]
        [InlineData(20)]
        [InlineData(1023)]
        public void UnsupportedVersionsAreRejected(int version)
        {
            byte[] message = SyncMlOracle.BuildPkg0(version, 0, true, 1, "srv", null, "pw", Nonce);
            Assert.Null(Notification.Parse(message, message.Length, out string error));
            Assert.Contains("version", error);
        }

        [Fact]
        public void FutureUseBitsAreIgnored()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 2, false, 0x0102, "srv", null, "pw", Nonce, futureUse: 0x7FFFFFF);
            Notification parsed = Notification.Parse(message, message.Length);
            Assert.NotNull(parsed);
            Assert.Equal(NotificationUiMode.Informative, parsed.UiMode);
            Assert.False(parsed.ServerInitiated);
            Assert.Equal(0x0102, parsed.SessionId);
        }

        [Theory]
        [InlineData(0x00AB, "AB")]
        [InlineData(0xFFFF, "FFFF")]
        [InlineData(0x0000, "0")]
        [InlineData(0x1000, "1000")]
        [InlineData(0x0A0B, "A0B")]
        public void SessionIdHexIsUpperCaseWithoutLeadingZeros(int sessionId, string expected)
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 0, true, sessionId, "srv", null, "pw", Nonce);
            Assert.Equal(expected, Notification.Parse(message, message.Length).SessionIdHex);
        }

        [Fact]
        public void BadBufferArgumentsGiveNull()
        {
            byte[] message = SyncMlOracle.BuildPkg0(12, 0, true, 1, "srv", null, "pw", Nonce);
            Assert.Null(Notification.Parse(null, 0));
            Assert.Null(Notification.Parse(message, -1));
            Assert.Null(Notification.Parse(message, message.Length + 1));
            Assert.False(Notification.VerifyDigest("srv", "pw", Nonce, null, 0));
            Assert.False(Notification.VerifyDigest("srv", "pw", Nonce, message, message.Length + 1));
            Assert.False(Notification.VerifyDigest("srv", "pw", Nonce, message, -1));
        }

        [Fact]
        public void RandomBytesNeverThrow()
        {
            var random = new Random(62);
            byte[] buffer = new byte[300];
            for (int run = 0; run < 20000; run++)
            {
                random.NextBytes(buffer);
                // Keep many samples past the version check so the later checks get exercised too.
                if (random.Next(2) == 0)
                {
                    buffer[16] = 0x03;
                    buffer[17] = (byte)((buffer[17] & 0x3F) | 0x00);
                    buffer[23] = (byte)random.Next(0, 40);
                }
                int length = random.Next(0, buffer.Length + 1);
                Notification parsed = Notification.Parse(buffer, length, out string error);
                Assert.True((parsed == null) != (error == null));
                Notification.VerifyDigest("srv", "pw", Nonce, buffer, length);
            }
        }

        [Fact]
        public void BuildRejectsFieldsThatDoNotFit()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                Notification.Build(1024, 0, true, 1, "srv", null, "pw", Nonce));
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                Notification.Build(12, 0, true, 0x10000, "srv", null, "pw", Nonce));
            Assert.Throws<ArgumentException>(() =>
                Notification.Build(12, 0, true, 1, new string('s', 256), null, "pw", Nonce));
            Assert.Throws<ArgumentException>(() =>
                Notification.Build(12, 0, true, 1, "", null, "pw", Nonce));
        }
    }
}

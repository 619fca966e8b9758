using NanoOmaDm.Agent.Download;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    public class DownloadCheckpointTests
    {
        private static DownloadCheckpoint Full() => new DownloadCheckpoint
        {
            Url = "https://dl.example/päckage.bin",
            ExpectedSize = 123_456_789_012,
            ExpectedSha256 = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            Offset = 98_765_432_101,
            TotalSize = 123_456_789_012,
            ETag = "\"abc-1\"",
            LastModified = "Wed, 01 Jan 2025 00:00:00 GMT",
            HashState = Enumerable.Range(0, 104).Select(i => (byte)(i * 3)).ToArray(),
            HashStateLength = 77,
        };

        [Fact]
        public void RoundTripsEveryField()
        {
            DownloadCheckpoint c = Full();
            byte[] bytes = c.ToBytes();
            DownloadCheckpoint back = DownloadCheckpoint.FromBytes(bytes, 0, bytes.Length);

            Assert.Equal(c.Url, back.Url);
            Assert.Equal(c.ExpectedSize, back.ExpectedSize);
            Assert.Equal(c.ExpectedSha256, back.ExpectedSha256);
            Assert.Equal(c.Offset, back.Offset);
            Assert.Equal(c.TotalSize, back.TotalSize);
            Assert.Equal(c.ETag, back.ETag);
            Assert.Equal(c.LastModified, back.LastModified);
            Assert.Equal(c.HashState[..77], back.HashState);
            Assert.Equal(77, back.HashStateLength);
            Assert.False(back.Complete);
            Assert.Null(back.Sha256);
            Assert.True(bytes.Length < 300, "compact: " + bytes.Length + " bytes");
        }

        [Fact]
        public void RoundTripsACompleteRecordWithNullsAndAnOffset()
        {
            var c = new DownloadCheckpoint { Url = "http://x/y", Offset = 10, Complete = true, Sha256 = new byte[32] };
            c.Sha256[31] = 9;
            byte[] bytes = new byte[] { 7, 7 }.Concat(c.ToBytes()).Concat(new byte[] { 7 }).ToArray();
            DownloadCheckpoint back = DownloadCheckpoint.FromBytes(bytes, 2, bytes.Length - 3);

            Assert.True(back.Complete);
            Assert.Equal(c.Sha256, back.Sha256);
            Assert.Null(back.ETag);
            Assert.Null(back.LastModified);
            Assert.Null(back.ExpectedSha256);
            Assert.Null(back.HashState);
            Assert.Equal(-1, back.ExpectedSize);
            Assert.Equal(-1, back.TotalSize);
        }

        [Fact]
        public void AnyTruncationOrExtensionIsRejected()
        {
            byte[] bytes = Full().ToBytes();
            for (int length = 0; length < bytes.Length; length++)
            {
                Assert.Null(DownloadCheckpoint.FromBytes(bytes, 0, length));
            }

            byte[] longer = bytes.Concat(new byte[] { 0 }).ToArray();
            Assert.Null(DownloadCheckpoint.FromBytes(longer, 0, longer.Length));
        }

        [Fact]
        public void GarbageNeverThrows()
        {
            var random = new Random(3);
            byte[] good = Full().ToBytes();
            for (int i = 0; i < 5000; i++)
            {
                byte[] bytes = (byte[])good.Clone();
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                DownloadCheckpoint.FromBytes(bytes, 0, random.Next(0, bytes.Length + 1));
            }

            Assert.Null(DownloadCheckpoint.FromBytes(null, 0, 0));
            Assert.Null(DownloadCheckpoint.FromBytes(good, 5, good.Length));
            Assert.Null(DownloadCheckpoint.FromBytes(good, -1, 3));
        }

        [Fact]
        public void MatchesOnlyTheSameRequest()
        {
            DownloadCheckpoint c = Full();
            var request = new DownloadRequest(c.Url) { ExpectedSize = c.ExpectedSize, ExpectedSha256 = (byte[])c.ExpectedSha256.Clone() };
            Assert.True(c.Matches(request));
            Assert.False(c.Matches(new DownloadRequest(c.Url + "?x") { ExpectedSize = c.ExpectedSize, ExpectedSha256 = c.ExpectedSha256 }));
            Assert.False(c.Matches(new DownloadRequest(c.Url) { ExpectedSize = 1, ExpectedSha256 = c.ExpectedSha256 }));
            Assert.False(c.Matches(new DownloadRequest(c.Url) { ExpectedSize = c.ExpectedSize }));
            request.ExpectedSha256[0] ^= 1;
            Assert.False(c.Matches(request));
            Assert.False(c.Matches(null));
        }
    }
}

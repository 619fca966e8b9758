using System;
using System.Text;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>What a reboot needs to continue a download: the request it belongs to, how far the stored image goes,
    /// the server's validator for it and the SHA-256 state at that point. Serialized as a compact byte[] record
    /// (about 120 bytes plus the URL and validators) so a key/record store can commit it as is.</summary>
    public sealed class DownloadCheckpoint
    {
        private const byte Magic = 0xDC;
        private const byte Version = 1;
        private const int NoString = 0xFFFF;
        private const int FlagComplete = 1;
        private const int FlagExpectedHash = 2;
        private const int FlagHashState = 4;
        private const int FlagDigest = 8;

        public DownloadCheckpoint()
        {
            ExpectedSize = -1;
            TotalSize = -1;
        }

        // The request this checkpoint belongs to.
        public string Url;
        public long ExpectedSize;
        public byte[] ExpectedSha256;

        /// <summary>Bytes of the image stored and covered by <see cref="HashState"/>.</summary>
        public long Offset;
        /// <summary>Entity length the server announced, -1 when unknown.</summary>
        public long TotalSize;
        public string ETag;
        public string LastModified;

        /// <summary>SHA-256 state after <see cref="Offset"/> bytes (<see cref="HashStateLength"/> bytes used), or null.</summary>
        public byte[] HashState;
        public int HashStateLength;

        /// <summary>The image is complete and verified; <see cref="Sha256"/> holds its digest.</summary>
        public bool Complete;
        public byte[] Sha256;

        public bool Matches(DownloadRequest request)
        {
            return request != null && Url == request.Url && ExpectedSize == request.ExpectedSize
                && SameBytes(ExpectedSha256, request.ExpectedSha256);
        }

        public byte[] ToBytes()
        {
            byte[] url = Utf8Bytes(Url);
            byte[] etag = Utf8Bytes(ETag);
            byte[] lastModified = Utf8Bytes(LastModified);
            bool hasState = HashState != null && HashStateLength > 0 && HashStateLength <= 255 && HashStateLength <= HashState.Length;
            bool hasExpected = ExpectedSha256 != null && ExpectedSha256.Length == Security.Sha256.HashLength;
            bool hasDigest = Complete && Sha256 != null && Sha256.Length == Security.Sha256.HashLength;

            int length = 3 + 24 + StringLength(url) + StringLength(etag) + StringLength(lastModified)
                + (hasExpected ? 32 : 0) + (hasState ? 1 + HashStateLength : 0) + (hasDigest ? 32 : 0);
            byte[] data = new byte[length];
            data[0] = Magic;
            data[1] = Version;
            data[2] = (byte)((Complete ? FlagComplete : 0) | (hasExpected ? FlagExpectedHash : 0)
                | (hasState ? FlagHashState : 0) | (hasDigest ? FlagDigest : 0));
            int p = 3;
            p = WriteLong(data, p, Offset);
            p = WriteLong(data, p, TotalSize);
            p = WriteLong(data, p, ExpectedSize);
            p = WriteString(data, p, url);
            p = WriteString(data, p, etag);
            p = WriteString(data, p, lastModified);
            if (hasExpected)
            {
                Array.Copy(ExpectedSha256, 0, data, p, 32);
                p += 32;
            }
            if (hasState)
            {
                data[p++] = (byte)HashStateLength;
                Array.Copy(HashState, 0, data, p, HashStateLength);
                p += HashStateLength;
            }
            if (hasDigest)
            {
                Array.Copy(Sha256, 0, data, p, 32);
            }
            return data;
        }

        /// <summary>Null (never an exception) when the bytes are not a checkpoint of this version.</summary>
        public static DownloadCheckpoint FromBytes(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 27 || offset > data.Length - count
                || data[offset] != Magic || data[offset + 1] != Version)
            {
                return null;
            }

            Reader r = new Reader(data, offset, count);
            int flags = data[offset + 2];
            r.Position = offset + 3;
            DownloadCheckpoint c = new DownloadCheckpoint();
            c.Complete = (flags & FlagComplete) != 0;
            c.Offset = r.ReadLong();
            c.TotalSize = r.ReadLong();
            c.ExpectedSize = r.ReadLong();
            c.Url = r.ReadString();
            c.ETag = r.ReadString();
            c.LastModified = r.ReadString();
            if ((flags & FlagExpectedHash) != 0)
            {
                c.ExpectedSha256 = r.ReadBytes(32);
            }
            if ((flags & FlagHashState) != 0)
            {
                c.HashStateLength = r.ReadByte();
                c.HashState = r.ReadBytes(c.HashStateLength);
            }
            if ((flags & FlagDigest) != 0)
            {
                c.Sha256 = r.ReadBytes(32);
            }

            if (r.Failed || r.Position != offset + count || c.Url == null || c.Offset < 0 || c.TotalSize < -1 || c.ExpectedSize < -1)
            {
                return null;
            }
            return c;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }
            if (a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static byte[] Utf8Bytes(string s)
        {
            return s == null ? null : Encoding.UTF8.GetBytes(s);
        }

        private static int StringLength(byte[] utf8)
        {
            return 2 + (utf8 == null ? 0 : utf8.Length);
        }

        private static int WriteLong(byte[] data, int p, long value)
        {
            for (int i = 7; i >= 0; i--)
            {
                data[p + i] = (byte)value;
                value >>= 8;
            }
            return p + 8;
        }

        private static int WriteString(byte[] data, int p, byte[] utf8)
        {
            if (utf8 != null && utf8.Length >= NoString)
            {
                throw new ArgumentException("checkpoint string too long");
            }
            int length = utf8 == null ? NoString : utf8.Length;
            data[p] = (byte)(length >> 8);
            data[p + 1] = (byte)length;
            if (utf8 != null)
            {
                Array.Copy(utf8, 0, data, p + 2, utf8.Length);
            }
            return p + 2 + (utf8 == null ? 0 : utf8.Length);
        }

        /// <summary>Bounds-checked reads: the first overrun sets <see cref="Failed"/> and every later read yields defaults.</summary>
        private sealed class Reader
        {
            private readonly byte[] _data;
            private readonly int _end;

            public Reader(byte[] data, int offset, int count)
            {
                _data = data;
                _end = offset + count;
            }

            public int Position;
            public bool Failed;

            private bool Take(int n)
            {
                if (Failed || n < 0 || Position > _end - n)
                {
                    Failed = true;
                    return false;
                }
                return true;
            }

            public int ReadByte()
            {
                return Take(1) ? _data[Position++] : 0;
            }

            public long ReadLong()
            {
                if (!Take(8))
                {
                    return 0;
                }
                long value = 0;
                for (int i = 0; i < 8; i++)
                {
                    value = (value << 8) | _data[Position++];
                }
                return value;
            }

            public byte[] ReadBytes(int n)
            {
                if (!Take(n))
                {
                    return null;
                }
                byte[] bytes = new byte[n];
                Array.Copy(_data, Position, bytes, 0, n);
                Position += n;
                return bytes;
            }

            public string ReadString()
            {
                if (!Take(2))
                {
                    return null;
                }
                int length = (_data[Position] << 8) | _data[Position + 1];
                Position += 2;
                if (length == NoString || !Take(length))
                {
                    return null;
                }
                string s = Encoding.UTF8.GetString(_data, Position, length);
                Position += length;
                return s;
            }
        }
    }
}

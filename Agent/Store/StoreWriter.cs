using System;
using System.Text;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>Streams the payload of a journal record or snapshot into a file through one reused buffer, computing its
    /// CRC on the way. Writing past the limit it was given sets <see cref="Overflowed"/> and writes nothing more, so that
    /// a commit that does not fit is detected without building it in memory. Storage errors surface as
    /// <see cref="StorageException"/> to the <see cref="LogStore"/>.</summary>
    public sealed class StoreWriter
    {
        private readonly byte[] _buffer;
        private IStorageFile _file;
        private long _start;
        private long _limit;
        private long _flushed;
        private int _count;
        private int _headerSize;
        private int _unhashed;
        private uint _crc;

        internal StoreWriter(int bufferSize)
        {
            _buffer = new byte[bufferSize < 64 ? 64 : bufferSize];
        }

        /// <summary>Set once the payload would exceed its limit; everything written afterwards is dropped.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>Payload bytes written so far.</summary>
        public long Length
        {
            get { return _flushed + _count - _headerSize; }
        }

        internal uint RunningCrc
        {
            get { return _crc; }
        }

        /// <summary>Starts a payload of at most <paramref name="limit"/> bytes behind a header of
        /// <paramref name="headerSize"/> bytes at <paramref name="position"/>. The header area is written as zeros with
        /// the payload (files cannot be written past their end) and filled in by the caller once the payload is complete.</summary>
        internal void Begin(IStorageFile file, long position, int headerSize, long limit)
        {
            _file = file;
            _start = position;
            _limit = limit;
            _flushed = 0;
            _headerSize = headerSize;
            _unhashed = headerSize;
            Array.Clear(_buffer, 0, headerSize);
            _count = headerSize;
            _crc = Crc32.Initial;
            Overflowed = limit < 0;
        }

        /// <summary>Writes what is still buffered.</summary>
        internal void Finish()
        {
            Drain();
            _file = null;
        }

        public void WriteByte(byte value)
        {
            if (!Reserve(1))
            {
                return;
            }
            _buffer[_count++] = value;
        }

        public void WriteUInt32(uint value)
        {
            if (!Reserve(4))
            {
                return;
            }
            _buffer[_count++] = (byte)value;
            _buffer[_count++] = (byte)(value >> 8);
            _buffer[_count++] = (byte)(value >> 16);
            _buffer[_count++] = (byte)(value >> 24);
        }

        public void WriteInt64(long value)
        {
            WriteUInt32((uint)value);
            WriteUInt32((uint)(value >> 32));
        }

        /// <summary>Unsigned LEB128: 1 byte below 128, at most 5.</summary>
        public void WriteVarint(uint value)
        {
            while (value >= 0x80)
            {
                WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            WriteByte((byte)value);
        }

        /// <summary>Length + 1 as a varint (0 for null), then the bytes.</summary>
        public void WriteBlob(byte[] data)
        {
            if (data == null)
            {
                WriteVarint(0);
                return;
            }
            WriteVarint((uint)data.Length + 1);
            WriteBytes(data, 0, data.Length);
        }

        /// <summary>UTF-8 in the blob layout; ASCII, the common case for names and ACLs, is copied without an encoder.</summary>
        public void WriteString(string text)
        {
            if (text == null)
            {
                WriteVarint(0);
                return;
            }
            int length = Utf8.ByteCount(text);
            if (length != text.Length)
            {
                WriteBlob(Encoding.UTF8.GetBytes(text));
                return;
            }
            WriteVarint((uint)length + 1);
            for (int i = 0; i < length; i++)
            {
                WriteByte((byte)text[i]);
            }
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            if (Overflowed || count <= 0)
            {
                return;
            }
            if (Length + count > _limit)
            {
                Overflowed = true;
                return;
            }
            if (count <= _buffer.Length - _count)
            {
                Array.Copy(data, offset, _buffer, _count, count);
                _count += count;
                return;
            }
            // Larger than what the buffer can take: write it straight from the caller's array, no copy.
            Drain();
            _crc = Crc32.Update(_crc, data, offset, count);
            _file.Write(_start + _flushed, data, offset, count);
            _flushed += count;
        }

        private bool Reserve(int bytes)
        {
            if (Overflowed)
            {
                return false;
            }
            if (Length + bytes > _limit)
            {
                Overflowed = true;
                return false;
            }
            if (_buffer.Length - _count < bytes)
            {
                Drain();
            }
            return true;
        }

        private void Drain()
        {
            if (_count == 0)
            {
                return;
            }
            _crc = Crc32.Update(_crc, _buffer, _unhashed, _count - _unhashed);
            _unhashed = 0;
            _file.Write(_start + _flushed, _buffer, 0, _count);
            _flushed += _count;
            _count = 0;
        }
    }
}

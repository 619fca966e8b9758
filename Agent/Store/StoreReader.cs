using System;
using System.Text;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>Reads a region of a file (a record's payload, a snapshot) through one reused buffer. Reading past the
    /// region or malformed data sets <see cref="Failed"/> and yields zeros and nulls instead of throwing, so a damaged
    /// file can never make recovery throw or allocate beyond the region's size. Storage errors surface as
    /// <see cref="StorageException"/> to the <see cref="LogStore"/>.</summary>
    public sealed class StoreReader
    {
        private readonly byte[] _buffer;
        private IStorageFile _file;
        private long _windowStart;
        private int _windowLength;
        private long _position;
        private long _end;

        internal StoreReader(int bufferSize)
        {
            _buffer = new byte[bufferSize < 64 ? 64 : bufferSize];
        }

        public bool Failed { get; private set; }

        public bool AtEnd
        {
            get { return _position >= _end; }
        }

        public long Remaining
        {
            get { return _end - _position; }
        }

        /// <summary>Marks the data as malformed (used by the operation decoders).</summary>
        public void Fail()
        {
            Failed = true;
        }

        /// <summary>Reads [position, end) of <paramref name="file"/>. The buffered window survives a Begin on the same
        /// file, so checking a small record's CRC and then applying it reads the file once.</summary>
        internal void Begin(IStorageFile file, long position, long end)
        {
            if (file != _file)
            {
                _file = file;
                _windowLength = 0;
            }
            _position = position;
            _end = end;
            Failed = false;
        }

        internal void Release()
        {
            _file = null;
            _windowLength = 0;
        }

        /// <summary>Continues <paramref name="crc"/> over the rest of the region and consumes it.</summary>
        internal uint Checksum(uint crc)
        {
            while (!Failed && _position < _end)
            {
                int available = Window();
                if (available == 0)
                {
                    break;
                }
                int take = _end - _position < available ? (int)(_end - _position) : available;
                crc = Crc32.Update(crc, _buffer, (int)(_position - _windowStart), take);
                _position += take;
            }
            return crc;
        }

        public byte ReadByte()
        {
            if (Failed || _position >= _end || Window() == 0)
            {
                Failed = true;
                return 0;
            }
            return _buffer[(int)(_position++ - _windowStart)];
        }

        public uint ReadUInt32()
        {
            uint b0 = ReadByte();
            uint b1 = ReadByte();
            uint b2 = ReadByte();
            uint b3 = ReadByte();
            return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
        }

        public long ReadInt64()
        {
            long low = ReadUInt32();
            long high = ReadUInt32();
            return low | (high << 32);
        }

        public uint ReadVarint()
        {
            uint value = 0;
            for (int shift = 0; shift < 35; shift += 7)
            {
                byte b = ReadByte();
                value |= (uint)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
            Failed = true;
            return 0;
        }

        /// <summary>See <see cref="StoreWriter.WriteBlob"/>. Never allocates more than the region still holds.</summary>
        public byte[] ReadBlob()
        {
            int length = ReadLength();
            return length < 0 ? null : ReadExactly(length);
        }

        public string ReadString()
        {
            int length = ReadLength();
            if (length <= 0)
            {
                return length == 0 ? string.Empty : null;
            }
            if (Window() >= length)
            {
                string text = Decode(_buffer, (int)(_position - _windowStart), length);
                _position += length;
                return text;
            }
            byte[] bytes = ReadExactly(length);
            return bytes == null ? null : Decode(bytes, 0, bytes.Length);
        }

        private byte[] ReadExactly(int length)
        {
            byte[] data = new byte[length];
            int done = 0;
            while (done < length && !Failed)
            {
                int available = Window();
                if (available == 0)
                {
                    Failed = true;
                    break;
                }
                int take = length - done < available ? length - done : available;
                Array.Copy(_buffer, (int)(_position - _windowStart), data, done, take);
                _position += take;
                done += take;
            }
            return Failed ? null : data;
        }

        /// <summary>-1 for null (or a failure), else the length, which must fit into the region.</summary>
        private int ReadLength()
        {
            uint prefix = ReadVarint();
            if (Failed || prefix == 0)
            {
                return -1;
            }
            if (prefix - 1 > Remaining)
            {
                Failed = true;
                return -1;
            }
            return (int)(prefix - 1);
        }

        private string Decode(byte[] bytes, int index, int count)
        {
            try
            {
                return Encoding.UTF8.GetString(bytes, index, count);
            }
            catch (Exception)
            {
                Failed = true;
                return null;
            }
        }

        /// <summary>Bytes available in the buffer from the current position (refilling it when needed); 0 at end of file.</summary>
        private int Window()
        {
            long offset = _position - _windowStart;
            if (offset >= 0 && offset < _windowLength)
            {
                return (int)(_windowLength - offset);
            }
            _windowStart = _position;
            _windowLength = 0;
            while (_windowLength < _buffer.Length)
            {
                int read = _file.Read(_windowStart + _windowLength, _buffer, _windowLength, _buffer.Length - _windowLength);
                if (read <= 0)
                {
                    break;
                }
                _windowLength += read;
            }
            return _windowLength;
        }
    }
}

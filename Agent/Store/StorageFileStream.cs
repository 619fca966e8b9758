using System;
using System.IO;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>A Stream over an open <see cref="IStorageFile"/>, for code that streams (the package reader): reads and
    /// writes move one position, so a package is read or a payload written front to back without holding it in RAM.
    /// Disposing the stream disposes the file.</summary>
    public sealed class StorageFileStream : Stream
    {
        private readonly IStorageFile _file;
        private long _position;

        public StorageFileStream(IStorageFile file)
        {
            _file = file;
        }

        public override bool CanRead
        {
            get { return true; }
        }

        public override bool CanSeek
        {
            get { return true; }
        }

        public override bool CanWrite
        {
            get { return true; }
        }

        public override long Length
        {
            get { return _file.Length; }
        }

        public override long Position
        {
            get { return _position; }
            set { _position = value; }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = _file.Read(_position, buffer, offset, count);
            _position += read;
            return read;
        }

#if NANOFRAMEWORK_1_0
        public override int Read(SpanByte buffer)
        {
            throw new NotSupportedException();
        }
#endif

        public override void Write(byte[] buffer, int offset, int count)
        {
            _file.Write(_position, buffer, offset, count);
            _position += count;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            long basis = origin == SeekOrigin.Begin ? 0 : origin == SeekOrigin.Current ? _position : _file.Length;
            _position = basis + offset;
            return _position;
        }

        public override void SetLength(long value)
        {
            _file.SetLength(value);
        }

        public override void Flush()
        {
            _file.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

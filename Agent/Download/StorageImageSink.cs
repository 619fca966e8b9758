using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>A download image in a file of the board's <see cref="IFileStorage"/>; the file stays open while the
    /// sink lives.</summary>
    public sealed class StorageImageSink : IImageSink, IDisposable
    {
        private readonly IStorageFile _file;

        public StorageImageSink(IFileStorage storage, string name)
        {
            _file = storage.Open(name);
        }

        public long Length
        {
            get { return _file.Length; }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            _file.Write(_file.Length, buffer, offset, count);
        }

        public void Truncate(long length)
        {
            _file.SetLength(length);
        }

        public void Flush()
        {
            _file.Flush();
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            return _file.Read(position, buffer, offset, count);
        }

        public void Dispose()
        {
            _file.Dispose();
        }
    }
}

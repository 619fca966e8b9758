using NanoOmaDm.Hal;

namespace NanoOmaDm.Bench;

/// <summary>Counts what reaches the storage: bytes written, writes, truncations and flushes.</summary>
public sealed class MeteredStorage : IFileStorage
{
    private readonly IFileStorage _inner;

    public MeteredStorage(IFileStorage inner)
    {
        _inner = inner;
    }

    public long BytesWritten { get; private set; }

    public long Writes { get; private set; }

    public long Flushes { get; private set; }

    public long Capacity => _inner.Capacity;

    public IStorageFile Open(string name) => new MeteredFile(this, _inner.Open(name));

    public bool Exists(string name) => _inner.Exists(name);

    public void Delete(string name) => _inner.Delete(name);

    public string[] List() => _inner.List();

    private sealed class MeteredFile : IStorageFile
    {
        private readonly MeteredStorage _owner;
        private readonly IStorageFile _inner;

        public MeteredFile(MeteredStorage owner, IStorageFile inner)
        {
            _owner = owner;
            _inner = inner;
        }

        public long Length => _inner.Length;

        public int Read(long position, byte[] buffer, int offset, int count) => _inner.Read(position, buffer, offset, count);

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            _owner.BytesWritten += count;
            _owner.Writes++;
            _inner.Write(position, buffer, offset, count);
        }

        public void SetLength(long length) => _inner.SetLength(length);

        public void Flush()
        {
            _owner.Flushes++;
            _inner.Flush();
        }

        public void Dispose() => _inner.Dispose();
    }
}

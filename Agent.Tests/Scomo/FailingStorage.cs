using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>A storage that runs out of space at a quota, or loses power in the middle of writing a chosen file:
/// after the cut (<see cref="PowerSwitch"/>) nothing is written any more, so only what was durable before survives.</summary>
public sealed class FailingStorage : IFileStorage
{
    private readonly IFileStorage _inner;
    private readonly PowerSwitch _power;

    public FailingStorage(IFileStorage inner, PowerSwitch power)
    {
        _inner = inner;
        _power = power;
    }

    /// <summary>Total bytes the files may hold; a write beyond throws "storage full".</summary>
    public long Quota { get; set; } = long.MaxValue;

    /// <summary>Files whose name starts with this lose power after <see cref="CutAfterBytes"/> bytes written to them.</summary>
    public string CutInFile { get; set; }

    public long CutAfterBytes { get; set; }

    public long Capacity => _inner.Capacity;

    public IStorageFile Open(string name)
    {
        _power.ThrowIfNoPower();
        return new File(this, name, _inner.Open(name));
    }

    public bool Exists(string name) => _inner.Exists(name);

    public void Delete(string name)
    {
        _power.ThrowIfNoPower();
        _inner.Delete(name);
    }

    public string[] List() => _inner.List();

    private long Used()
    {
        long total = 0;
        foreach (string name in _inner.List())
        {
            using IStorageFile f = _inner.Open(name);
            total += f.Length;
        }
        return total;
    }

    private sealed class File : IStorageFile
    {
        private readonly FailingStorage _owner;
        private readonly string _name;
        private readonly IStorageFile _inner;
        private long _written;

        public File(FailingStorage owner, string name, IStorageFile inner)
        {
            _owner = owner;
            _name = name;
            _inner = inner;
        }

        public long Length => _inner.Length;

        public int Read(long position, byte[] buffer, int offset, int count) => _inner.Read(position, buffer, offset, count);

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            _owner._power.ThrowIfNoPower();
            long growth = Math.Max(0, position + count - _inner.Length);
            if (growth > 0 && _owner.Used() + growth > _owner.Quota)
            {
                throw new StorageException("storage full");
            }
            if (_owner.CutInFile != null && _name.StartsWith(_owner.CutInFile, StringComparison.Ordinal)
                && _written + count > _owner.CutAfterBytes)
            {
                int part = (int)Math.Max(0, _owner.CutAfterBytes - _written);
                _inner.Write(position, buffer, offset, part);
                _owner._power.Cut();
                throw new StorageException("power failed while writing " + _name);
            }
            _written += count;
            _inner.Write(position, buffer, offset, count);
        }

        public void SetLength(long length)
        {
            _owner._power.ThrowIfNoPower();
            _inner.SetLength(length);
        }

        public void Flush()
        {
            _owner._power.ThrowIfNoPower();
            _inner.Flush();
        }

        public void Dispose() => _inner.Dispose();
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Storage in RAM, for tests and benchmarks: fast enough for thousands of simulated power cuts. Every write
/// is durable at once (wrap it in a <see cref="PowerCutStorage"/> to lose some). <see cref="VolumeSize"/> simulates a
/// file system that fills up independently of the store's own budget (the ESP32 shares its partition).</summary>
public sealed class MemoryStorage : IFileStorage
{
    private readonly object _sync = new object();
    private readonly Dictionary<string, MemoryFile> _files = new Dictionary<string, MemoryFile>(StringComparer.Ordinal);

    public MemoryStorage(long capacity = 0)
    {
        Capacity = capacity;
    }

    public long Capacity { get; }

    /// <summary>Total bytes all files may hold; a write or SetLength beyond it throws StorageException. 0 = unlimited.</summary>
    public long VolumeSize { get; set; }

    /// <summary>Bytes in all files.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_sync)
            {
                return _files.Values.Sum(f => (long)f.Length);
            }
        }
    }

    public IStorageFile Open(string name)
    {
        lock (_sync)
        {
            if (!_files.TryGetValue(name, out MemoryFile file))
            {
                file = new MemoryFile(this);
                _files[name] = file;
            }

            return new Handle(file, _sync);
        }
    }

    public bool Exists(string name)
    {
        lock (_sync)
        {
            return _files.ContainsKey(name);
        }
    }

    public void Delete(string name)
    {
        lock (_sync)
        {
            if (_files.TryGetValue(name, out MemoryFile file))
            {
                file.Resize(0);
                _files.Remove(name);
            }
        }
    }

    public string[] List()
    {
        lock (_sync)
        {
            return _files.Keys.ToArray();
        }
    }

    /// <summary>A copy of a file's bytes (empty if it does not exist).</summary>
    public byte[] ReadAll(string name)
    {
        lock (_sync)
        {
            return _files.TryGetValue(name, out MemoryFile file) ? file.Data.AsSpan(0, file.Length).ToArray() : Array.Empty<byte>();
        }
    }

    /// <summary>Replaces a file's bytes (tests: corrupt a byte, restore a copy).</summary>
    public void WriteAll(string name, byte[] data)
    {
        using IStorageFile file = Open(name);
        file.SetLength(0);
        file.Write(0, data, 0, data.Length);
    }

    private void Reserve(long growth)
    {
        if (VolumeSize > 0 && growth > 0 && UsedBytes + growth > VolumeSize)
        {
            throw new StorageException("no space left on the volume");
        }
    }

    private sealed class MemoryFile
    {
        private readonly MemoryStorage _owner;

        public MemoryFile(MemoryStorage owner)
        {
            _owner = owner;
        }

        public byte[] Data = Array.Empty<byte>();

        public int Length;

        public void Resize(long length)
        {
            if (length > int.MaxValue)
            {
                throw new StorageException("file too large");
            }

            _owner.Reserve(length - Length);
            if (length > Data.Length)
            {
                var bigger = new byte[Math.Max(length, Data.Length * 2L)];
                Array.Copy(Data, bigger, Length);
                Data = bigger;
            }
            else if (length < Length)
            {
                Array.Clear(Data, (int)length, Length - (int)length);
            }

            Length = (int)length;
        }
    }

    private sealed class Handle : IStorageFile
    {
        private readonly MemoryFile _file;
        private readonly object _sync;

        public Handle(MemoryFile file, object sync)
        {
            _file = file;
            _sync = sync;
        }

        public long Length
        {
            get
            {
                lock (_sync)
                {
                    return _file.Length;
                }
            }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                if (position >= _file.Length)
                {
                    return 0;
                }

                int n = (int)Math.Min(count, _file.Length - position);
                Array.Copy(_file.Data, position, buffer, offset, n);
                return n;
            }
        }

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                if (position > _file.Length)
                {
                    throw new StorageException("write past the end of the file");
                }

                if (position + count > _file.Length)
                {
                    _file.Resize(position + count);
                }

                Array.Copy(buffer, offset, _file.Data, position, count);
            }
        }

        public void SetLength(long length)
        {
            lock (_sync)
            {
                _file.Resize(length);
            }
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Wraps a storage and cuts the power at a chosen point of the I/O: one unit per byte written and one per
/// SetLength, Flush or Delete, so <see cref="CutAt"/> can fall on any byte of any write. From the cut on every call
/// throws <see cref="PowerCutException"/> (the device is off) and the inner storage holds what survived according to
/// the <see cref="PowerCutMode"/>; reopen it to "boot" again. Losses are drawn from the seed.</summary>
public sealed class PowerCutStorage : IFileStorage
{
    private readonly IFileStorage _inner;
    private readonly Random _random;
    private readonly Dictionary<string, Volatile> _unflushed = new Dictionary<string, Volatile>(StringComparer.Ordinal);

    public PowerCutStorage(IFileStorage inner, PowerCutMode mode, int seed)
    {
        _inner = inner;
        Mode = mode;
        _random = new Random(seed);
    }

    public PowerCutMode Mode { get; }

    /// <summary>The unit at which the power fails; negative: never.</summary>
    public long CutAt { get; set; } = -1;

    /// <summary>Units of I/O so far.</summary>
    public long Units { get; private set; }

    public bool IsCut { get; private set; }

    /// <summary>Called after a Flush has made a file durable (the file name).</summary>
    public Action<string> Durable { get; set; }

    /// <summary>Called at the moment the power fails, before the losses are applied: the device's RAM is still as it was.</summary>
    public Action Cutting { get; set; }

    public long Capacity => _inner.Capacity;

    public IStorageFile Open(string name)
    {
        CheckPower();
        return new CutFile(this, name, _inner.Open(name));
    }

    public bool Exists(string name)
    {
        CheckPower();
        return _inner.Exists(name);
    }

    public void Delete(string name)
    {
        Spend(1, null);
        _unflushed.Remove(name);
        _inner.Delete(name);
    }

    public string[] List()
    {
        CheckPower();
        return _inner.List();
    }

    private void CheckPower()
    {
        if (IsCut)
        {
            throw new PowerCutException();
        }
    }

    /// <summary>Accounts for an operation of <paramref name="units"/>; when the cut falls inside it, applies the part of
    /// a write before the cut byte (<paramref name="tear"/>), loses what the mode loses and throws.</summary>
    private void Spend(long units, Action<int> tear)
    {
        CheckPower();
        if (CutAt >= 0 && Units + units > CutAt)
        {
            int written = (int)(CutAt - Units);
            Units = CutAt;
            if (tear != null && written > 0)
            {
                tear(written);
            }

            Cut();
        }

        Units += units;
    }

    private void Cut()
    {
        IsCut = true;
        Cutting?.Invoke();
        foreach (KeyValuePair<string, Volatile> entry in _unflushed)
        {
            entry.Value.Settle(_inner, entry.Key, _random);
        }

        _unflushed.Clear();
        throw new PowerCutException();
    }

    /// <summary>In LoseUnflushed mode, notes an operation before it reaches the inner file.</summary>
    private void Track(string name, IStorageFile inner, long position, byte[] data, long length)
    {
        if (Mode != PowerCutMode.LoseUnflushed)
        {
            return;
        }

        if (!_unflushed.TryGetValue(name, out Volatile pending))
        {
            pending = new Volatile(ReadAll(inner));
            _unflushed[name] = pending;
        }

        pending.Operations.Add((position, data, length));
    }

    private static byte[] ReadAll(IStorageFile file)
    {
        var data = new byte[file.Length];
        int done = 0;
        while (done < data.Length)
        {
            int n = file.Read(done, data, done, data.Length - done);
            if (n <= 0)
            {
                break;
            }

            done += n;
        }

        return data;
    }

    /// <summary>A file's content at its last Flush and the writes (data) and truncations (length) since.</summary>
    private sealed class Volatile
    {
        private readonly byte[] _durable;

        public Volatile(byte[] durable)
        {
            _durable = durable;
        }

        public List<(long Position, byte[] Data, long Length)> Operations { get; } = new List<(long, byte[], long)>();

        /// <summary>Writes back what survives: the durable content plus a random subset of the operations, in order.</summary>
        public void Settle(IFileStorage storage, string name, Random random)
        {
            var content = new List<byte>(_durable);
            foreach ((long position, byte[] data, long length) in Operations)
            {
                if (random.Next(2) == 0)
                {
                    continue;
                }

                if (data == null)
                {
                    Resize(content, (int)length);
                    continue;
                }

                int count = random.Next(4) == 0 ? random.Next(data.Length + 1) : data.Length;
                if (position > content.Count)
                {
                    Resize(content, (int)position);
                }

                for (int i = 0; i < count; i++)
                {
                    if (position + i < content.Count)
                    {
                        content[(int)position + i] = data[i];
                    }
                    else
                    {
                        content.Add(data[i]);
                    }
                }
            }

            using IStorageFile file = storage.Open(name);
            byte[] bytes = content.ToArray();
            file.SetLength(0);
            file.Write(0, bytes, 0, bytes.Length);
            file.Flush();
        }

        private static void Resize(List<byte> content, int length)
        {
            if (length < content.Count)
            {
                content.RemoveRange(length, content.Count - length);
            }
            else
            {
                content.AddRange(new byte[length - content.Count]);
            }
        }
    }

    private sealed class CutFile : IStorageFile
    {
        private readonly PowerCutStorage _owner;
        private readonly string _name;
        private readonly IStorageFile _inner;

        public CutFile(PowerCutStorage owner, string name, IStorageFile inner)
        {
            _owner = owner;
            _name = name;
            _inner = inner;
        }

        public long Length
        {
            get
            {
                _owner.CheckPower();
                return _inner.Length;
            }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            _owner.CheckPower();
            return _inner.Read(position, buffer, offset, count);
        }

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            _owner.Spend(count, written => Apply(position, buffer, offset, written));
            Apply(position, buffer, offset, count);
        }

        public void SetLength(long length)
        {
            _owner.Spend(1, null);
            _owner.Track(_name, _inner, 0, null, length);
            _inner.SetLength(length);
        }

        public void Flush()
        {
            _owner.Spend(1, null);
            _inner.Flush();
            _owner._unflushed.Remove(_name);
            _owner.Durable?.Invoke(_name);
        }

        public void Dispose()
        {
            _inner.Dispose();
        }

        private void Apply(long position, byte[] buffer, int offset, int count)
        {
            if (_owner.Mode == PowerCutMode.LoseUnflushed)
            {
                _owner.Track(_name, _inner, position, buffer.AsSpan(offset, count).ToArray(), 0);
            }

            _inner.Write(position, buffer, offset, count);
        }
    }
}

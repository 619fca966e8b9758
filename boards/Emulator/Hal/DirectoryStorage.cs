using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>The agent's storage on a desktop directory (the emulator's --state DIR): one plain file per store file,
/// written through FileStream and made durable with an fsync at every Flush, as Close does on the boards.</summary>
public sealed class DirectoryStorage : IFileStorage
{
    public DirectoryStorage(string directory, long capacity = 0)
    {
        Directory = Path.GetFullPath(directory);
        Capacity = capacity;
        Guard(() => System.IO.Directory.CreateDirectory(Directory));
    }

    public string Directory { get; }

    public long Capacity { get; }

    public IStorageFile Open(string name)
    {
        string path = PathOf(name);
        return Guard(() => new DirectoryFile(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read)));
    }

    public bool Exists(string name)
    {
        return File.Exists(PathOf(name));
    }

    public void Delete(string name)
    {
        string path = PathOf(name);
        Guard(() =>
        {
            File.Delete(path);
            return 0;
        });
    }

    public string[] List()
    {
        return Guard(() => System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).ToArray());
    }

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || name == "." || name == "..")
        {
            throw new StorageException("invalid file name '" + name + "'");
        }

        return Path.Combine(Directory, name);
    }

    internal static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new StorageException(e.Message, e);
        }
    }

    private sealed class DirectoryFile : IStorageFile
    {
        private readonly FileStream _stream;

        public DirectoryFile(FileStream stream)
        {
            _stream = stream;
        }

        public long Length => Guard(() => _stream.Length);

        // Read and Write run once per buffer of a download or an install: no closure to allocate on this path.
        public int Read(long position, byte[] buffer, int offset, int count)
        {
            try
            {
                _stream.Position = position;
                return _stream.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new StorageException(e.Message, e);
            }
        }

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            try
            {
                _stream.Position = position;
                _stream.Write(buffer, offset, count);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new StorageException(e.Message, e);
            }
        }

        public void SetLength(long length)
        {
            Guard(() =>
            {
                _stream.SetLength(length);
                return 0;
            });
        }

        public void Flush()
        {
            Guard(() =>
            {
                _stream.Flush(true);
                return 0;
            });
        }

        public void Dispose()
        {
            _stream.Dispose();
        }
    }
}

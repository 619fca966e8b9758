using NanoOmaDm.Agent.Download;

namespace NanoOmaDm.Emulator.Download;

/// <summary>An image in a plain file. The file stays open while the sink lives; <see cref="Flush"/> reaches the disk
/// (fsync), which is what a checkpoint relies on.</summary>
public sealed class FileImageSink : IImageSink, IDisposable
{
    private readonly FileStream _file;

    public FileImageSink(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path));
        _file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
    }

    public string Path { get; }

    public long Length => _file.Length;

    public void Append(byte[] buffer, int offset, int count)
    {
        _file.Seek(0, SeekOrigin.End);
        _file.Write(buffer, offset, count);
    }

    public void Truncate(long length)
    {
        _file.SetLength(length);
    }

    public void Flush()
    {
        _file.Flush(flushToDisk: true);
    }

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        _file.Seek(position, SeekOrigin.Begin);
        return _file.Read(buffer, offset, count);
    }

    public void Dispose()
    {
        _file.Dispose();
    }
}

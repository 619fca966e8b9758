using NanoOmaDm.Agent.Download;

namespace NanoOmaDm.Emulator.Download;

/// <summary>A download checkpoint in a file: each save writes a temporary file, syncs it and renames it over the old
/// one, so after a crash the file holds either the previous or the new checkpoint.</summary>
public sealed class FileCheckpointStore : IDownloadCheckpointStore
{
    public FileCheckpointStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public void Save(DownloadCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        byte[] record = checkpoint.ToBytes();
        string temp = Path + ".tmp";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path));
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(record, 0, record.Length);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, Path, overwrite: true);
    }

    public DownloadCheckpoint Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        byte[] record = File.ReadAllBytes(Path);
        return DownloadCheckpoint.FromBytes(record, 0, record.Length);
    }

    public void Remove()
    {
        File.Delete(Path);
        File.Delete(Path + ".tmp");
    }
}

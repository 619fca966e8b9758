using System.Collections;
using System.Text;
using NanoOmaDm.PackageTool;

namespace NanoOmaDm.Tests.Packages;

/// <summary>A temporary directory with a signing key and payload files, and packages built from them by the
/// PackageTool's writer.</summary>
public sealed class PackageFixture : IDisposable
{
    public const string KeyId = "test-key-1";

    public readonly string Dir = Path.Combine(Path.GetTempPath(), "ndmp-" + Guid.NewGuid().ToString("N"));
    public readonly SigningKey Key = SigningKey.Generate();

    public PackageFixture()
    {
        Directory.CreateDirectory(Dir);
    }

    public Hashtable TrustedKeys()
    {
        var keys = new Hashtable();
        keys[KeyId] = Key.PublicKey;
        return keys;
    }

    public string WritePayload(string name, int size, int seed)
    {
        byte[] data = new byte[size];
        new Random(seed).NextBytes(data);
        string path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    public ComponentSpec[] TwoComponents() => new[]
    {
        new ComponentSpec("app", "Hello app", "1.2.0", "dotnet", WritePayload("app.bin", 5000, 1)),
        new ComponentSpec("cfg", "Config", "7", "data", WritePayload("cfg.bin", 0, 2)),
    };

    public byte[] Build(ComponentSpec[] components, string keyId = KeyId, SigningKey key = null)
    {
        byte[] manifest = PackageWriter.BuildManifest("com.example.pkg", "3.0", components);
        return BuildRaw(manifest, components.Select(c => c.File), keyId, key);
    }

    /// <summary>A container around any manifest text, correctly signed.</summary>
    public byte[] BuildRaw(byte[] manifest, IEnumerable<string> payloadFiles, string keyId = KeyId, SigningKey key = null)
    {
        using var stream = new MemoryStream();
        PackageWriter.Write(stream, key ?? Key, keyId, manifest, payloadFiles);
        return stream.ToArray();
    }

    public byte[] BuildRaw(string manifestText) => BuildRaw(Encoding.UTF8.GetBytes(manifestText), Array.Empty<string>());

    public void Dispose()
    {
        Directory.Delete(Dir, true);
    }
}

using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent.Scomo;

namespace NanoOmaDm.PackageTool;

/// <summary>Writes NDMP containers (layout: <see cref="PackageFormat"/>). The payload hashes come from .NET's SHA-256,
/// independent of the agent's portable one that checks them.</summary>
public static class PackageWriter
{
    public static byte[] BuildManifest(string packageId, string version, IReadOnlyList<ComponentSpec> components)
    {
        var text = new StringBuilder();
        Line(text, PackageFormat.PackageKey, packageId);
        Line(text, PackageFormat.VersionKey, version);
        foreach (ComponentSpec component in components)
        {
            using FileStream file = File.OpenRead(component.File);
            Line(text, PackageFormat.ComponentKey, component.Id);
            Line(text, PackageFormat.NameKey, component.Name);
            Line(text, PackageFormat.VersionKey, component.Version);
            Line(text, PackageFormat.EnvironmentKey, component.Environment);
            Line(text, PackageFormat.SizeKey, file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Line(text, PackageFormat.Sha256Key, Convert.ToHexStringLower(SHA256.HashData(file)));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Writes a container around manifest bytes taken as they are (tests use this to sign invalid ones).</summary>
    public static void Write(Stream output, SigningKey key, string keyId, byte[] manifest, IEnumerable<string> payloadFiles)
    {
        byte[] id = Encoding.UTF8.GetBytes(keyId);
        if (id.Length == 0 || id.Length > PackageFormat.MaxKeyIdLength)
        {
            throw new ArgumentException("key id must be 1.." + PackageFormat.MaxKeyIdLength + " bytes");
        }
        if (manifest.Length == 0 || manifest.Length > PackageFormat.MaxManifestLength)
        {
            throw new ArgumentException("manifest must be 1.." + PackageFormat.MaxManifestLength + " bytes");
        }

        output.Write(PackageFormat.Magic);
        output.WriteByte(PackageFormat.FormatVersion);
        output.WriteByte((byte)id.Length);
        output.Write(id);
        output.Write(key.Sign(manifest));
        output.WriteByte((byte)(manifest.Length >> 8));
        output.WriteByte((byte)manifest.Length);
        output.Write(manifest);
        foreach (string path in payloadFiles)
        {
            using FileStream file = File.OpenRead(path);
            file.CopyTo(output);
        }
    }

    private static void Line(StringBuilder text, string key, string value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('\n') || value.Contains('\r'))
        {
            throw new ArgumentException("'" + key + "' needs a one-line, non-empty value");
        }
        text.Append(key).Append('=').Append(value).Append('\n');
    }
}

using System.Collections;
using System.Text;
using NanoOmaDm.Agent.Scomo;

namespace NanoOmaDm.PackageTool;

/// <summary>The command line: keygen, pack and inspect. Exit codes: 0 success, 1 the package failed verification,
/// 2 usage or input error.</summary>
public static class PackageToolCommand
{
    private const string Usage =
        "usage: PackageTool keygen --out DIR [--name NAME]\n"
        + "       PackageTool pack --key KEYFILE --key-id ID --manifest-id PKGID --version V\n"
        + "                        --component id=ID,name=NAME,version=V,env=ENV,file=PATH [--component ...] --out FILE\n"
        + "       PackageTool inspect FILE [--trusted [ID=]PUBKEYFILE ...]";

    public static int Run(string[] args, TextWriter output)
    {
        try
        {
            string command = args.Length > 0 ? args[0] : "";
            string[] rest = args.Length > 0 ? args[1..] : Array.Empty<string>();
            switch (command)
            {
                case "keygen":
                    return Keygen(rest, output);
                case "pack":
                    return Pack(rest, output);
                case "inspect":
                    return Inspect(rest, output);
                default:
                    output.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException or UnauthorizedAccessException)
        {
            output.WriteLine("error: " + e.Message);
            return 2;
        }
    }

    private static int Keygen(string[] args, TextWriter output)
    {
        string dir = null;
        string name = "package-signing";
        for (int i = 0; i < args.Length; i += 2)
        {
            string value = Value(args, i);
            switch (args[i])
            {
                case "--out": dir = value; break;
                case "--name": name = value; break;
                default: throw new ArgumentException("keygen: unknown option " + args[i]);
            }
        }
        if (dir == null)
        {
            throw new ArgumentException("keygen: --out DIR is required");
        }

        Directory.CreateDirectory(dir);
        SigningKey key = SigningKey.Generate();
        string keyFile = Path.Combine(dir, name + ".key");
        string publicFile = Path.Combine(dir, name + ".pub");
        File.WriteAllText(keyFile, Convert.ToHexStringLower(key.Seed) + "\n");
        File.WriteAllText(publicFile, Convert.ToHexStringLower(key.PublicKey) + "\n");
        output.WriteLine("private key: " + keyFile);
        output.WriteLine("public key:  " + publicFile + " (" + Convert.ToHexStringLower(key.PublicKey) + ")");
        return 0;
    }

    private static int Pack(string[] args, TextWriter output)
    {
        string keyFile = null, keyId = null, packageId = null, version = null, outFile = null;
        var components = new List<ComponentSpec>();
        for (int i = 0; i < args.Length; i += 2)
        {
            string value = Value(args, i);
            switch (args[i])
            {
                case "--key": keyFile = value; break;
                case "--key-id": keyId = value; break;
                case "--manifest-id": packageId = value; break;
                case "--version": version = value; break;
                case "--out": outFile = value; break;
                case "--component": components.Add(ParseComponent(value)); break;
                default: throw new ArgumentException("pack: unknown option " + args[i]);
            }
        }
        if (keyFile == null || keyId == null || packageId == null || version == null || outFile == null || components.Count == 0)
        {
            throw new ArgumentException("pack: --key, --key-id, --manifest-id, --version, --out and a --component are required");
        }
        if (components.Count > PackageFormat.MaxComponents)
        {
            throw new ArgumentException("pack: at most " + PackageFormat.MaxComponents + " components");
        }

        SigningKey key = SigningKey.Load(keyFile);
        byte[] manifest = PackageWriter.BuildManifest(packageId, version, components);
        using (FileStream file = File.Create(outFile))
        {
            PackageWriter.Write(file, key, keyId, manifest, components.Select(c => c.File));
        }
        output.WriteLine("wrote " + outFile + " (" + new FileInfo(outFile).Length + " bytes, " + components.Count
            + " component(s), manifest " + manifest.Length + " bytes, key id " + keyId + ")");
        return 0;
    }

    private static int Inspect(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("inspect: FILE is required");
        }
        string path = args[0];
        var trusted = new List<string>();
        for (int i = 1; i < args.Length; i += 2)
        {
            string value = Value(args, i);
            if (args[i] != "--trusted")
            {
                throw new ArgumentException("inspect: unknown option " + args[i]);
            }
            trusted.Add(value);
        }

        byte[] bytes = File.ReadAllBytes(path);
        if (!TryReadHeader(bytes, out string keyId, out byte[] manifest, out string problem))
        {
            output.WriteLine("not an NDMP format " + PackageFormat.FormatVersion + " package: " + problem);
            return 1;
        }
        output.WriteLine("package " + path + " (" + bytes.Length + " bytes), signed with key id " + keyId);
        output.WriteLine("manifest (" + manifest.Length + " bytes):");
        foreach (string line in Encoding.UTF8.GetString(manifest).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine("  " + line);
        }

        if (trusted.Count == 0)
        {
            output.WriteLine("verification: not checked (no --trusted key)");
            return 0;
        }
        var keys = new Hashtable();
        foreach (string entry in trusted)
        {
            int equals = entry.IndexOf('=');
            string id = equals > 0 ? entry[..equals] : keyId;
            keys[id] = SigningKey.ReadHexFile(equals > 0 ? entry[(equals + 1)..] : entry);
        }
        var reader = new PackageReader(keys, 4096);
        using FileStream stream = File.OpenRead(path);
        PackageResult result = reader.Verify(stream);
        output.WriteLine("verification: " + result + " (SCOMO result " + PackageResultCodes.ToScomoResultCode(result) + ")");
        return result == PackageResult.Ok ? 0 : 1;
    }

    private static bool TryReadHeader(byte[] bytes, out string keyId, out byte[] manifest, out string problem)
    {
        keyId = null;
        manifest = null;
        byte[] magic = PackageFormat.Magic;
        if (bytes.Length < 6 || !bytes.AsSpan(0, 4).SequenceEqual(magic) || bytes[4] != PackageFormat.FormatVersion)
        {
            problem = "bad magic or format";
            return false;
        }
        int idLength = bytes[5];
        int manifestAt = 6 + idLength + PackageFormat.SignatureLength + 2;
        if (bytes.Length < manifestAt)
        {
            problem = "truncated header";
            return false;
        }
        keyId = Encoding.UTF8.GetString(bytes, 6, idLength);
        int manifestLength = (bytes[manifestAt - 2] << 8) | bytes[manifestAt - 1];
        if (bytes.Length < manifestAt + manifestLength)
        {
            problem = "truncated manifest";
            return false;
        }
        manifest = bytes.AsSpan(manifestAt, manifestLength).ToArray();
        problem = null;
        return true;
    }

    private static ComponentSpec ParseComponent(string text)
    {
        var fields = new Dictionary<string, string>();
        foreach (string part in text.Split(','))
        {
            int equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentException("--component: '" + part + "' is not key=value");
            }
            fields[part[..equals]] = part[(equals + 1)..];
        }
        string Field(string name) => fields.TryGetValue(name, out string value) && value.Length > 0
            ? value
            : throw new ArgumentException("--component needs " + name + "=");
        return new ComponentSpec(Field("id"), Field("name"), Field("version"), Field("env"), Field("file"));
    }

    private static string Value(string[] args, int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException("option " + args[i] + " needs a value");
        }
        return args[i + 1];
    }
}

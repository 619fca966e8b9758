using System.Text;
using NanoOmaDm.PackageTool;
using Xunit;

namespace NanoOmaDm.Tests.Packages;

public class PackageToolTests : IDisposable
{
    private readonly PackageFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static (int Code, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        int code = PackageToolCommand.Run(args, output);
        return (code, output.ToString());
    }

    [Fact]
    public void KeygenPackInspectRoundTrip()
    {
        string keys = Path.Combine(_fixture.Dir, "keys");
        Assert.Equal(0, Run("keygen", "--out", keys, "--name", "signer").Code);
        byte[] seed = Convert.FromHexString(File.ReadAllText(Path.Combine(keys, "signer.key")).Trim());
        byte[] publicKey = Convert.FromHexString(File.ReadAllText(Path.Combine(keys, "signer.pub")).Trim());
        Assert.Equal(BouncyCastleOracle.PublicKey(seed), publicKey);

        string app = _fixture.WritePayload("app.bin", 70_000, 9);
        string data = _fixture.WritePayload("data.bin", 10, 10);
        string package = Path.Combine(_fixture.Dir, "out.ndmp");
        var pack = Run("pack", "--key", Path.Combine(keys, "signer.key"), "--key-id", "k1", "--manifest-id", "demo.pkg",
            "--version", "1.0", "--component", "id=app,name=Demo app,version=2.1,env=dotnet,file=" + app,
            "--component", "id=data,name=Data,version=1,env=data,file=" + data, "--out", package);
        Assert.Equal(0, pack.Code);
        Assert.Equal(6 + 2 + 64 + 2 + 70_010, new FileInfo(package).Length - ManifestLength(package));

        var inspect = Run("inspect", package, "--trusted", Path.Combine(keys, "signer.pub"));
        Assert.Equal(0, inspect.Code);
        Assert.Contains("signed with key id k1", inspect.Output);
        Assert.Contains("package=demo.pkg", inspect.Output);
        Assert.Contains("name=Demo app", inspect.Output);
        Assert.Contains("verification: Ok (SCOMO result 1200)", inspect.Output);

        Assert.Contains("not checked", Run("inspect", package).Output);

        var unknown = Run("inspect", package, "--trusted", "k2=" + Path.Combine(keys, "signer.pub"));
        Assert.Equal(1, unknown.Code);
        Assert.Contains("UnknownKey (SCOMO result 1407)", unknown.Output);

        byte[] bytes = File.ReadAllBytes(package);
        bytes[^1] ^= 1;
        File.WriteAllBytes(package, bytes);
        var tampered = Run("inspect", package, "--trusted", Path.Combine(keys, "signer.pub"));
        Assert.Equal(1, tampered.Code);
        Assert.Contains("PayloadHashMismatch (SCOMO result 1407)", tampered.Output);
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, Run().Code);
        Assert.Equal(2, Run("pack", "--key").Code);
        Assert.Equal(2, Run("pack", "--key", "x.key").Code);
        Assert.Equal(2, Run("pack", "--key", "missing.key", "--key-id", "k", "--manifest-id", "p", "--version", "1",
            "--component", "id=a,name=b,version=1,env=e,file=missing.bin", "--out", Path.Combine(_fixture.Dir, "o")).Code);
        Assert.Equal(2, Run("pack", "--component", "id=a,name=b").Code);
        Assert.Equal(2, Run("inspect").Code);
        Assert.Equal(2, Run("keygen", "--bogus", "x").Code);
    }

    private static int ManifestLength(string package)
    {
        byte[] bytes = File.ReadAllBytes(package);
        int at = 6 + bytes[5] + 64;
        return (bytes[at] << 8) | bytes[at + 1];
    }
}

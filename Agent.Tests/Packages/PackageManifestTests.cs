using System.Text;
using NanoOmaDm.Agent.Scomo;
using Xunit;

namespace NanoOmaDm.Tests.Packages;

/// <summary>Manifests that are correctly signed but invalid must be refused (ManifestInvalid, SCOMO 1407).</summary>
public class PackageManifestTests : IDisposable
{
    private const string Hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Valid = "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n";

    private readonly PackageFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TheReferenceManifestIsValid()
    {
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);
        Assert.Equal(PackageResult.Ok, reader.Verify(new MemoryStream(_fixture.BuildRaw(Valid))));
        PackageComponent c = reader.Manifest.Components[0];
        Assert.Equal(("c", "n", "2", "dotnet", 0L), (c.Id, c.Name, c.Version, c.Environment, c.Size));
        Assert.Equal(Convert.FromHexString(Hash), c.Sha256);
    }

    [Theory]
    [InlineData("no final newline", "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash)]
    [InlineData("no components", "package=p\nversion=1\n")]
    [InlineData("component before package", "component=c\npackage=p\nversion=1\n")]
    [InlineData("missing sha256", "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\n")]
    [InlineData("duplicate field", "package=p\nversion=1\ncomponent=c\nname=n\nname=m\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n")]
    [InlineData("unknown key", "package=p\nversion=1\nx=y\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n")]
    [InlineData("empty value", "package=\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n")]
    [InlineData("no equals", "package p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n")]
    [InlineData("CR in line", "package=p\r\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n")]
    [InlineData("negative size", "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=-1\nsha256=" + Hash + "\n")]
    [InlineData("size over 2^31-1", "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=2147483648\nsha256=" + Hash + "\n")]
    [InlineData("short hash", "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=e3b0\n")]
    [InlineData("bad hex", "package=p\nversion=1\ncomponent=c\nname=n\nversion=2\nenv=dotnet\nsize=0\nsha256=g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")]
    public void RejectsInvalidManifests(string why, string text)
    {
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);
        Assert.True(PackageResult.ManifestInvalid == reader.Verify(new MemoryStream(_fixture.BuildRaw(text))), why);
        Assert.Null(reader.Manifest);
    }

    [Fact]
    public void RejectsDuplicateComponentIdsAndTooManyComponents()
    {
        string component = "name=n\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n";
        string twice = "package=p\nversion=1\ncomponent=c\n" + component + "component=c\n" + component;
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);
        Assert.Equal(PackageResult.ManifestInvalid, reader.Verify(new MemoryStream(_fixture.BuildRaw(twice))));

        var many = new StringBuilder("package=p\nversion=1\n");
        for (int i = 0; i <= PackageFormat.MaxComponents; i++)
        {
            many.Append("component=c").Append(i).Append('\n').Append(component);
        }
        Assert.Equal(PackageResult.ManifestInvalid, reader.Verify(new MemoryStream(_fixture.BuildRaw(many.ToString()))));
        Assert.Null(PackageManifest.Parse(new byte[0], 0, 0));
        Assert.Null(PackageManifest.Parse(null, 0, 1));
    }

    [Fact]
    public void ValueLengthIsBounded()
    {
        string longName = new string('n', PackageFormat.MaxValueLength + 1);
        string text = "package=p\nversion=1\ncomponent=c\nname=" + longName + "\nversion=2\nenv=dotnet\nsize=0\nsha256=" + Hash + "\n";
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Assert.Null(PackageManifest.Parse(bytes, 0, bytes.Length));
        byte[] fits = Encoding.UTF8.GetBytes(text.Replace(longName, longName[1..]));
        Assert.NotNull(PackageManifest.Parse(fits, 0, fits.Length));
    }
}

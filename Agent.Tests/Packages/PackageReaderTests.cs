using System.Collections;
using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.PackageTool;
using Xunit;

namespace NanoOmaDm.Tests.Packages;

public class PackageReaderTests : IDisposable
{
    private readonly PackageFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void ReadsAndAuthenticatesAPackageStreamingPayloadsToOutputs()
    {
        ComponentSpec[] components = _fixture.TwoComponents();
        byte[] package = _fixture.Build(components);
        var reader = new PackageReader(_fixture.TrustedKeys(), 256);
        using var input = new MemoryStream(package);

        Assert.Equal(PackageResult.Ok, reader.ReadManifest(input));
        Assert.Equal(PackageFixture.KeyId, reader.KeyId);
        PackageManifest manifest = reader.Manifest;
        Assert.Equal("com.example.pkg", manifest.PackageId);
        Assert.Equal("3.0", manifest.Version);
        Assert.Equal(2, manifest.Components.Length);
        for (int i = 0; i < components.Length; i++)
        {
            PackageComponent c = manifest.Components[i];
            byte[] expected = File.ReadAllBytes(components[i].File);
            Assert.Equal((components[i].Id, components[i].Name, components[i].Version, components[i].Environment),
                (c.Id, c.Name, c.Version, c.Environment));
            Assert.Equal(expected.Length, c.Size);
            Assert.Equal(SHA256.HashData(expected), c.Sha256);

            Assert.Equal(i, reader.NextComponent);
            using var output = new MemoryStream();
            Assert.Equal(PackageResult.Ok, reader.ReadPayload(input, output));
            Assert.Equal(expected, output.ToArray());
        }
        Assert.Equal(PackageResult.Ok, reader.ReadEnd(input));
    }

    [Fact]
    public void WorksThroughAStreamThatDeliversOneByteAtATime()
    {
        byte[] package = _fixture.Build(_fixture.TwoComponents());
        var reader = new PackageReader(_fixture.TrustedKeys(), 1);
        Assert.Equal(PackageResult.Ok, reader.Verify(new TrickleStream(package)));
    }

    [Fact]
    public void AnyChangedPayloadByteIsAHashMismatch()
    {
        ComponentSpec[] components = _fixture.TwoComponents();
        byte[] package = _fixture.Build(components);
        int payloadStart = package.Length - (int)new FileInfo(components[0].File).Length - (int)new FileInfo(components[1].File).Length;
        var reader = new PackageReader(_fixture.TrustedKeys(), 512);
        foreach (int at in new[] { payloadStart, payloadStart + 1234, package.Length - 1 })
        {
            byte[] bad = (byte[])package.Clone();
            bad[at] ^= 0x01;
            Assert.Equal(PackageResult.PayloadHashMismatch, reader.Verify(new MemoryStream(bad)));
        }
    }

    [Fact]
    public void AnyChangedManifestOrSignatureByteFailsTheSignature()
    {
        byte[] package = _fixture.Build(_fixture.TwoComponents());
        int signatureAt = 6 + PackageFixture.KeyId.Length;
        int manifestAt = signatureAt + 64 + 2;
        int manifestLength = (package[manifestAt - 2] << 8) | package[manifestAt - 1];
        var reader = new PackageReader(_fixture.TrustedKeys(), 512);
        for (int at = signatureAt; at < manifestAt + manifestLength; at++)
        {
            if (at == manifestAt - 2 || at == manifestAt - 1)
            {
                continue; // the length field: covered by the truncation and length tests
            }
            byte[] bad = (byte[])package.Clone();
            bad[at] ^= 0x20;
            PackageResult result = reader.Verify(new MemoryStream(bad));
            Assert.True(result == PackageResult.BadSignature, "byte " + at + ": " + result);
            Assert.Null(reader.Manifest);
        }
    }

    [Fact]
    public void UnknownKeyIdAndWrongKeyAreDistinguished()
    {
        byte[] package = _fixture.Build(_fixture.TwoComponents());
        var other = new Hashtable { ["other-key"] = _fixture.Key.PublicKey };
        Assert.Equal(PackageResult.UnknownKey, new PackageReader(other, 64).Verify(new MemoryStream(package)));

        var wrong = new Hashtable { [PackageFixture.KeyId] = SigningKey.Generate().PublicKey };
        Assert.Equal(PackageResult.BadSignature, new PackageReader(wrong, 64).Verify(new MemoryStream(package)));

        var malformed = new Hashtable { [PackageFixture.KeyId] = new byte[31] };
        Assert.Equal(PackageResult.UnknownKey, new PackageReader(malformed, 64).Verify(new MemoryStream(package)));

        byte[] signedByOther = _fixture.Build(_fixture.TwoComponents(), key: SigningKey.Generate());
        Assert.Equal(PackageResult.BadSignature, new PackageReader(_fixture.TrustedKeys(), 64).Verify(new MemoryStream(signedByOther)));
    }

    [Fact]
    public void EveryTruncationFailsCleanly()
    {
        var components = new[] { new ComponentSpec("a", "A", "1", "dotnet", _fixture.WritePayload("a.bin", 300, 3)) };
        byte[] package = _fixture.Build(components);
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);
        for (int length = 0; length < package.Length; length++)
        {
            Assert.Equal(PackageResult.Truncated, reader.Verify(new MemoryStream(package, 0, length)));
        }
        Assert.Equal(PackageResult.Ok, reader.Verify(new MemoryStream(package)));
    }

    [Fact]
    public void HeaderChecks()
    {
        byte[] package = _fixture.Build(_fixture.TwoComponents());
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);

        Assert.Equal(PackageResult.TrailingData, reader.Verify(new MemoryStream(package.Concat(new byte[] { 0 }).ToArray())));
        Assert.Equal(PackageResult.BadMagic, reader.Verify(new MemoryStream(Patch(package, 0, (byte)'X'))));
        Assert.Equal(PackageResult.UnsupportedFormat, reader.Verify(new MemoryStream(Patch(package, 4, 2))));
        Assert.Equal(PackageResult.BadLength, reader.Verify(new MemoryStream(Patch(package, 5, 0))));
        Assert.Equal(PackageResult.BadLength, reader.Verify(new MemoryStream(Patch(package, 5, PackageFormat.MaxKeyIdLength + 1))));
        int lengthAt = 6 + PackageFixture.KeyId.Length + 64;
        byte[] huge = Patch(Patch(package, lengthAt, (byte)((PackageFormat.MaxManifestLength + 1) >> 8)), lengthAt + 1,
            unchecked((byte)(PackageFormat.MaxManifestLength + 1)));
        Assert.Equal(PackageResult.BadLength, reader.Verify(new MemoryStream(huge)));
        Assert.Equal(PackageResult.BadLength, reader.Verify(new MemoryStream(Patch(Patch(package, lengthAt, 0), lengthAt + 1, 0))));
    }

    [Fact]
    public void StreamFailuresAreResultsNotExceptions()
    {
        byte[] package = _fixture.Build(_fixture.TwoComponents());
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);
        Assert.Equal(PackageResult.ReadFailed, reader.Verify(new FailingStream(package, failReadAt: 10)));
        Assert.Equal(PackageResult.ReadFailed, reader.Verify(new FailingStream(package, failReadAt: package.Length - 100)));

        var input = new MemoryStream(package);
        Assert.Equal(PackageResult.Ok, reader.ReadManifest(input));
        Assert.Equal(PackageResult.WriteFailed, reader.ReadPayload(input, new FailingStream(Array.Empty<byte>(), failReadAt: 0)));
    }

    [Fact]
    public void ReadingPastTheLastPayloadIsAProgrammingError()
    {
        var reader = new PackageReader(_fixture.TrustedKeys(), 64);
        Assert.Throws<InvalidOperationException>(() => reader.ReadPayload(new MemoryStream(), null));
        var input = new MemoryStream(_fixture.Build(_fixture.TwoComponents()));
        Assert.Equal(PackageResult.Ok, reader.ReadManifest(input));
        Assert.Equal(PackageResult.Ok, reader.ReadPayload(input, null));
        Assert.Equal(PackageResult.Ok, reader.ReadPayload(input, null));
        Assert.Throws<InvalidOperationException>(() => reader.ReadPayload(input, null));
    }

    [Theory]
    [InlineData(PackageResult.Ok, 1200)]
    [InlineData(PackageResult.BadSignature, 1407)]
    [InlineData(PackageResult.UnknownKey, 1407)]
    [InlineData(PackageResult.PayloadHashMismatch, 1407)]
    [InlineData(PackageResult.ManifestInvalid, 1407)]
    [InlineData(PackageResult.Truncated, 1407)]
    [InlineData(PackageResult.ReadFailed, 1405)]
    [InlineData(PackageResult.WriteFailed, 1406)]
    public void MapsToScomoResultCodes(PackageResult result, int code)
    {
        Assert.Equal(code, PackageResultCodes.ToScomoResultCode(result));
    }

    private static byte[] Patch(byte[] data, int at, byte value)
    {
        byte[] copy = (byte[])data.Clone();
        copy[at] = value;
        return copy;
    }

    private sealed class TrickleStream : MemoryStream
    {
        public TrickleStream(byte[] data) : base(data) { }

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }

    private sealed class FailingStream : MemoryStream
    {
        private readonly int _failAt;

        public FailingStream(byte[] data, int failReadAt) : base(data) => _failAt = failReadAt;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position + count > _failAt)
            {
                throw new IOException("device error");
            }
            return base.Read(buffer, offset, count);
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("storage full");
    }
}

using System.Security.Cryptography;
using System.Text;
using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Packages;

public class Sha512Tests
{
    [Theory]
    // FIPS 180-2 appendix C examples and the empty message.
    [InlineData("", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    [InlineData("abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    public void FipsExamples(string message, string expectedHex)
    {
        byte[] data = Encoding.ASCII.GetBytes(message);
        byte[] digest = Sha512.Hash(data, 0, data.Length);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
        Assert.Equal(SHA512.HashData(data), digest);
    }

    [Fact]
    public void OneMillionAInOddChunks()
    {
        byte[] chunk = new byte[997];
        Array.Fill(chunk, (byte)'a');
        var sha = new Sha512();
        int left = 1_000_000;
        while (left > 0)
        {
            int n = Math.Min(left, chunk.Length);
            sha.Update(chunk, 0, n);
            left -= n;
        }
        Assert.Equal(1_000_000, sha.Length);
        byte[] digest = new byte[64];
        sha.Final(digest, 0);
        Assert.Equal("e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
            Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void MatchesDotNetForEveryLengthAroundTheBlockBoundariesAndAnySplit()
    {
        var random = new Random(512);
        var sha = new Sha512();
        byte[] digest = new byte[80];
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            int split = length == 0 ? 0 : random.Next(length + 1);
            sha.Update(data, 0, split);
            sha.Update(data, split, length - split);
            sha.Final(digest, 7);
            Assert.Equal(SHA512.HashData(data), digest.AsSpan(7, 64).ToArray());
        }
    }

    [Fact]
    public void RejectsBadRanges()
    {
        var sha = new Sha512();
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Update(new byte[4], 2, 3));
        Assert.Throws<ArgumentNullException>(() => sha.Update(null, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Final(new byte[63], 0));
    }
}

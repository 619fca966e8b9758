using System.Numerics;
using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Packages;

public class Ed25519VerifierTests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    public static TheoryData<Rfc8032Vector> Vectors()
    {
        var data = new TheoryData<Rfc8032Vector>();
        foreach (Rfc8032Vector v in Rfc8032Vector.All)
        {
            data.Add(v);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void AcceptsRfc8032Vectors(Rfc8032Vector v)
    {
        byte[] seed = Convert.FromHexString(v.Seed);
        byte[] key = Convert.FromHexString(v.PublicKey);
        byte[] message = Convert.FromHexString(v.Message);
        byte[] signature = Convert.FromHexString(v.Signature);
        // The transcription of the vectors is checked by the oracle: same key and (deterministic) signature.
        Assert.Equal(key, BouncyCastleOracle.PublicKey(seed));
        Assert.Equal(signature, BouncyCastleOracle.Sign(seed, message));

        Assert.True(new Ed25519Verifier().Verify(signature, key, message, 0, message.Length));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void StreamedMessageInSmallPiecesVerifies(Rfc8032Vector v)
    {
        byte[] key = Convert.FromHexString(v.PublicKey);
        byte[] message = Convert.FromHexString(v.Message);
        byte[] signature = Convert.FromHexString(v.Signature);
        var verifier = new Ed25519Verifier();
        Assert.True(verifier.Begin(signature, 0, key, 0));
        for (int i = 0; i < message.Length; i += 7)
        {
            verifier.Update(message, i, Math.Min(7, message.Length - i));
        }
        Assert.True(verifier.Verify());
    }

    [Fact]
    public void AcceptsRandomSignaturesOfTheOracleAndRejectsThemForAnotherMessage()
    {
        var random = new Random(25519);
        var verifier = new Ed25519Verifier();
        for (int round = 0; round < 40; round++)
        {
            byte[] seed = new byte[32];
            random.NextBytes(seed);
            byte[] message = new byte[random.Next(0, 400)];
            random.NextBytes(message);
            byte[] key = BouncyCastleOracle.PublicKey(seed);
            byte[] signature = BouncyCastleOracle.Sign(seed, message);

            // Signature and key are read at an offset to exercise the range arguments.
            byte[] signatureAt3 = new byte[67];
            Array.Copy(signature, 0, signatureAt3, 3, 64);
            byte[] keyAt5 = new byte[40];
            Array.Copy(key, 0, keyAt5, 5, 32);
            Assert.True(verifier.Begin(signatureAt3, 3, keyAt5, 5));
            verifier.Update(message, 0, message.Length);
            Assert.True(verifier.Verify(), "round " + round);

            byte[] other = (byte[])message.Clone();
            Array.Resize(ref other, other.Length + 1);
            Assert.False(verifier.Verify(signature, key, other, 0, other.Length));
            Assert.False(BouncyCastleOracle.Verify(key, other, signature));
        }
    }

    [Fact]
    public void RejectsEverySingleBitFlipOfSignatureAndKey()
    {
        Rfc8032Vector v = Rfc8032Vector.All[2];
        byte[] key = Convert.FromHexString(v.PublicKey);
        byte[] message = Convert.FromHexString(v.Message);
        byte[] signature = Convert.FromHexString(v.Signature);
        var verifier = new Ed25519Verifier();
        for (int bit = 0; bit < 64 * 8; bit++)
        {
            byte[] bad = (byte[])signature.Clone();
            bad[bit >> 3] ^= (byte)(1 << (bit & 7));
            Assert.False(verifier.Verify(bad, key, message, 0, message.Length), "signature bit " + bit);
        }
        for (int bit = 0; bit < 32 * 8; bit++)
        {
            byte[] bad = (byte[])key.Clone();
            bad[bit >> 3] ^= (byte)(1 << (bit & 7));
            Assert.False(verifier.Verify(signature, bad, message, 0, message.Length), "key bit " + bit);
        }
        for (int bit = 0; bit < message.Length * 8; bit++)
        {
            byte[] bad = (byte[])message.Clone();
            bad[bit >> 3] ^= (byte)(1 << (bit & 7));
            Assert.False(verifier.Verify(signature, key, bad, 0, bad.Length), "message bit " + bit);
        }
        Assert.True(verifier.Verify(signature, key, message, 0, message.Length));
    }

    [Fact]
    public void RejectsNonCanonicalS()
    {
        foreach (Rfc8032Vector v in Rfc8032Vector.All)
        {
            byte[] key = Convert.FromHexString(v.PublicKey);
            byte[] message = Convert.FromHexString(v.Message);
            byte[] signature = Convert.FromHexString(v.Signature);
            BigInteger s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true);
            // S + L is the same scalar modulo L: the group equation holds, only the range check can refuse it.
            byte[] malleable = (byte[])signature.Clone();
            Assert.True((s + L).TryWriteBytes(malleable.AsSpan(32, 32), out _, isUnsigned: true));
            var verifier = new Ed25519Verifier();
            Assert.False(verifier.Begin(malleable, 0, key, 0));
            verifier.Update(message, 0, message.Length);
            Assert.False(verifier.Verify());
        }

        byte[] exactlyL = new byte[64];
        L.TryWriteBytes(exactlyL.AsSpan(32, 32), out _, isUnsigned: true);
        Assert.False(new Ed25519Verifier().Begin(exactlyL, 0, Convert.FromHexString(Rfc8032Vector.All[0].PublicKey), 0));
    }

    [Fact]
    public void RejectsInvalidPublicKeyEncodings()
    {
        var verifier = new Ed25519Verifier();
        byte[] signature = Convert.FromHexString(Rfc8032Vector.All[0].Signature);

        // y = p + 1 is a non-canonical encoding of y = 1 (the neutral point, which is itself encodable); every y from
        // p to 2^255 - 1 is non-canonical.
        Assert.True(verifier.Begin(signature, 0, Little(1), 0));
        for (BigInteger y = P; y < BigInteger.Pow(2, 255); y++)
        {
            Assert.False(verifier.Begin(signature, 0, Little(y), 0), "y = p + " + (y - P));
        }

        // x = 0 with the sign bit set.
        byte[] negativeZero = Little(1);
        negativeZero[31] |= 0x80;
        Assert.False(verifier.Begin(signature, 0, negativeZero, 0));

        // The first y for which x^2 = (y^2 - 1) / (d y^2 + 1) has no square root: not a curve point.
        BigInteger d = Mod(-121665 * BigInteger.ModPow(121666, P - 2, P));
        for (int y = 2; ; y++)
        {
            BigInteger x2 = Mod((BigInteger)y * y - 1) * BigInteger.ModPow(Mod(d * y * y + 1), P - 2, P) % P;
            bool square = x2.IsZero || BigInteger.ModPow(x2, (P - 1) / 2, P).IsOne;
            Assert.Equal(square, verifier.Begin(signature, 0, Little(y), 0));
            if (!square)
            {
                break;
            }
        }
    }

    [Fact]
    public void VerifyWithoutBeginIsFalse()
    {
        Assert.False(new Ed25519Verifier().Verify());
    }

    private static BigInteger Mod(BigInteger value) => ((value % P) + P) % P;

    private static byte[] Little(BigInteger value)
    {
        byte[] bytes = new byte[32];
        Assert.True(value.TryWriteBytes(bytes, out _, isUnsigned: true));
        return bytes;
    }
}

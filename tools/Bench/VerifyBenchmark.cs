using System.Diagnostics;
using System.Security.Cryptography;
using NanoOmaDm.Agent.Security;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace NanoOmaDm.Bench;

/// <summary>verify [--seconds N]: cost of package verification on this machine. The agent's portable Ed25519
/// verifier against BouncyCastle's (same key, message and signature), and the portable SHA-256 / SHA-512 against
/// .NET's, each measured in the same run.</summary>
public sealed class VerifyBenchmark : IBenchmark
{
    private const int ManifestSize = 1024;
    private const int HashChunk = 4096;
    private const int HashBytes = 4 << 20;

    public string Name => "verify";

    public string Description => "Ed25519 verifies/s and SHA-256/512 MB/s, portable vs BouncyCastle/.NET: --seconds N (2)";

    public int Run(string[] args)
    {
        double seconds = 2;
        if (args.Length == 2 && args[0] == "--seconds" && int.TryParse(args[1], out int s) && s > 0)
        {
            seconds = s;
        }
        else if (args.Length != 0)
        {
            Console.Error.WriteLine("verify: usage: verify [--seconds N]");
            return 2;
        }

        var random = new Random(8032);
        byte[] seed = new byte[32];
        random.NextBytes(seed);
        byte[] manifest = new byte[ManifestSize];
        random.NextBytes(manifest);
        var privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        Ed25519PublicKeyParameters publicKey = privateKey.GeneratePublicKey();
        byte[] key = publicKey.GetEncoded();
        var signer = new Ed25519Signer();
        signer.Init(true, privateKey);
        signer.BlockUpdate(manifest, 0, manifest.Length);
        byte[] signature = signer.GenerateSignature();

        var portable = new Ed25519Verifier();
        var bouncy = new Ed25519Signer();
        (double portableRate, double bouncyRate) = Compare(seconds,
            () =>
            {
                if (!portable.Verify(signature, key, manifest, 0, manifest.Length))
                {
                    throw new InvalidOperationException("portable verifier rejected a valid signature");
                }
            },
            () =>
            {
                bouncy.Init(false, publicKey);
                bouncy.BlockUpdate(manifest, 0, manifest.Length);
                if (!bouncy.VerifySignature(signature))
                {
                    throw new InvalidOperationException("BouncyCastle rejected a valid signature");
                }
            });
        Console.WriteLine("Ed25519 verify of a " + ManifestSize + "-byte manifest:");
        Console.WriteLine($"  portable (Agent/Security)  {portableRate,10:F0} verifies/s  ({1000 / portableRate:F2} ms each)");
        Console.WriteLine($"  BouncyCastle 1.8.10        {bouncyRate,10:F0} verifies/s  ({1000 / bouncyRate:F2} ms each)");
        Console.WriteLine($"  portable / BouncyCastle    {portableRate / bouncyRate,10:F2}");

        byte[] data = new byte[HashBytes];
        random.NextBytes(data);
        var sha256 = new Sha256();
        byte[] digest = new byte[64];
        using var net256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        (double portable256, double dotnet256) = Compare(seconds,
            () => HashInChunks(data, (b, o, c) => sha256.Update(b, o, c), () => sha256.Final(digest, 0)),
            () => HashInChunks(data, (b, o, c) => net256.AppendData(b, o, c), () => net256.GetHashAndReset()));
        var sha512 = new Sha512();
        using var net512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        (double portable512, double dotnet512) = Compare(seconds,
            () => HashInChunks(data, (b, o, c) => sha512.Update(b, o, c), () => sha512.Final(digest, 0)),
            () => HashInChunks(data, (b, o, c) => net512.AppendData(b, o, c), () => net512.GetHashAndReset()));
        portable256 *= HashBytes / 1e6;
        dotnet256 *= HashBytes / 1e6;
        portable512 *= HashBytes / 1e6;
        dotnet512 *= HashBytes / 1e6;
        Console.WriteLine("Payload hashing in " + HashChunk + "-byte chunks:");
        Console.WriteLine($"  SHA-256 portable {portable256,8:F0} MB/s   .NET {dotnet256,8:F0} MB/s   ratio {portable256 / dotnet256:F2}");
        Console.WriteLine($"  SHA-512 portable {portable512,8:F0} MB/s   .NET {dotnet512,8:F0} MB/s   ratio {portable512 / dotnet512:F2}");
        return 0;
    }

    private static void HashInChunks(byte[] data, Action<byte[], int, int> update, Action final)
    {
        for (int offset = 0; offset < data.Length; offset += HashChunk)
        {
            update(data, offset, HashChunk);
        }
        final();
    }

    /// <summary>Operations per second of each, after one untimed warm-up call of each. The two alternate in short
    /// rounds so that a change of machine load affects both alike and the ratio stays meaningful.</summary>
    private static (double A, double B) Compare(double seconds, Action a, Action b)
    {
        const int Rounds = 20;
        a();
        b();
        long countA = 0, countB = 0;
        double timeA = 0, timeB = 0;
        for (int round = 0; round < Rounds; round++)
        {
            (long n, double t) = Measure(seconds / Rounds, a);
            countA += n;
            timeA += t;
            (n, t) = Measure(seconds / Rounds, b);
            countB += n;
            timeB += t;
        }
        return (countA / timeA, countB / timeB);
    }

    private static (long Count, double Seconds) Measure(double seconds, Action operation)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        do
        {
            operation();
            count++;
        }
        while (watch.Elapsed.TotalSeconds < seconds);
        return (count, watch.Elapsed.TotalSeconds);
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NanoOmaDm.FaultServer;

/// <summary>Deterministic file contents: byte i of the file with a given seed is a pure function of (seed, i), so any
/// range can be produced without storing the file, and a test can compute the expected bytes and SHA-256 itself.</summary>
public static class GeneratedContent
{
    /// <summary>Writes bytes [position, position + count) of the content with <paramref name="seed"/>.</summary>
    public static void Fill(long seed, long position, Span<byte> destination)
    {
        Span<byte> word = stackalloc byte[8];
        int done = 0;
        while (done < destination.Length)
        {
            long at = position + done;
            long index = at >> 3;
            int within = (int)(at & 7);
            BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(seed, index));
            int take = Math.Min(8 - within, destination.Length - done);
            word.Slice(within, take).CopyTo(destination.Slice(done));
            done += take;
        }
    }

    public static byte[] Bytes(long seed, long position, int count)
    {
        var bytes = new byte[count];
        Fill(seed, position, bytes);
        return bytes;
    }

    /// <summary>SHA-256 (.NET's) of the first <paramref name="size"/> bytes.</summary>
    public static byte[] Sha256(long seed, long size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[64 * 1024];
        for (long at = 0; at < size; at += buffer.Length)
        {
            int n = (int)Math.Min(buffer.Length, size - at);
            Fill(seed, at, buffer.AsSpan(0, n));
            hash.AppendData(buffer, 0, n);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Writes the content to a file (for nginx).</summary>
    public static void WriteFile(string path, long seed, long size)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        byte[] buffer = new byte[1 << 16];
        for (long at = 0; at < size; at += buffer.Length)
        {
            int n = (int)Math.Min(buffer.Length, size - at);
            Fill(seed, at, buffer.AsSpan(0, n));
            file.Write(buffer, 0, n);
        }
    }

    // SplitMix64 of the word index: fast, and neighbouring words share no visible pattern.
    private static ulong Mix(long seed, long index)
    {
        ulong z = unchecked((ulong)seed + (ulong)(index + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Security.Cryptography;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Nonce bytes from the operating system's cryptographic generator.</summary>
public sealed class CryptoRandom : IRandomSource
{
    public void NextBytes(byte[] buffer)
    {
        RandomNumberGenerator.Fill(buffer);
    }
}

using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Fresh nonces for challenges sent to the server; 128 bits as the DM security spec recommends.</summary>
    public static class NonceFactory
    {
        public const int NonceLength = 16;

        public static byte[] Create(IRandomSource random)
        {
            byte[] nonce = new byte[NonceLength];
            random.NextBytes(nonce);
            return nonce;
        }
    }
}

namespace NanoOmaDm.Hal
{
    /// <summary>Unpredictable bytes for nonces. Boards back it with the hardware RNG; the core never uses
    /// System.Random for secrets.</summary>
    public interface IRandomSource
    {
        void NextBytes(byte[] buffer);
    }
}

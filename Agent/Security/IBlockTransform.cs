namespace NanoOmaDm.Agent.Security
{
    /// <summary>The compression function of a block hash, fed whole blocks by <see cref="HashBlockBuffer"/>.
    /// Hashes implement it explicitly so it stays off their public surface.</summary>
    internal interface IBlockTransform
    {
        void Transform(byte[] data, int offset);
    }
}

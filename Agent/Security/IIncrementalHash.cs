namespace NanoOmaDm.Agent.Security
{
    /// <summary>What the known-answer self tests need of a streaming hash, so one routine checks them all.</summary>
    internal interface IIncrementalHash
    {
        void Update(byte[] data, int offset, int count);

        /// <summary>Writes the digest to output[offset..] and resets the instance for reuse.</summary>
        void Final(byte[] output, int offset);
    }
}

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>One component of a delivery package as its signed manifest describes it.</summary>
    public sealed class PackageComponent
    {
        public string Id;
        public string Name;
        public string Version;
        public string Environment;
        public long Size;
        /// <summary>SHA-256 of the payload (32 bytes).</summary>
        public byte[] Sha256;
    }
}

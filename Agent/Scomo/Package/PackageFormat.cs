namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The delivery package container ("NDMP", format 1). All integers big-endian:
    /// <code>
    /// "NDMP" | format (1 byte) = 1 | key id length (1) | key id (ASCII) | Ed25519 signature (64)
    ///        | manifest length (2) | manifest (UTF-8 key=value lines) | payloads back to back, in manifest order
    /// </code>
    /// The signature covers exactly the manifest bytes, and the manifest carries each payload's size and SHA-256, so
    /// one signature check plus one hash per payload authenticates everything. The signature comes first so that a
    /// device rejects an unknown key before reading further, and verifies the manifest while it streams past.
    /// Manifest lines (each ends with LF; package lines first, then one block per component, in payload order):
    /// <code>
    /// package=ID
    /// version=V
    /// component=ID
    /// name=NAME
    /// version=V
    /// env=ENVIRONMENT-TYPE
    /// size=BYTES
    /// sha256=64 HEX DIGITS
    /// </code></summary>
    public static class PackageFormat
    {
        public const int FormatVersion = 1;
        public const int SignatureLength = 64;
        public const int MaxKeyIdLength = 32;
        public const int MaxManifestLength = 4096;
        public const int MaxComponents = 16;
        public const int MaxValueLength = 128;
        public const long MaxPayloadSize = 0x7fffffff;

        public const string PackageKey = "package";
        public const string VersionKey = "version";
        public const string ComponentKey = "component";
        public const string NameKey = "name";
        public const string EnvironmentKey = "env";
        public const string SizeKey = "size";
        public const string Sha256Key = "sha256";

        private static readonly byte[] MagicBytes = { (byte)'N', (byte)'D', (byte)'M', (byte)'P' };

        public static byte[] Magic
        {
            get { return (byte[])MagicBytes.Clone(); }
        }

        internal static bool IsMagic(byte[] buffer, int offset)
        {
            for (int i = 0; i < 4; i++)
            {
                if (buffer[offset + i] != MagicBytes[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

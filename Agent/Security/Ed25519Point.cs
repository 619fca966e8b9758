namespace NanoOmaDm.Agent.Security
{
    /// <summary>A point in extended twisted Edwards coordinates: x = X/Z, y = Y/Z, x*y = T/Z.</summary>
    internal sealed class Ed25519Point
    {
        public readonly long[] X = Field25519.Create();
        public readonly long[] Y = Field25519.Create();
        public readonly long[] Z = Field25519.Create();
        public readonly long[] T = Field25519.Create();

        public void SetNeutral()
        {
            Field25519.SetSmall(X, 0);
            Field25519.SetSmall(Y, 1);
            Field25519.SetSmall(Z, 1);
            Field25519.SetSmall(T, 0);
        }
    }
}

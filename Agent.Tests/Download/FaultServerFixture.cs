using NanoOmaDm.Agent.Download;
using NanoOmaDm.FaultServer;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>One fault server per test class; each test adds its own file (unique name), so tests do not share faults.</summary>
    public sealed class FaultServerFixture : IDisposable
    {
        private int next;

        public FaultServerHost Host { get; } = FaultServerHost.Start();

        /// <summary>A new file of <paramref name="size"/> bytes and a request that expects exactly it.</summary>
        public (ServedFile File, DownloadRequest Request) NewFile(long size, bool withHash = true, bool withSize = true)
        {
            string name = "f" + Interlocked.Increment(ref next) + ".bin";
            ServedFile file = Host.AddFile(name, size, seed: 1000 + next);
            var request = new DownloadRequest(Host.UrlOf(name))
            {
                ExpectedSize = withSize ? size : -1,
                ExpectedSha256 = withHash ? file.Sha256() : null,
            };
            return (file, request);
        }

        public void Dispose() => Host.Dispose();
    }
}

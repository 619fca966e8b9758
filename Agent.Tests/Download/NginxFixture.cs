using NanoOmaDm.Agent.Download;
using NanoOmaDm.FaultServer;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>A private nginx on 127.0.0.1 serving generated files from a temp directory. When nginx is not installed
    /// the fixture throws, so every nginx test fails with the reason (it never skips).</summary>
    public sealed class NginxFixture : IDisposable
    {
        private int next;

        public NginxFixture()
        {
            Root = Directory.CreateTempSubdirectory("download-nginx-root-").FullName;
            Server = NginxServer.Start(Root);
        }

        public string Root { get; }

        public NginxServer Server { get; }

        /// <summary>Writes a new generated file and returns its path and a request that expects exactly it.</summary>
        public (string Path, long Seed, DownloadRequest Request) NewFile(long size, bool withHash = true)
        {
            int n = Interlocked.Increment(ref next);
            string name = "image" + n + ".bin";
            string path = System.IO.Path.Combine(Root, name);
            long seed = 500 + n;
            GeneratedContent.WriteFile(path, seed, size);
            var request = new DownloadRequest(Server.BaseUrl + "/" + name)
            {
                ExpectedSize = size,
                ExpectedSha256 = withHash ? GeneratedContent.Sha256(seed, size) : null,
            };
            return (path, seed, request);
        }

        public void Dispose()
        {
            Server.Dispose();
            Directory.Delete(Root, recursive: true);
        }
    }
}

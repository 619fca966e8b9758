using System.Diagnostics;
using System.Globalization;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Emulator.Download;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.FaultServer;

namespace NanoOmaDm.Bench;

/// <summary>download [--rounds N] [--size BYTES] [--buffer BYTES] [--checkpoint BYTES]: one file from a private
/// nginx, downloaded alternately by the agent's client and by curl into a file, in the same run. The agent runs with
/// the device defaults (4 KB buffer, SHA-256 while streaming, a checkpoint every 64 KB, each an fsync of the image and
/// of the checkpoint file), and once more without periodic checkpoints to show what the fsyncs cost. Throughput is
/// the median over the rounds; the agent's peak managed memory is measured in a separate, untimed download (a full
/// GC every 256 KB).</summary>
public sealed class DownloadBenchmark : IBenchmark
{
    public string Name => "download";

    public string Description => "agent vs curl from nginx: --rounds N (5) --size BYTES (20971520) --buffer BYTES (4096) --checkpoint BYTES (65536)";

    public int Run(string[] args)
    {
        int rounds = 5;
        int size = 20 << 20;
        var options = new DownloadOptions();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], out int value) || value <= 0)
            {
                Console.Error.WriteLine("download: '" + args[i + 1] + "' is not a positive number");
                return 2;
            }

            if (args[i] == "--rounds")
            {
                rounds = value;
            }
            else if (args[i] == "--size")
            {
                size = value;
            }
            else if (args[i] == "--buffer")
            {
                options.BufferSize = value;
            }
            else if (args[i] == "--checkpoint")
            {
                options.CheckpointIntervalBytes = value;
            }
            else
            {
                Console.Error.WriteLine("download: unknown option " + args[i]);
                return 2;
            }
        }

        string curl = FindCurl();
        if (curl == null)
        {
            Console.Error.WriteLine("download: curl is not installed (apt-get install curl)");
            return 2;
        }

        string work = Directory.CreateTempSubdirectory("nanoomadm-download-bench-").FullName;
        try
        {
            string root = Path.Combine(work, "www");
            Directory.CreateDirectory(root);
            GeneratedContent.WriteFile(Path.Combine(root, "image.bin"), 77, size);
            byte[] sha = GeneratedContent.Sha256(77, size);
            NginxServer started;
            try
            {
                started = NginxServer.Start(root);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("download: " + e.Message);
                return 2;
            }

            using NginxServer nginx = started;
            using var transport = new HttpClientDownloadTransport();
            string url = nginx.BaseUrl + "/image.bin";
            var request = new DownloadRequest(url) { ExpectedSize = size, ExpectedSha256 = sha };
            Console.WriteLine("Download of " + size + " bytes from nginx " + nginx.BaseUrl + ", " + rounds + " rounds, alternating (plus one warm-up each); agent buffer "
                + options.BufferSize + " bytes, checkpoint every " + options.CheckpointIntervalBytes + " bytes");

            // The same client without periodic checkpoints shows what the fsyncs cost on this disk.
            var unsynced = new DownloadOptions { BufferSize = options.BufferSize, CheckpointIntervalBytes = int.MaxValue };
            var agent = new List<double>();
            var agentUnsynced = new List<double>();
            var curlTimes = new List<double>();
            for (int round = 0; round <= rounds; round++)
            {
                double a = AgentDownload(transport, request, options, work, null);
                double u = AgentDownload(transport, request, unsynced, work, null);
                double c = CurlDownload(curl, url, work, size);
                if (round > 0)
                {
                    agent.Add(a);
                    agentUnsynced.Add(u);
                    curlTimes.Add(c);
                    Console.WriteLine("  round " + round + ": agent " + Mbps(size, a) + " MB/s (without periodic checkpoints " + Mbps(size, u) + " MB/s), curl " + Mbps(size, c) + " MB/s");
                }
            }

            long peak = PeakManagedMemory(transport, request, options, work);
            double agentMedian = Median(agent);
            double curlMedian = Median(curlTimes);
            Console.WriteLine("median: agent " + Mbps(size, agentMedian) + " MB/s, curl " + Mbps(size, curlMedian) + " MB/s; without periodic checkpoints the agent makes "
                + Mbps(size, Median(agentUnsynced)) + " MB/s (ratio " + (curlMedian / Median(agentUnsynced)).ToString("F2", CultureInfo.InvariantCulture) + ")");
            Console.WriteLine("download: agent/curl throughput ratio " + (curlMedian / agentMedian).ToString("F2", CultureInfo.InvariantCulture)
                + ", peak managed memory " + (peak / 1024).ToString(CultureInfo.InvariantCulture) + " KB");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Seconds for one complete, verified download into a fresh image file.</summary>
    private static double AgentDownload(HttpClientDownloadTransport transport, DownloadRequest request, DownloadOptions options, string work, DownloadProgressHandler progress)
    {
        string image = Path.Combine(work, "agent.bin");
        var store = new FileCheckpointStore(image + ".checkpoint");
        store.Remove();
        using var sink = new FileImageSink(image);
        sink.Truncate(0);
        var client = new DownloadClient(new DownloadPlatform { Transport = transport, Clock = new SystemClock(), Sleeper = new ThreadSleeper() },
            request, sink, store, options);
        if (progress != null)
        {
            client.AddProgressListener(progress);
        }

        var clock = Stopwatch.StartNew();
        DownloadResult result = client.Run();
        double seconds = clock.Elapsed.TotalSeconds;
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException("agent download failed: " + result.ResultCode + " " + result.Message);
        }

        return seconds;
    }

    /// <summary>Live managed heap above the level before the download, sampled with a full GC every 256 KB.</summary>
    private static long PeakManagedMemory(HttpClientDownloadTransport transport, DownloadRequest request, DownloadOptions options, string work)
    {
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long next = 0;
        AgentDownload(transport, request, options, work, (c, done, total) =>
        {
            if (done >= next)
            {
                next = done + 256 * 1024;
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        });
        return peak;
    }

    private static double CurlDownload(string curl, string url, string work, long size)
    {
        string output = Path.Combine(work, "curl.bin");
        var start = new ProcessStartInfo(curl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-sS", "--fail", "-o", output, "-w", "%{time_total}", url })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start);
        string timing = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || new FileInfo(output).Length != size)
        {
            throw new InvalidOperationException("curl failed (" + process.ExitCode + "): " + error);
        }

        return double.Parse(timing.Trim(), CultureInfo.InvariantCulture);
    }

    private static string FindCurl()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "curl")))
            {
                return Path.Combine(dir, "curl");
            }
        }

        return null;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Mbps(long size, double seconds) => (size / 1048576.0 / seconds).ToString("F0", CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Emulator.Download;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.FaultServer;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Bench;

/// <summary>Many downloads of one multi-megabyte file, each hit by random faults: connections cut at random bytes,
/// stalls (read timeouts), 500 and 503 answers, trickles that end in a cut, and power cuts in the middle of a write
/// (the device reboots: a new client on the files the old one left). One run in ten also meets a lying server that
/// swaps the content under the same ETag after an interruption. Every run must end either with exactly the right
/// image reported complete, or (only when the content was swapped) with 1407 and the image discarded.</summary>
public sealed class DownloadFaultCampaign
{
    public int Runs { get; init; } = 150;

    public int FileSize { get; init; } = 2 << 20;

    public int Seed { get; init; } = 1;

    public int BufferSize { get; init; } = 4096;

    /// <summary>Runs at a time (they are independent downloads of different files).</summary>
    public int Parallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Where to write one line per run (null: quiet).</summary>
    public TextWriter Log { get; init; }

    public DownloadCampaignResult Run()
    {
        var result = new DownloadCampaignResult { Runs = Runs, BufferSize = BufferSize };
        string dir = Directory.CreateTempSubdirectory("nanoomadm-campaign-").FullName;
        using var host = FaultServerHost.Start();
        using var transport = new HttpClientDownloadTransport();
        const long contentSeed = 4242;
        byte[] expected = GeneratedContent.Sha256(contentSeed, FileSize);
        try
        {
            Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                run => RunOne(run, host, transport, dir, contentSeed, expected, result));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return result;
    }

    private void RunOne(int run, FaultServerHost host, IHttpDownloadTransport transport, string dir, long contentSeed, byte[] expected, DownloadCampaignResult result)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(unchecked(Seed * 1_000_003 + run));
        string name = "run" + run + ".bin";
        ServedFile file = host.AddFile(name, FileSize, contentSeed);
        var powerCuts = new Queue<long>();
        int faults = random.Next(1, 5);
        bool poison = random.Next(10) == 0;
        var plan = new List<string>();
        for (int i = 0; i < faults; i++)
        {
            int pick = random.Next(100);
            Fault fault = pick switch
            {
                < 35 => Fault.CutAt(random.Next(1, FileSize / 2)),
                < 45 => Fault.Stall(random.Next(0, FileSize / 2), 300),
                < 55 => Fault.Answer(500),
                < 65 => Fault.Answer(503, retryAfterSeconds: 0),
                < 75 => Fault.Trickle(1024, 1, cutAfter: random.Next(1, 32 * 1024)),
                _ => null,
            };
            if (fault == null)
            {
                powerCuts.Enqueue(random.Next(1, FileSize));
                plan.Add("power-cut");
                continue;
            }

            host.Enqueue(name, fault);
            plan.Add(fault.ToString());
            if (poison && i == 0)
            {
                host.Enqueue(name, Fault.SwapContentKeepETag());
                plan.Add("swap-content");
            }
        }

        var sorted = new Queue<long>(powerCuts.OrderBy(x => x));
        string image = Path.Combine(dir, name);
        string checkpoint = image + ".checkpoint";
        var meter = new DownloadRefetchMeter(transport);
        var request = new DownloadRequest(host.UrlOf(name)) { ExpectedSize = FileSize, ExpectedSha256 = expected };
        DownloadResult final = null;
        int boots = 0;
        int cuts = 0;
        while (final == null && boots < 50)
        {
            boots++;
            using var sink = new FileImageSink(image);
            var power = new PowerSwitch(sorted.Count > 0 ? sorted.Dequeue() : -1);
            var client = new DownloadClient(
                new DownloadPlatform { Transport = meter, Clock = new SystemClock(), Sleeper = new ThreadSleeper() },
                request,
                new PoweredSink(sink, power),
                new PoweredStore(new FileCheckpointStore(checkpoint), power),
                Options());
            DownloadResult r = client.Run();
            if (power.IsOff)
            {
                cuts++;
                if (r.IsSuccess)
                {
                    lock (result)
                    {
                        result.Corrupt++;
                        result.Problems.Add("run " + run + ": reported complete on a dead device");
                    }
                }

                continue;
            }

            final = r;
        }

        string outcome;
        bool problem = true;
        if (final == null)
        {
            outcome = "did not finish in " + boots + " boots";
        }
        else if (final.IsSuccess)
        {
            byte[] stored = SHA256.HashData(File.ReadAllBytes(image));
            bool right = stored.AsSpan().SequenceEqual(expected) && final.Sha256.AsSpan().SequenceEqual(expected);
            problem = !right;
            outcome = right ? "complete" : "CORRUPT image reported complete";
        }
        else if (final.Outcome == DownloadOutcome.IntegrityFailure && file.ContentVersion > 0 && new FileInfo(image).Length == 0)
        {
            problem = false;
            outcome = "swapped content rejected (1407), image discarded";
        }
        else
        {
            outcome = "FAILED " + final.ResultCode + " " + final.Message;
        }

        lock (result)
        {
            result.PowerCuts += cuts;
            result.Interruptions += meter.Responses - 1 + cuts;
            result.MaxRefetchedPerInterruption = Math.Max(result.MaxRefetchedPerInterruption, meter.MaxRefetched);
            result.TotalRefetched += meter.TotalRefetched;
            if (final != null && final.IsSuccess)
            {
                if (problem)
                {
                    result.Corrupt++;
                }
                else
                {
                    result.Completed++;
                }
            }
            else if (problem)
            {
                result.UnexpectedFailures++;
            }
            else
            {
                result.RejectedSwapped++;
            }

            if (problem)
            {
                result.Problems.Add("run " + run + " [" + string.Join(", ", plan) + "]: " + outcome);
            }

            Log?.WriteLine("run " + run + " [" + string.Join(", ", plan) + "] " + boots + " boot(s), " + meter.Responses + " responses, re-fetched " + meter.TotalRefetched + ", " + clock.ElapsedMilliseconds + " ms: " + outcome);
        }

        File.Delete(image);
        File.Delete(checkpoint);
    }

    private DownloadOptions Options() => new DownloadOptions
    {
        BufferSize = BufferSize,
        MaxRetries = 8,
        BackoffInitialMs = 1,
        BackoffMaxMs = 8,
        ReadTimeoutMs = 100,
        RequestTimeoutMs = 5000,
        PollIntervalMs = 5,
    };

    /// <summary>The device's power: once off (when the image would reach <c>cutAt</c> bytes), storage takes no more
    /// writes, like a device that died in the middle of one.</summary>
    private sealed class PowerSwitch
    {
        private readonly long cutAt;

        public PowerSwitch(long cutAt)
        {
            this.cutAt = cutAt;
        }

        public bool IsOff { get; private set; }

        public void Check()
        {
            if (IsOff)
            {
                throw new IOException("power is off");
            }
        }

        public void BeforeAppend(long length, int count)
        {
            Check();
            if (cutAt >= 0 && length + count >= cutAt)
            {
                IsOff = true;
                Check();
            }
        }
    }

    private sealed class PoweredSink : IImageSink
    {
        private readonly IImageSink inner;
        private readonly PowerSwitch power;

        public PoweredSink(IImageSink inner, PowerSwitch power)
        {
            this.inner = inner;
            this.power = power;
        }

        public long Length
        {
            get
            {
                power.Check();
                return inner.Length;
            }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            power.BeforeAppend(inner.Length, count);
            inner.Append(buffer, offset, count);
        }

        public void Truncate(long length)
        {
            power.Check();
            inner.Truncate(length);
        }

        public void Flush()
        {
            power.Check();
            inner.Flush();
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            power.Check();
            return inner.Read(position, buffer, offset, count);
        }
    }

    private sealed class PoweredStore : IDownloadCheckpointStore
    {
        private readonly IDownloadCheckpointStore inner;
        private readonly PowerSwitch power;

        public PoweredStore(IDownloadCheckpointStore inner, PowerSwitch power)
        {
            this.inner = inner;
            this.power = power;
        }

        public void Save(DownloadCheckpoint checkpoint)
        {
            power.Check();
            inner.Save(checkpoint);
        }

        public DownloadCheckpoint Load()
        {
            power.Check();
            return inner.Load();
        }

        public void Remove()
        {
            power.Check();
            inner.Remove();
        }
    }
}

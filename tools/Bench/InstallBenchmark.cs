using System.Collections;
using System.Diagnostics;
using NanoOmaDm.Agent.Scomo;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using NanoOmaDm.PackageTool;

namespace NanoOmaDm.Bench;

/// <summary>install [--mb N] [--rounds N]: what SCOMO's install path costs on this machine. It streams a signed
/// package from storage through the portable reader (signature over the manifest, SHA-256 of the payload) into a
/// component image, exactly as the executor does, and compares that with copying the same bytes from file to file
/// through the same storage and buffer size, measured alternately in the same run. Also the managed allocations of one
/// install, which must not grow with the package size.</summary>
public sealed class InstallBenchmark : IBenchmark
{
    private const int BufferSize = 1024;

    public string Name => "install";

    public string Description => "SCOMO install (verify + hash + write) vs a plain copy, MB/s and allocations: --mb N (4) --rounds N (5)";

    public int Run(string[] args)
    {
        int mb = 4;
        int rounds = 5;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], out int value) || value <= 0 || (args[i] != "--mb" && args[i] != "--rounds"))
            {
                Console.Error.WriteLine("install: usage: install [--mb N] [--rounds N]");
                return 2;
            }
            if (args[i] == "--mb")
            {
                mb = value;
            }
            else
            {
                rounds = value;
            }
        }
        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine("install: usage: install [--mb N] [--rounds N]");
            return 2;
        }

        string dir = Path.Combine(Path.GetTempPath(), "nanoOmaDm-install-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var storage = new DirectoryStorage(dir);
            var key = SigningKey.Generate();
            var keys = new Hashtable { ["bench"] = key.PublicKey };
            string payload = Path.Combine(dir, "payload.bin");
            byte[] bytes = new byte[mb << 20];
            new Random(mb).NextBytes(bytes);
            File.WriteAllBytes(payload, bytes);
            var spec = new ComponentSpec("bench", "Bench", "1", "data", payload);
            using (FileStream file = File.Create(Path.Combine(dir, "package")))
            {
                PackageWriter.Write(file, key, "bench", PackageWriter.BuildManifest("bench", "1", new[] { spec }), new[] { payload });
            }

            Install(storage, keys);   // warm-up, and a check that the package verifies
            Copy(storage);
            double installSeconds = 0;
            double copySeconds = 0;
            long allocated = 0;
            for (int r = 0; r < rounds; r++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                installSeconds += Time(() => Install(storage, keys));
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                copySeconds += Time(() => Copy(storage));
            }

            double megabytes = (double)mb * rounds;
            Console.WriteLine("SCOMO install of a " + mb + " MB payload from a package file to a component image, " + rounds + " rounds:");
            Console.WriteLine($"  install (verify + SHA-256 + write)  {megabytes / installSeconds,8:F1} MB/s");
            Console.WriteLine($"  plain copy, same buffer and fsync   {megabytes / copySeconds,8:F1} MB/s");
            Console.WriteLine($"  install / copy                      {copySeconds / installSeconds,8:F2}");
            Console.WriteLine($"  managed allocations per install     {allocated / 1024.0,8:F1} KB (buffers, manifest, verifier; not the payload)");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Install(IFileStorage storage, Hashtable keys)
    {
        var reader = new PackageReader(keys, BufferSize);
        using var input = new StorageFileStream(storage.Open("package"));
        using var output = new StorageFileStream(storage.Open("image"));
        output.SetLength(0);
        if (reader.ReadManifest(input) != PackageResult.Ok || reader.ReadPayload(input, output) != PackageResult.Ok
            || reader.ReadEnd(input) != PackageResult.Ok)
        {
            throw new InvalidOperationException("the benchmark package does not verify");
        }
        output.Flush();
    }

    private static void Copy(IFileStorage storage)
    {
        byte[] buffer = new byte[BufferSize];
        using IStorageFile input = storage.Open("package");
        using IStorageFile output = storage.Open("copy");
        output.SetLength(0);
        long position = 0;
        int read;
        while ((read = input.Read(position, buffer, 0, buffer.Length)) > 0)
        {
            output.Write(position, buffer, 0, read);
            position += read;
        }
        output.Flush();
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}

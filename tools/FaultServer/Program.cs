using System.Globalization;

namespace NanoOmaDm.FaultServer;

/// <summary>dotnet run --project tools/FaultServer -- [--port N] [--file NAME:SIZE[:SEED]]... [--fault NAME=FAULT]...</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        int port = 8090;
        var files = new List<(string Name, long Size, long Seed)>();
        var faults = new List<(string Name, Fault Fault)>();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : throw new FormatException(args[i] + " needs a value");
                switch (args[i])
                {
                    case "--port":
                        port = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "--file":
                        string[] f = value.Split(':');
                        files.Add((f[0], long.Parse(f[1], CultureInfo.InvariantCulture), f.Length > 2 ? long.Parse(f[2], CultureInfo.InvariantCulture) : 1));
                        break;
                    case "--fault":
                        int eq = value.IndexOf('=');
                        faults.Add((value.Substring(0, eq), Fault.Parse(value.Substring(eq + 1))));
                        break;
                    default:
                        throw new FormatException("unknown option " + args[i]);
                }

                i++;
            }
        }
        catch (Exception e) when (e is FormatException || e is IndexOutOfRangeException || e is ArgumentException || e is OverflowException)
        {
            Console.Error.WriteLine("usage: FaultServer [--port N] [--file NAME:SIZE[:SEED]]... [--fault NAME=FAULT]...");
            Console.Error.WriteLine("faults: cut:N ignore-range change-etag change-etag-ignore-if-range new-content swap-content wrong-range:SHIFT");
            Console.Error.WriteLine("        status:CODE[:RETRYAFTER] stall:N:MS trickle:CHUNK:MS[:CUT] redirect:HOPS  (also as ?fault=... on a URL)");
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (files.Count == 0)
        {
            files.Add(("demo.bin", 4 << 20, 1));
        }

        using var host = FaultServerHost.Start(port, Console.Out);
        foreach (var (name, size, seed) in files)
        {
            host.AddFile(name, size, seed);
            Console.WriteLine(host.UrlOf(name) + "  " + size + " bytes, sha256 " + Convert.ToHexStringLower(host.File(name).Sha256()));
        }

        foreach (var (name, fault) in faults)
        {
            host.Enqueue(name, fault);
        }

        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Set();
        });
        stop.Wait();
        return 0;
    }
}

using System.Diagnostics;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>The command line: <c>check</c>, <c>listings</c>, <c>stubs</c>, <c>--help</c>.</summary>
public static class NanoRefProgram
{
    public const int ExitOk = 0;
    public const int ExitCheckFailed = 1;
    public const int ExitUsage = 2;

    public const string Usage =
@"NanoRef: checks the portable projects against the public API of the nanoFramework 1.x assemblies.

Usage:
  dotnet run --project tools/NanoRef -- check [--root DIR] [--api DIR] [--verbose]
      Compiles every *.nfproj under the root (default: the current directory) the way the nanoFramework build
      does (LangVersion 9.0, NANOFRAMEWORK_1_0 defined, only the listed references) against reference stubs
      generated from the API listings (default: ../shared/platform/api relative to the root). Fails on
      compiler errors, on constructs the stable runtime cannot run (NF0001: generics, tuples, nullable value
      types, yield, async/await, dynamic) and on .cs files a project does not list (NF0002).
      Exit code 0 only when everything compiles. --verbose adds timings.

  dotnet run --project tools/NanoRef -- listings --from DIR --out DIR
      Writes the API listing (<AssemblyName>.txt, format 2) of every *.dll under --from (e.g. the lib/ folders
      of the nanoFramework NuGet packages) into --out.

  dotnet run --project tools/NanoRef -- stubs --out DIR [--api DIR] [ASSEMBLY...]
      Writes the generated stub source (<AssemblyName>.cs) and the compiled stub (<AssemblyName>.dll) of the
      named listings (default: all listings in the API folder) into --out.

  dotnet run --project tools/NanoRef -- --help
      Prints this text.

Codes: CSxxxx compiler errors, NF0001 not supported by the runtime, NF0002 source file not listed by its
project, NF0003 project/listing problem, NF0004 (warning) reference version differs from the listing.";

    public static int Main(string[] args)
    {
        return Run(args, Console.Out);
    }

    /// <summary>Runs one command, writing everything to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "-?" or "help" or "/?")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        Dictionary<string, string> options;
        List<string> positional;
        try
        {
            (options, positional) = ParseOptions(args.Skip(1));
        }
        catch (ArgumentException e)
        {
            output.WriteLine("NanoRef: " + e.Message);
            output.WriteLine("Run with --help for usage.");
            return ExitUsage;
        }
        if (options.ContainsKey("help"))
        {
            output.WriteLine(Usage);
            return ExitOk;
        }

        try
        {
            switch (args[0])
            {
                case "check":
                    return Check(options, positional, output);
                case "listings":
                    return Listings(options, positional, output);
                case "stubs":
                    return Stubs(options, positional, output);
                default:
                    output.WriteLine($"NanoRef: unknown command '{args[0]}'. Run with --help for usage.");
                    return ExitUsage;
            }
        }
        catch (NanoRefException e)
        {
            output.WriteLine("NanoRef: error: " + e.Message);
            return ExitUsage;
        }
    }

    private static int Check(Dictionary<string, string> options, List<string> positional, TextWriter output)
    {
        if (!Allow(options, positional, output, "root", "api", "verbose"))
        {
            return ExitUsage;
        }
        bool verbose = options.ContainsKey("verbose");
        string root = Path.GetFullPath(options.GetValueOrDefault("root") ?? Directory.GetCurrentDirectory());
        string api = options.TryGetValue("api", out string apiOption) ? Path.GetFullPath(apiOption) : NanoRefChecker.DefaultApiDirectory(root);
        if (!Directory.Exists(root))
        {
            output.WriteLine($"NanoRef: error: root folder {root} does not exist");
            return ExitUsage;
        }
        if (!Directory.Exists(api))
        {
            output.WriteLine($"NanoRef: error: API listing folder {api} does not exist (use --api DIR)");
            return ExitUsage;
        }

        var stopwatch = Stopwatch.StartNew();
        NanoRefChecker checker = NanoRefChecker.Create(root, api);
        CheckResult result = checker.Check();
        result.WriteTo(output);
        if (verbose)
        {
            foreach (CompiledStub stub in StubSet.ForDirectory(api).Compiled)
            {
                output.WriteLine($"NanoRef: stub {stub.AssemblyName} {stub.Listing.Version}: {stub.Elapsed.TotalMilliseconds:0} ms");
            }
            foreach (ProjectCheckResult project in result.Projects)
            {
                output.WriteLine($"NanoRef: {project.ProjectPath}: {project.Elapsed.TotalMilliseconds:0} ms (including the stubs it needed first)");
            }
        }
        output.WriteLine($"NanoRef: checked in {stopwatch.Elapsed.TotalSeconds:0.0} s (API listings: {api})");
        return result.Success ? ExitOk : ExitCheckFailed;
    }

    private static int Listings(Dictionary<string, string> options, List<string> positional, TextWriter output)
    {
        if (!Allow(options, positional, output, "from", "out"))
        {
            return ExitUsage;
        }
        if (!options.TryGetValue("from", out string from) || !options.TryGetValue("out", out string outDirectory))
        {
            output.WriteLine("NanoRef: listings needs --from DIR and --out DIR. Run with --help for usage.");
            return ExitUsage;
        }
        if (!Directory.Exists(from))
        {
            output.WriteLine($"NanoRef: error: {from} does not exist");
            return ExitUsage;
        }
        Directory.CreateDirectory(outDirectory);

        // One listing per assembly name; when several DLLs carry the same name the highest version wins.
        var chosen = new Dictionary<string, (string Path, Version Version)>(StringComparer.OrdinalIgnoreCase);
        int failures = 0;
        foreach (string dll in Directory.EnumerateFiles(from, "*.dll", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            try
            {
                System.Reflection.AssemblyName name = System.Reflection.AssemblyName.GetAssemblyName(dll);
                if (!chosen.TryGetValue(name.Name, out var existing) || existing.Version < name.Version)
                {
                    chosen[name.Name] = (dll, name.Version);
                }
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or IOException)
            {
                output.WriteLine($"NanoRef: skipped {dll}: not a .NET assembly ({e.Message})");
            }
        }
        foreach ((string name, (string path, Version _)) in chosen.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            try
            {
                string listing = ListingWriter.FromFile(path);
                string target = Path.Combine(outDirectory, name + ".txt");
                File.WriteAllText(target, listing);
                output.WriteLine($"NanoRef: {path} -> {target}");
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or IOException)
            {
                output.WriteLine($"NanoRef: error: cannot read {path}: {e.Message}");
                failures++;
            }
        }
        output.WriteLine($"NanoRef: wrote {chosen.Count - failures} listing(s) to {outDirectory}");
        return failures == 0 ? ExitOk : ExitCheckFailed;
    }

    private static int Stubs(Dictionary<string, string> options, List<string> positional, TextWriter output)
    {
        if (!Allow(options, positional, output, allowPositional: true, "out", "api", "root"))
        {
            return ExitUsage;
        }
        if (!options.TryGetValue("out", out string outDirectory))
        {
            output.WriteLine("NanoRef: stubs needs --out DIR. Run with --help for usage.");
            return ExitUsage;
        }
        string root = Path.GetFullPath(options.GetValueOrDefault("root") ?? Directory.GetCurrentDirectory());
        string api = options.TryGetValue("api", out string apiOption) ? Path.GetFullPath(apiOption) : NanoRefChecker.DefaultApiDirectory(root);
        IEnumerable<string> names = positional.Count > 0
            ? positional
            : Directory.EnumerateFiles(api, "*.txt").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal);
        Directory.CreateDirectory(outDirectory);
        StubSet stubs = StubSet.ForDirectory(api);
        foreach (string name in names)
        {
            CompiledStub stub = stubs.Get(name);
            File.WriteAllText(Path.Combine(outDirectory, stub.AssemblyName + ".cs"), stub.Source);
            File.WriteAllBytes(Path.Combine(outDirectory, stub.AssemblyName + ".dll"), stub.Image);
            output.WriteLine($"NanoRef: {stub.AssemblyName} -> {Path.Combine(outDirectory, stub.AssemblyName + ".dll")}");
        }
        return ExitOk;
    }

    private static bool Allow(Dictionary<string, string> options, List<string> positional, TextWriter output, params string[] names)
    {
        return Allow(options, positional, output, false, names);
    }

    private static bool Allow(Dictionary<string, string> options, List<string> positional, TextWriter output, bool allowPositional, params string[] names)
    {
        foreach (string key in options.Keys)
        {
            if (!names.Contains(key))
            {
                output.WriteLine($"NanoRef: unknown option --{key}. Run with --help for usage.");
                return false;
            }
        }
        if (!allowPositional && positional.Count > 0)
        {
            output.WriteLine($"NanoRef: unexpected argument '{positional[0]}'. Run with --help for usage.");
            return false;
        }
        return true;
    }

    private static (Dictionary<string, string> Options, List<string> Positional) ParseOptions(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        using IEnumerator<string> e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (arg is "--help" or "-h")
            {
                options["help"] = "";
            }
            else if (arg is "--verbose" or "-v")
            {
                options["verbose"] = "";
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string name = arg.Substring(2);
                string value;
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name.Substring(eq + 1);
                    name = name.Substring(0, eq);
                }
                else if (e.MoveNext())
                {
                    value = e.Current;
                }
                else
                {
                    throw new ArgumentException($"option --{name} needs a value");
                }
                options[name] = value;
            }
            else
            {
                positional.Add(arg);
            }
        }
        return (options, positional);
    }
}

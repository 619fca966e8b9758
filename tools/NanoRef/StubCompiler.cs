using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>A reference stub compiled in memory from one listing.</summary>
public sealed class CompiledStub
{
    internal CompiledStub(ApiListing listing, string source, byte[] image)
    {
        Listing = listing;
        Source = source;
        Image = image;
        Reference = MetadataReference.CreateFromImage(image, filePath: listing.AssemblyName + ".dll");
    }

    public ApiListing Listing { get; }
    public string AssemblyName => Listing.AssemblyName;
    /// <summary>The generated C# source.</summary>
    public string Source { get; }
    /// <summary>The PE image (a reference assembly: no method bodies).</summary>
    public byte[] Image { get; }
    public MetadataReference Reference { get; }
    /// <summary>Time spent generating and compiling the stub.</summary>
    public TimeSpan Elapsed { get; internal set; }
}

/// <summary>Compiles stub sources (<see cref="StubGenerator"/>) with Roslyn.</summary>
public static class StubCompiler
{
    /// <summary>The language version the stable nanoFramework line compiles with (and stubs are generated for).</summary>
    public const LanguageVersion StubLanguageVersion = LanguageVersion.CSharp9;

    /// <summary>
    /// Compiles <paramref name="source"/> into the stub of <paramref name="listing"/>. The core library (a listing without
    /// references) is compiled without any reference (it defines System.Object); the others against
    /// <paramref name="references"/>. Throws <see cref="NanoRefException"/> with the compiler errors on failure.
    /// </summary>
    public static CompiledStub Compile(ApiListing listing, string source, IEnumerable<MetadataReference> references)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(StubLanguageVersion), path: listing.AssemblyName + ".stub.cs");
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: true,
            nullableContextOptions: NullableContextOptions.Disable,
            deterministic: true,
            concurrentBuild: true,
            generalDiagnosticOption: ReportDiagnostic.Default);
        CSharpCompilation compilation = CSharpCompilation.Create(listing.AssemblyName, new[] { tree }, references, options);
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream, options: new EmitOptions(metadataOnly: true, runtimeMetadataVersion: "v4.0.30319"));
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => "  " + d).ToList();
            throw new NanoRefException($"the reference stub generated from the listing of {listing.AssemblyName} does not compile:\n" + string.Join("\n", errors));
        }
        return new CompiledStub(listing, source, stream.ToArray());
    }
}

/// <summary>
/// The reference stubs of one API folder, compiled on first use (each assembly once, after the assemblies its listing
/// references). Thread-safe; <see cref="ForDirectory"/> shares one set per folder within the process.
/// </summary>
public sealed class StubSet
{
    private static readonly ConcurrentDictionary<string, StubSet> Shared = new(StringComparer.Ordinal);

    private readonly object _gate = new();
    private readonly Dictionary<string, CompiledStub> _stubs = new(StringComparer.OrdinalIgnoreCase);

    public StubSet(ApiCatalog catalog)
    {
        Catalog = catalog;
    }

    public ApiCatalog Catalog { get; }

    /// <summary>The process-wide stub set of an API folder.</summary>
    public static StubSet ForDirectory(string apiDirectory)
    {
        string key = Path.GetFullPath(apiDirectory);
        return Shared.GetOrAdd(key, k => new StubSet(new ApiCatalog(k)));
    }

    public bool HasListing(string assemblyName) => Catalog.TryGetListing(assemblyName, out _);

    /// <summary>The stubs compiled so far, in compilation order.</summary>
    public IReadOnlyList<CompiledStub> Compiled
    {
        get
        {
            lock (_gate)
            {
                return _stubs.Values.ToList();
            }
        }
    }

    /// <summary>The compiled stub of <paramref name="assemblyName"/> (compiling it and its references if needed).</summary>
    public CompiledStub Get(string assemblyName)
    {
        lock (_gate)
        {
            if (_stubs.TryGetValue(assemblyName, out CompiledStub stub))
            {
                return stub;
            }
            IReadOnlyList<ApiListing> closure = Catalog.GetClosure(assemblyName);
            foreach (ApiListing listing in closure)
            {
                if (_stubs.ContainsKey(listing.AssemblyName))
                {
                    continue;
                }
                var references = Catalog.GetClosure(listing.AssemblyName)
                    .Where(l => !ReferenceEquals(l, listing))
                    .Select(l => _stubs[l.AssemblyName].Reference)
                    .ToList();
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                string source = StubGenerator.Generate(listing, Catalog);
                CompiledStub compiled = StubCompiler.Compile(listing, source, references);
                compiled.Elapsed = stopwatch.Elapsed;
                _stubs[listing.AssemblyName] = compiled;
            }
            return _stubs[assemblyName];
        }
    }

    /// <summary>The stubs of <paramref name="assemblyNames"/> and of everything they reference, transitively.</summary>
    public IReadOnlyList<CompiledStub> GetClosure(IEnumerable<string> assemblyNames)
    {
        var result = new List<CompiledStub>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in assemblyNames)
        {
            foreach (ApiListing listing in Catalog.GetClosure(name))
            {
                if (seen.Add(listing.AssemblyName))
                {
                    result.Add(Get(listing.AssemblyName));
                }
            }
        }
        return result;
    }
}

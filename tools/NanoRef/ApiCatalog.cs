namespace NanoOmaDm.Tools.NanoRef;

/// <summary>
/// The listings of one API folder (<c>&lt;AssemblyName&gt;.txt</c> files), loaded on demand, with an index of their types.
/// Thread-safe.
/// </summary>
public sealed class ApiCatalog
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ApiListing> _listings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ApiType> _types = new(StringComparer.Ordinal);

    public ApiCatalog(string directory)
    {
        Directory = directory == null ? null : Path.GetFullPath(directory);
    }

    /// <summary>A catalog over listings already in memory (no folder).</summary>
    public static ApiCatalog FromListings(IEnumerable<ApiListing> listings)
    {
        var catalog = new ApiCatalog(null);
        foreach (ApiListing listing in listings)
        {
            catalog.Add(listing);
        }
        return catalog;
    }

    public string Directory { get; }

    public string PathOf(string assemblyName) => Directory == null ? null : Path.Combine(Directory, assemblyName + ".txt");

    public bool TryGetListing(string assemblyName, out ApiListing listing)
    {
        lock (_gate)
        {
            if (_listings.TryGetValue(assemblyName, out listing))
            {
                return true;
            }
            string path = PathOf(assemblyName);
            if (path == null || !File.Exists(path))
            {
                return false;
            }
            listing = ListingParser.ParseFile(path);
            Add(listing);
            return true;
        }
    }

    public ApiListing GetListing(string assemblyName)
    {
        if (!TryGetListing(assemblyName, out ApiListing listing))
        {
            throw new NanoRefException(Directory == null
                ? $"no API listing for assembly '{assemblyName}'"
                : $"no API listing for assembly '{assemblyName}' (expected {PathOf(assemblyName)})");
        }
        return listing;
    }

    /// <summary>The listing and everything its <c># references:</c> name, transitively; dependencies come first.</summary>
    public IReadOnlyList<ApiListing> GetClosure(string assemblyName)
    {
        var result = new List<ApiListing>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        Visit(assemblyName, state, result, new Stack<string>());
        return result;
    }

    private void Visit(string name, Dictionary<string, bool> state, List<ApiListing> result, Stack<string> path)
    {
        if (state.TryGetValue(name, out bool done))
        {
            if (!done)
            {
                throw new NanoRefException("listing references form a cycle: " + string.Join(" -> ", path.Reverse().Append(name)));
            }
            return;
        }
        state[name] = false;
        path.Push(name);
        ApiListing listing = GetListing(name);
        foreach (AssemblyReferenceInfo reference in listing.References)
        {
            Visit(reference.Name, state, result, path);
        }
        path.Pop();
        state[name] = true;
        result.Add(listing);
    }

    /// <summary>A type of any loaded listing by key (<c>System.Action`2</c>, <c>Ns.Outer+Inner</c>).</summary>
    public ApiType FindType(string key)
    {
        lock (_gate)
        {
            return _types.TryGetValue(key, out ApiType type) ? type : null;
        }
    }

    private void Add(ApiListing listing)
    {
        lock (_gate)
        {
            _listings[listing.AssemblyName] = listing;
            foreach (ApiType type in listing.Types)
            {
                _types.TryAdd(type.Key, type);
            }
        }
    }
}

/// <summary>A problem with the tool's input (listings, project files) rather than with the checked sources.</summary>
public sealed class NanoRefException : Exception
{
    public NanoRefException(string message)
        : base(message)
    {
    }
}

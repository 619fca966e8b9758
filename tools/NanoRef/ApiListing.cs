namespace NanoOmaDm.Tools.NanoRef;

/// <summary>One parsed API listing (format 2, see api/FORMAT.md): the public surface of one assembly.</summary>
public sealed class ApiListing
{
    public string AssemblyName { get; set; }
    public Version Version { get; set; }
    /// <summary>The AssemblyNativeVersion, null when the assembly has none.</summary>
    public string NativeVersion { get; set; }
    public List<AssemblyReferenceInfo> References { get; } = new();
    public List<ApiType> Types { get; } = new();
    /// <summary>The file the listing was read from (null when parsed from a string).</summary>
    public string SourcePath { get; set; }

    public bool IsCoreLibrary => References.Count == 0;

    public override string ToString() => $"{AssemblyName}, Version={Version}";
}

public sealed class AssemblyReferenceInfo
{
    public AssemblyReferenceInfo(string name, Version version)
    {
        Name = name;
        Version = version;
    }

    public string Name { get; }
    public Version Version { get; }

    public override string ToString() => $"{Name} {Version}";
}

public enum ApiTypeKind
{
    Class,
    Struct,
    Interface,
    Enum,
    Delegate,
}

/// <summary>A type line of a listing plus its member lines.</summary>
public sealed class ApiType
{
    /// <summary>The name as written on the type line: <c>Ns.Outer+Inner</c>, <c>System.Action&lt;T1,T2&gt;</c>.</summary>
    public string Name { get; set; }
    /// <summary>The parsed definition name (segments carry the generic parameter names).</summary>
    public TypeRef Definition { get; set; }
    public ApiTypeKind Kind { get; set; }
    public HashSet<string> Modifiers { get; } = new(StringComparer.Ordinal);
    /// <summary>Classes: base class first, then interfaces. Structs/interfaces: interfaces. Enums: the underlying type.</summary>
    public List<TypeRef> Bases { get; } = new();
    public List<ApiAnnotation> Annotations { get; } = new();
    /// <summary>Delegates only: the Invoke signature.</summary>
    public List<ApiParameter> DelegateParameters { get; set; }
    public TypeRef DelegateReturnType { get; set; }
    public List<ApiMember> Members { get; } = new();
    public int LineNumber { get; set; }

    /// <summary>Namespace of the outermost type (empty for the global namespace).</summary>
    public string Namespace => Definition.Namespace;
    /// <summary>Metadata-like key: <c>System.Action`2</c>, <c>Ns.Outer`1+Inner</c>.</summary>
    public string Key => Definition.DefinitionKey;
    public bool IsNested => Definition.Segments.Count > 1;
    /// <summary>The simple name of the innermost segment, without generic parameters.</summary>
    public string SimpleName => Definition.Segments[^1].SimpleName;
    /// <summary>The generic parameter names this type declares itself (not those of enclosing types).</summary>
    public IReadOnlyList<string> OwnGenericParameters => Definition.Segments[^1].Arguments.Select(a => a.Name).ToList();

    public bool Has(string modifier) => Modifiers.Contains(modifier);
    public ApiAnnotation Annotation(string name) => Annotations.FirstOrDefault(a => a.Name == name);

    public override string ToString() => Name;
}

public enum ApiMemberKind
{
    Constructor,
    Method,
    Property,
    Indexer,
    Field,
    Event,
}

/// <summary>One member line.</summary>
public sealed class ApiMember
{
    public ApiMemberKind Kind { get; set; }
    /// <summary>The member name as listed: <c>.ctor</c>, <c>Add</c>, <c>System.Collections.IList.Add</c> (explicit), <c>Item</c>.</summary>
    public string Name { get; set; }
    /// <summary>Generic method parameters (<c>Name&lt;T,U&gt;</c>).</summary>
    public List<string> GenericParameters { get; } = new();
    public List<ApiParameter> Parameters { get; } = new();
    /// <summary>Return type of methods; type of properties, indexers, fields and events.</summary>
    public TypeRef Type { get; set; }
    /// <summary>Properties and indexers: the accessors with their visibility prefix ("get", "protected set").</summary>
    public List<string> Accessors { get; } = new();
    /// <summary>Constants: the C# literal after <c>=</c>.</summary>
    public string ConstantValue { get; set; }
    public HashSet<string> Modifiers { get; } = new(StringComparer.Ordinal);
    public List<ApiAnnotation> Annotations { get; } = new();
    public string Line { get; set; }
    public int LineNumber { get; set; }

    public bool Has(string modifier) => Modifiers.Contains(modifier);
    public ApiAnnotation Annotation(string name) => Annotations.FirstOrDefault(a => a.Name == name);

    public override string ToString() => Line;
}

public sealed class ApiParameter
{
    /// <summary>"ref", "out", "in", "params" or null.</summary>
    public string Prefix { get; set; }
    public TypeRef Type { get; set; }
    public string Name { get; set; }
    /// <summary>The default value as a C# literal (or "default"), null when the parameter is not optional.</summary>
    public string DefaultValue { get; set; }

    public override string ToString() =>
        (Prefix == null ? "" : Prefix + " ") + Type + " " + Name + (DefaultValue == null ? "" : " = " + DefaultValue);
}

/// <summary><c>@Name</c> or <c>@Name(args)</c>; <see cref="Arguments"/> holds the raw text between the parentheses.</summary>
public sealed class ApiAnnotation
{
    public ApiAnnotation(string name, string arguments)
    {
        Name = name;
        Arguments = arguments;
    }

    public string Name { get; }
    public string Arguments { get; }

    public override string ToString() => Arguments == null ? "@" + Name : $"@{Name}({Arguments})";
}

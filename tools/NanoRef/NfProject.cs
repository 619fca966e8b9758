using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>An assembly reference of a project: <c>&lt;Reference Include="mscorlib, Version=1.17.11.0, ..."&gt;</c>.</summary>
public sealed class NfReference
{
    public NfReference(string assemblyName, Version version)
    {
        AssemblyName = assemblyName;
        Version = version;
    }

    public string AssemblyName { get; }
    /// <summary>The Version= part of the include, null when absent.</summary>
    public Version Version { get; }
}

/// <summary>
/// What NanoRef reads from a nanoFramework project file (*.nfproj): the assembly name, the sources (its
/// <c>&lt;Compile Include&gt;</c> items and those of the project files it imports, e.g. a shared <c>.projitems</c>),
/// the assembly references and the project references. Not an MSBuild evaluation: properties other than
/// <c>$(MSBuildThisFileDirectory)</c>, <c>$(MSBuildThisFileFullPath)</c>, <c>$(MSBuildProjectDirectory)</c>,
/// <c>$(MSBuildProjectName)</c> and those the project defines unconditionally are unknown, and an import whose path
/// uses an unknown property (the nanoFramework project system's own .props/.targets) is skipped.
/// </summary>
public sealed class NfProject
{
    private static readonly Regex PropertyPattern = new(@"\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)", RegexOptions.CultureInvariant);

    private NfProject(string path)
    {
        FullPath = Path.GetFullPath(path);
        Directory = Path.GetDirectoryName(FullPath);
    }

    public string FullPath { get; }
    public string Directory { get; }
    public string AssemblyName { get; private set; }
    /// <summary>"Library" or "Exe".</summary>
    public string OutputType { get; private set; } = "Library";
    /// <summary>The LangVersion the project sets, null when none.</summary>
    public string LangVersion { get; private set; }
    public List<string> DefineConstants { get; } = new();
    public bool AllowUnsafeBlocks { get; private set; }
    /// <summary>Full paths of the sources, in item order, without duplicates.</summary>
    public List<string> Sources { get; } = new();
    public List<NfReference> References { get; } = new();
    /// <summary>Full paths of the referenced projects.</summary>
    public List<string> ProjectReferences { get; } = new();
    /// <summary>Full paths of the files that hold the project's <c>&lt;Compile&gt;</c> items.</summary>
    public List<string> SourceListFiles { get; } = new();
    /// <summary>Full paths of the project files read (the project and what it imports).</summary>
    public List<string> ImportedFiles { get; } = new();
    /// <summary>Problems found while reading (unresolvable items), reported as errors by the checker.</summary>
    public List<string> Problems { get; } = new();

    public static NfProject Load(string path)
    {
        var project = new NfProject(path);
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["MSBuildProjectDirectory"] = project.Directory,
            ["MSBuildProjectName"] = Path.GetFileNameWithoutExtension(project.FullPath),
            ["MSBuildProjectFullPath"] = project.FullPath,
        };
        project.ReadFile(project.FullPath, properties, 0);
        project.AssemblyName ??= Path.GetFileNameWithoutExtension(project.FullPath);
        return project;
    }

    private void ReadFile(string file, Dictionary<string, string> properties, int depth)
    {
        if (depth > 16 || ImportedFiles.Contains(file, StringComparer.Ordinal))
        {
            return;
        }
        ImportedFiles.Add(file);
        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException)
        {
            throw new NanoRefException($"cannot read project file {file}: {e.Message}");
        }

        string fileDirectory = Path.GetDirectoryName(file);
        var local = new Dictionary<string, string>(properties, StringComparer.OrdinalIgnoreCase)
        {
            ["MSBuildThisFileDirectory"] = fileDirectory + Path.DirectorySeparatorChar,
            ["MSBuildThisFileFullPath"] = file,
            ["MSBuildThisFile"] = Path.GetFileName(file),
        };

        foreach (XElement element in document.Root.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "PropertyGroup":
                    if (element.Attribute("Condition") != null)
                    {
                        continue;
                    }
                    foreach (XElement property in element.Elements())
                    {
                        if (property.Attribute("Condition") != null)
                        {
                            continue;
                        }
                        string value = Expand(property.Value.Trim(), local, out bool complete);
                        if (!complete)
                        {
                            continue;
                        }
                        string name = property.Name.LocalName;
                        properties[name] = value;
                        local[name] = value;
                        switch (name)
                        {
                            case "AssemblyName":
                                AssemblyName = value;
                                break;
                            case "OutputType":
                                OutputType = value;
                                break;
                            case "LangVersion":
                                LangVersion = value;
                                break;
                            case "AllowUnsafeBlocks":
                                AllowUnsafeBlocks = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
                                break;
                            case "DefineConstants":
                                DefineConstants.Clear();
                                DefineConstants.AddRange(value.Split(';', ',', ' ').Where(s => s.Length > 0 && !s.StartsWith("$(", StringComparison.Ordinal)));
                                break;
                        }
                    }
                    break;
                case "Import":
                {
                    string project = element.Attribute("Project")?.Value;
                    if (project == null)
                    {
                        continue;
                    }
                    string expanded = Expand(project, local, out bool complete);
                    if (!complete)
                    {
                        continue;
                    }
                    string importPath = ToFullPath(expanded, fileDirectory);
                    if (File.Exists(importPath))
                    {
                        ReadFile(importPath, properties, depth + 1);
                    }
                    else if (element.Attribute("Condition") == null)
                    {
                        Problems.Add($"imported project '{project}' not found ({importPath})");
                    }
                    break;
                }
                case "ItemGroup":
                    if (element.Attribute("Condition") != null)
                    {
                        continue;
                    }
                    foreach (XElement item in element.Elements())
                    {
                        if (item.Attribute("Condition") != null)
                        {
                            continue;
                        }
                        ReadItem(item, local, fileDirectory);
                    }
                    break;
            }
        }
    }

    private void ReadItem(XElement item, Dictionary<string, string> properties, string fileDirectory)
    {
        string include = item.Attribute("Include")?.Value;
        if (string.IsNullOrWhiteSpace(include))
        {
            if (item.Name.LocalName == "Compile" && item.Attribute("Remove") != null)
            {
                Problems.Add($"<Compile Remove=\"{item.Attribute("Remove").Value}\"> is not supported (list the sources explicitly)");
            }
            return;
        }
        switch (item.Name.LocalName)
        {
            case "Compile":
                string declaringFile = properties["MSBuildThisFileFullPath"];
                if (!SourceListFiles.Contains(declaringFile, StringComparer.Ordinal))
                {
                    SourceListFiles.Add(declaringFile);
                }
                foreach (string part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    string expanded = Expand(part, properties, out bool complete);
                    if (!complete)
                    {
                        Problems.Add($"cannot resolve <Compile Include=\"{part}\"> (unknown property)");
                        continue;
                    }
                    foreach (string path in ExpandWildcards(ToFullPath(expanded, fileDirectory)))
                    {
                        if (!Sources.Contains(path, StringComparer.Ordinal))
                        {
                            Sources.Add(path);
                        }
                    }
                }
                break;
            case "Reference":
            {
                string[] parts = include.Split(',', StringSplitOptions.TrimEntries);
                Version version = null;
                foreach (string part in parts.Skip(1))
                {
                    if (part.StartsWith("Version=", StringComparison.OrdinalIgnoreCase))
                    {
                        Version.TryParse(part.Substring(8), out version);
                    }
                }
                References.Add(new NfReference(parts[0], version));
                break;
            }
            case "ProjectReference":
            {
                string expanded = Expand(include, properties, out bool complete);
                if (!complete)
                {
                    Problems.Add($"cannot resolve <ProjectReference Include=\"{include}\"> (unknown property)");
                    break;
                }
                ProjectReferences.Add(ToFullPath(expanded, fileDirectory));
                break;
            }
        }
    }

    private static string Expand(string text, Dictionary<string, string> properties, out bool complete)
    {
        bool ok = true;
        string result = PropertyPattern.Replace(text, m =>
        {
            if (properties.TryGetValue(m.Groups[1].Value, out string value))
            {
                return value;
            }
            ok = false;
            return m.Value;
        });
        complete = ok;
        return result;
    }

    /// <summary>MSBuild paths use '\' (and '/') as separators; relative ones are relative to the declaring file.</summary>
    private static string ToFullPath(string path, string baseDirectory)
    {
        string normalized = path.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
        return Path.GetFullPath(Path.IsPathRooted(normalized) ? normalized : Path.Combine(baseDirectory, normalized));
    }

    /// <summary>Expands <c>*</c>, <c>?</c> and <c>**</c> in an include (sorted); a path without wildcards is returned as is.</summary>
    private static IEnumerable<string> ExpandWildcards(string path)
    {
        if (path.IndexOfAny(new[] { '*', '?' }) < 0)
        {
            return new[] { path };
        }
        string[] parts = path.Split(Path.DirectorySeparatorChar);
        int firstWild = Array.FindIndex(parts, p => p.IndexOfAny(new[] { '*', '?' }) >= 0);
        string root = string.Join(Path.DirectorySeparatorChar, parts.Take(firstWild));
        if (root.Length == 0)
        {
            root = Path.DirectorySeparatorChar.ToString();
        }
        if (!System.IO.Directory.Exists(root))
        {
            return Array.Empty<string>();
        }
        string pattern = "^" + Regex.Escape(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar) +
            string.Join(Regex.Escape(Path.DirectorySeparatorChar.ToString()), parts.Skip(firstWild).Select(p => p == "**"
                ? "(?:.*)"
                : Regex.Escape(p).Replace(@"\*", "[^/\\\\]*").Replace(@"\?", "[^/\\\\]"))) + "$";
        pattern = pattern.Replace("(?:.*)" + Regex.Escape(Path.DirectorySeparatorChar.ToString()), "(?:.*" + Regex.Escape(Path.DirectorySeparatorChar.ToString()) + ")?");
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(f) && !NanoRefChecker.IsInBuildOutput(f, root))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}

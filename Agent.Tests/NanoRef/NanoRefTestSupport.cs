using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NanoOmaDm.Tools.NanoRef;

namespace NanoOmaDm.Tests.NanoRef;

/// <summary>Paths and the stub set shared by all NanoRef tests (the stubs are compiled once per test run).</summary>
internal static class NanoRefTestSupport
{
    private static readonly Lazy<StubSet> SharedStubs = new(() =>
    {
        StubSet stubs = StubSet.ForDirectory(ApiDirectory);
        stubs.Get("mscorlib");
        return stubs;
    });

    /// <summary>The repository root, found from this source file's location (works wherever the tests are built).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared/platform/api next to the repository (NANOREF_API_DIR overrides).</summary>
    public static string ApiDirectory { get; } =
        Environment.GetEnvironmentVariable("NANOREF_API_DIR") is { Length: > 0 } api ? Path.GetFullPath(api) : NanoRefChecker.DefaultApiDirectory(RepositoryRoot);

    public static StubSet Stubs => SharedStubs.Value;

    private static string FindRepositoryRoot([CallerFilePath] string thisFile = "")
    {
        // <root>/Agent.Tests/NanoRef/NanoRefTestSupport.cs; when the build maps source paths (deterministic CI builds),
        // fall back to the first folder above the working directory or the test binaries that holds Hal/Hal.nfproj.
        var candidates = new List<string>();
        if (Path.IsPathRooted(thisFile) && File.Exists(thisFile))
        {
            candidates.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile), "..", "..")));
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
            {
                candidates.Add(directory.FullName);
            }
        }
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "Hal", "Hal.nfproj"))) ?? candidates.First();
    }

    /// <summary>Compiles <paramref name="source"/> against the mscorlib stub and returns the NF0001 findings.</summary>
    public static IReadOnlyList<Diagnostic> Portability(string source, params string[] references)
    {
        CSharpCompilation compilation = CompileAgainstStubs(source, references);
        return PortabilityRules.Analyze(compilation);
    }

    public static CSharpCompilation CompileAgainstStubs(string source, params string[] references)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), "Snippet.cs");
        IEnumerable<MetadataReference> refs = new[] { "mscorlib" }.Concat(references).Select(r => Stubs.Get(r).Reference);
        return CSharpCompilation.Create("Snippet", new[] { tree }, refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    public static string Describe(CheckResult result)
    {
        var writer = new StringWriter();
        result.WriteTo(writer);
        return writer.ToString();
    }
}

/// <summary>
/// A throw-away repository: portable projects in the layout of the real one (Name/Name.nfproj importing Name.projitems,
/// which lists the sources with $(MSBuildThisFileDirectory) and backslashes).
/// </summary>
internal sealed class TempRepository : IDisposable
{
    private readonly Dictionary<string, List<string>> _sources = new(StringComparer.Ordinal);

    public TempRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "nanoref-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public const string HalReferences =
        "mscorlib, Version=1.17.11.0|nanoFramework.System.Collections, Version=1.5.75.0|nanoFramework.System.Text, Version=1.3.42.0";

    /// <summary>Writes Name/Name.nfproj (+ Name.projitems) with the given references ("a, Version=..|b, Version=..").</summary>
    public TempRepository AddProject(string name, string references = HalReferences, params string[] projectReferences)
    {
        var refs = new StringBuilder();
        foreach (string reference in references.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            string assembly = reference.Split(',')[0];
            refs.Append($"    <Reference Include=\"{reference}, Culture=neutral, PublicKeyToken=c07d481e9758c731\">\n")
                .Append($"      <HintPath>..\\packages\\{assembly}\\lib\\{assembly}.dll</HintPath>\n")
                .Append("      <Private>True</Private>\n    </Reference>\n");
        }
        var projectRefs = new StringBuilder();
        foreach (string project in projectReferences)
        {
            projectRefs.Append($"    <ProjectReference Include=\"..\\{project}\\{project}.nfproj\" />\n");
        }
        WriteFile($"{name}/{name}.nfproj", $@"<?xml version=""1.0"" encoding=""utf-8""?>
<Project ToolsVersion=""15.0"" DefaultTargets=""Build"" xmlns=""http://schemas.microsoft.com/developer/msbuild/2003"">
  <PropertyGroup Label=""Globals"">
    <NanoFrameworkProjectSystemPath>$(MSBuildExtensionsPath)\nanoFramework\v1.0\</NanoFrameworkProjectSystemPath>
  </PropertyGroup>
  <Import Project=""$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props"" Condition=""Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props')"" />
  <PropertyGroup>
    <Configuration Condition="" '$(Configuration)' == '' "">Debug</Configuration>
    <OutputType>Library</OutputType>
    <RootNamespace>Sample.{name}</RootNamespace>
    <AssemblyName>Sample.{name}</AssemblyName>
    <TargetFrameworkVersion>v1.0</TargetFrameworkVersion>
    <LangVersion>9.0</LangVersion>
  </PropertyGroup>
  <Import Project=""$(NanoFrameworkProjectSystemPath)NFProjectSystem.props"" Condition=""Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.props')"" />
  <Import Project=""{name}.projitems"" Label=""Shared"" />
  <ItemGroup>
{projectRefs}  </ItemGroup>
  <ItemGroup>
{refs}  </ItemGroup>
  <Import Project=""$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets"" Condition=""Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets')"" />
</Project>
");
        _sources[name] = new List<string>();
        WriteProjItems(name);
        return this;
    }

    /// <summary>Writes a source file of the project and lists it in the project's .projitems.</summary>
    public TempRepository AddSource(string project, string relativePath, string content)
    {
        WriteFile($"{project}/{relativePath}", content);
        _sources[project].Add(relativePath.Replace('\\', '/'));
        WriteProjItems(project);
        return this;
    }

    /// <summary>Writes a file without listing it anywhere.</summary>
    public TempRepository WriteFile(string relativePath, string content)
    {
        string path = Path.Combine(Root, relativePath.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path));
        File.WriteAllText(path, content);
        return this;
    }

    private void WriteProjItems(string project)
    {
        var items = new StringBuilder();
        foreach (string source in _sources[project])
        {
            items.Append($"    <Compile Include=\"$(MSBuildThisFileDirectory){source.Replace('/', '\\')}\" />\n");
        }
        WriteFile($"{project}/{project}.projitems", $@"<?xml version=""1.0"" encoding=""utf-8""?>
<Project xmlns=""http://schemas.microsoft.com/developer/msbuild/2003"">
  <PropertyGroup>
    <MSBuildAllProjects>$(MSBuildAllProjects);$(MSBuildThisFileFullPath)</MSBuildAllProjects>
    <HasSharedItems>true</HasSharedItems>
  </PropertyGroup>
  <ItemGroup>
{items}  </ItemGroup>
</Project>
");
    }

    /// <summary>Copies a folder of the real repository (without bin/obj).</summary>
    public TempRepository CopyFrom(string sourceDirectory, string relativeTarget)
    {
        foreach (string file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(sourceDirectory, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
            {
                continue;
            }
            string target = Path.Combine(Root, relativeTarget, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target));
            File.Copy(file, target);
        }
        return this;
    }

    public CheckResult Check() => new NanoRefChecker(Root, NanoRefTestSupport.Stubs).Check();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

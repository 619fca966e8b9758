using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>One finding, printed as <c>path(line,col): error CODE: message</c> (path relative to the checked root).</summary>
public sealed class NanoRefDiagnostic
{
    public NanoRefDiagnostic(string path, int line, int column, bool isError, string id, string message)
    {
        Path = path;
        Line = line;
        Column = column;
        IsError = isError;
        Id = id;
        Message = message;
    }

    /// <summary>Path relative to the root ('/' separated), or empty for findings without a file.</summary>
    public string Path { get; }
    /// <summary>1-based; 0 when the finding is about a whole file.</summary>
    public int Line { get; }
    public int Column { get; }
    public bool IsError { get; }
    /// <summary>CSxxxx (compiler), NF0001 (runtime portability), NF0002 (source not listed), NF0003 (project/listing problem).</summary>
    public string Id { get; }
    public string Message { get; }

    public override string ToString()
    {
        string location = Path.Length == 0 ? "NanoRef" : Line > 0 ? $"{Path}({Line},{Column})" : Path;
        return $"{location}: {(IsError ? "error" : "warning")} {Id}: {Message}";
    }
}

public sealed class ProjectCheckResult
{
    /// <summary>Project path relative to the root ('/' separated).</summary>
    public string ProjectPath { get; init; }
    public string AssemblyName { get; init; }
    public int FileCount { get; init; }
    public List<NanoRefDiagnostic> Diagnostics { get; } = new();
    public int ErrorCount => Diagnostics.Count(d => d.IsError);
    public bool Success => ErrorCount == 0;
    public TimeSpan Elapsed { get; set; }

    public string Summary => Success
        ? $"NanoRef: {ProjectPath} OK ({FileCount} files)"
        : $"NanoRef: {ProjectPath} FAILED ({FileCount} files, {ErrorCount} error{(ErrorCount == 1 ? "" : "s")})";
}

public sealed class CheckResult
{
    public List<ProjectCheckResult> Projects { get; } = new();
    /// <summary>Findings not tied to one project (e.g. no project found).</summary>
    public List<NanoRefDiagnostic> GeneralDiagnostics { get; } = new();
    public IEnumerable<NanoRefDiagnostic> AllDiagnostics => GeneralDiagnostics.Concat(Projects.SelectMany(p => p.Diagnostics));
    public IEnumerable<NanoRefDiagnostic> Errors => AllDiagnostics.Where(d => d.IsError);
    public int ErrorCount => Errors.Count();
    public bool Success => ErrorCount == 0;

    public string Verdict => Success
        ? $"NanoRef: PASSED ({Projects.Count} project{(Projects.Count == 1 ? "" : "s")})"
        : $"NanoRef: FAILED ({ErrorCount} error{(ErrorCount == 1 ? "" : "s")} in {Projects.Count(p => !p.Success) + (GeneralDiagnostics.Any(d => d.IsError) ? 1 : 0)} of {Projects.Count} project{(Projects.Count == 1 ? "" : "s")})";

    /// <summary>Everything as the command prints it: diagnostics, one summary line per project, the verdict.</summary>
    public void WriteTo(TextWriter output)
    {
        foreach (NanoRefDiagnostic diagnostic in GeneralDiagnostics)
        {
            output.WriteLine(diagnostic);
        }
        foreach (ProjectCheckResult project in Projects)
        {
            foreach (NanoRefDiagnostic diagnostic in project.Diagnostics)
            {
                output.WriteLine(diagnostic);
            }
        }
        foreach (ProjectCheckResult project in Projects)
        {
            output.WriteLine(project.Summary);
        }
        output.WriteLine(Verdict);
    }
}

/// <summary>
/// The <c>check</c> command: compiles every *.nfproj under a root against reference stubs generated from the API
/// listings (<see cref="StubSet"/>), as the nanoFramework build would (LangVersion 9.0, NANOFRAMEWORK_1_0 defined,
/// only the listed references), applies <see cref="PortabilityRules"/> and reports .cs files the project does not list.
/// </summary>
public sealed class NanoRefChecker
{
    public const string NanoFrameworkSymbol = "NANOFRAMEWORK_1_0";

    private readonly StubSet _stubs;
    private readonly string _root;

    public NanoRefChecker(string root, StubSet stubs)
    {
        _root = Path.GetFullPath(root);
        _stubs = stubs;
    }

    /// <summary>A checker over <paramref name="root"/> using the process-wide stubs of <paramref name="apiDirectory"/>.</summary>
    public static NanoRefChecker Create(string root, string apiDirectory) => new(root, StubSet.ForDirectory(apiDirectory));

    /// <summary>The default API folder: ../shared/platform/api relative to the repository root.</summary>
    public static string DefaultApiDirectory(string root) => Path.GetFullPath(Path.Combine(root, "..", "shared", "platform", "api"));

    public CheckResult Check()
    {
        var result = new CheckResult();
        List<string> projectFiles = FindProjectFiles(_root, "*.nfproj");
        if (projectFiles.Count == 0)
        {
            result.GeneralDiagnostics.Add(new NanoRefDiagnostic("", 0, 0, true, "NF0003", $"no *.nfproj found under {_root}"));
            return result;
        }

        var projects = new Dictionary<string, NfProject>(StringComparer.Ordinal);
        foreach (string file in projectFiles)
        {
            try
            {
                projects[file] = NfProject.Load(file);
            }
            catch (NanoRefException e)
            {
                result.GeneralDiagnostics.Add(new NanoRefDiagnostic(Relative(file), 0, 0, true, "NF0003", e.Message));
            }
        }

        var outputs = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        foreach (NfProject project in Order(projects, result))
        {
            var stopwatch = Stopwatch.StartNew();
            ProjectCheckResult projectResult = CheckProject(project, projects, outputs);
            projectResult.Elapsed = stopwatch.Elapsed;
            result.Projects.Add(projectResult);
        }
        return result;
    }

    /// <summary>Projects in dependency order (referenced projects first).</summary>
    private IEnumerable<NfProject> Order(Dictionary<string, NfProject> projects, CheckResult result)
    {
        var ordered = new List<NfProject>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);

        void Visit(NfProject project)
        {
            if (state.TryGetValue(project.FullPath, out bool done))
            {
                if (!done)
                {
                    result.GeneralDiagnostics.Add(new NanoRefDiagnostic(Relative(project.FullPath), 0, 0, true, "NF0003", "project references form a cycle"));
                }
                return;
            }
            state[project.FullPath] = false;
            foreach (string reference in project.ProjectReferences)
            {
                if (projects.TryGetValue(reference, out NfProject referenced))
                {
                    Visit(referenced);
                }
            }
            state[project.FullPath] = true;
            ordered.Add(project);
        }

        foreach (NfProject project in projects.Values.OrderBy(p => p.FullPath, StringComparer.Ordinal))
        {
            Visit(project);
        }
        return ordered;
    }

    private ProjectCheckResult CheckProject(NfProject project, Dictionary<string, NfProject> projects, Dictionary<string, MetadataReference> outputs)
    {
        string projectPath = Relative(project.FullPath);
        var result = new ProjectCheckResult { ProjectPath = projectPath, AssemblyName = project.AssemblyName, FileCount = project.Sources.Count };
        List<NanoRefDiagnostic> diagnostics = result.Diagnostics;

        foreach (string problem in project.Problems)
        {
            diagnostics.Add(new NanoRefDiagnostic(projectPath, 0, 0, true, "NF0003", problem));
        }

        // Sources on disk that the project does not compile (nanoFramework does not glob: every file must be listed).
        var listed = new HashSet<string>(project.Sources, StringComparer.Ordinal);
        foreach (string file in FindSourcesOnDisk(project.Directory))
        {
            if (!listed.Contains(file))
            {
                string listFile = project.SourceListFiles.Count > 0 ? Relative(project.SourceListFiles[^1]) : projectPath;
                diagnostics.Add(new NanoRefDiagnostic(Relative(file), 0, 0, true, "NF0002",
                    $"{Relative(file)} is not compiled by {projectPath}: add it to {listFile} (nanoFramework builds only listed sources)"));
            }
        }

        // References: the stubs of exactly the listed assemblies (the nanoFramework build passes no others to the compiler).
        var references = new List<MetadataReference>();
        foreach (NfReference reference in project.References)
        {
            if (!_stubs.HasListing(reference.AssemblyName))
            {
                diagnostics.Add(new NanoRefDiagnostic(projectPath, 0, 0, true, "NF0003",
                    $"no API listing for the referenced assembly '{reference.AssemblyName}' (expected {_stubs.Catalog.PathOf(reference.AssemblyName)})"));
                continue;
            }
            try
            {
                CompiledStub stub = _stubs.Get(reference.AssemblyName);
                references.Add(stub.Reference);
                if (reference.Version != null && reference.Version != stub.Listing.Version)
                {
                    diagnostics.Add(new NanoRefDiagnostic(projectPath, 0, 0, false, "NF0004",
                        $"the project references {reference.AssemblyName} {reference.Version}, the API listing describes {stub.Listing.Version}"));
                }
            }
            catch (NanoRefException e)
            {
                diagnostics.Add(new NanoRefDiagnostic(projectPath, 0, 0, true, "NF0003", e.Message));
            }
        }
        foreach (string referencedProject in project.ProjectReferences)
        {
            if (outputs.TryGetValue(referencedProject, out MetadataReference output))
            {
                references.Add(output);
            }
            else if (!projects.ContainsKey(referencedProject))
            {
                diagnostics.Add(new NanoRefDiagnostic(projectPath, 0, 0, true, "NF0003",
                    $"the referenced project {Relative(referencedProject)} is not a nanoFramework project (*.nfproj) under the root"));
            }
        }

        var parseOptions = new CSharpParseOptions(
            ParseLanguageVersion(project.LangVersion, diagnostics, projectPath),
            DocumentationMode.Parse,
            SourceCodeKind.Regular,
            new[] { NanoFrameworkSymbol }.Concat(project.DefineConstants).Distinct(StringComparer.Ordinal));
        var trees = new List<SyntaxTree>();
        foreach (string source in project.Sources)
        {
            if (!File.Exists(source))
            {
                diagnostics.Add(new NanoRefDiagnostic(Relative(source), 0, 0, true, "CS2001", $"Source file '{Relative(source)}' could not be found."));
                continue;
            }
            SourceText text;
            using (FileStream stream = File.OpenRead(source))
            {
                text = SourceText.From(stream, canBeEmbedded: false);
            }
            trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, source));
        }

        var options = new CSharpCompilationOptions(
            string.Equals(project.OutputType, "Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: project.AllowUnsafeBlocks,
            nullableContextOptions: NullableContextOptions.Disable,
            deterministic: true,
            concurrentBuild: true);
        CSharpCompilation compilation = CSharpCompilation.Create(project.AssemblyName, trees, references, options);

        foreach (Diagnostic diagnostic in compilation.GetDiagnostics()
                     .Concat(PortabilityRules.Analyze(compilation))
                     .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
                     .OrderBy(d => d.Location.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
                     .ThenBy(d => d.Location.SourceSpan.Start))
        {
            diagnostics.Add(Convert(diagnostic));
        }

        // The output for dependent projects: a metadata-only image (or the compilation itself when that fails).
        using (var stream = new MemoryStream())
        {
            EmitResult emit = compilation.Emit(stream, options: new EmitOptions(metadataOnly: true));
            outputs[project.FullPath] = emit.Success
                ? MetadataReference.CreateFromImage(stream.ToArray(), filePath: project.AssemblyName + ".dll")
                : compilation.ToMetadataReference();
        }
        return result;
    }

    private static LanguageVersion ParseLanguageVersion(string text, List<NanoRefDiagnostic> diagnostics, string projectPath)
    {
        if (string.IsNullOrEmpty(text))
        {
            return StubCompiler.StubLanguageVersion;
        }
        if (LanguageVersionFacts.TryParse(text, out LanguageVersion version))
        {
            return version;
        }
        diagnostics.Add(new NanoRefDiagnostic(projectPath, 0, 0, true, "NF0003", $"unknown LangVersion '{text}'"));
        return StubCompiler.StubLanguageVersion;
    }

    private NanoRefDiagnostic Convert(Diagnostic diagnostic)
    {
        bool isError = diagnostic.Severity == DiagnosticSeverity.Error;
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (diagnostic.Location.IsInSource)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            return new NanoRefDiagnostic(Relative(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, isError, diagnostic.Id, message);
        }
        return new NanoRefDiagnostic("", 0, 0, isError, diagnostic.Id, message);
    }

    private string Relative(string path)
    {
        string relative = Path.GetRelativePath(_root, path);
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The project files under <paramref name="root"/>, skipping build output, hidden folders and node_modules.</summary>
    public static List<string> FindProjectFiles(string root, string pattern)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(root));
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            result.AddRange(Directory.EnumerateFiles(directory, pattern));
            foreach (string sub in Directory.EnumerateDirectories(directory))
            {
                if (!IsSkippedDirectory(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>
    /// The .cs files under a project folder, without bin/obj and without folders that hold another project (a project
    /// file of any kind: those sources belong to that project).
    /// </summary>
    public static List<string> FindSourcesOnDisk(string projectDirectory)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(projectDirectory);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            result.AddRange(Directory.EnumerateFiles(directory, "*.cs"));
            foreach (string sub in Directory.EnumerateDirectories(directory))
            {
                if (IsSkippedDirectory(Path.GetFileName(sub)) || ContainsProjectFile(sub))
                {
                    continue;
                }
                pending.Push(sub);
            }
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static bool ContainsProjectFile(string directory) =>
        Directory.EnumerateFiles(directory, "*.*proj").Any(f => f.EndsWith("proj", StringComparison.OrdinalIgnoreCase));

    private static bool IsSkippedDirectory(string name) =>
        name is "bin" or "obj" or "node_modules" || name.StartsWith('.');

    /// <summary>True when <paramref name="path"/> lies in a bin/obj (or hidden) folder below <paramref name="root"/>.</summary>
    public static bool IsInBuildOutput(string path, string root)
    {
        string relative = Path.GetRelativePath(root, path);
        return relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(IsSkippedDirectory);
    }
}

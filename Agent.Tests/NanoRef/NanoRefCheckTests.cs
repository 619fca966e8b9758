using NanoOmaDm.Tools.NanoRef;
using Xunit;

namespace NanoOmaDm.Tests.NanoRef;

/// <summary>The check command on small throw-away repositories.</summary>
public class NanoRefCheckTests
{
    private const string AgentReferences =
        "mscorlib, Version=1.17.11.0|nanoFramework.System.Collections, Version=1.5.75.0|nanoFramework.System.Text, Version=1.3.42.0|" +
        "System.IO.Streams, Version=1.1.96.0|System.Threading, Version=1.1.52.0";

    private const string PortableClass = @"using System;
using System.Collections;
using System.Text;

namespace Sample.Hal
{
    public interface IRegistry
    {
        string Describe();
    }

    public sealed class Registry : IRegistry
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly Hashtable _values = new Hashtable();

        public void Add(string name, int value)
        {
            _names.Add(name);
            _values[name] = value;
        }

        public int Count => _names.Count;

        public string Describe()
        {
            var sb = new StringBuilder();
            foreach (string name in _names)
            {
                sb.Append(name).Append('=').Append(((int)_values[name]).ToString()).Append(';');
            }
#if NANOFRAMEWORK_1_0
            sb.Append(""nano"");
#endif
            return sb.ToString();
        }
    }
}
";

    private static TempRepository HalOnly()
    {
        return new TempRepository().AddProject("Hal").AddSource("Hal", "Registry.cs", PortableClass);
    }

    /// <summary>Hal (clean) plus an Agent project that references it and has one source with <paramref name="agentSource"/>.</summary>
    private static TempRepository WithAgentSource(string agentSource)
    {
        return HalOnly()
            .AddProject("Agent", AgentReferences, "Hal")
            .AddSource("Agent", @"Session\Worker.cs", agentSource);
    }

    private static string AgentClass(string usings, string body) => usings + @"
namespace Sample.Agent.Session
{
    public sealed class Worker
    {
" + body + @"
    }
}
";

    [Fact]
    public void CleanPortableProjectPasses()
    {
        using TempRepository repo = HalOnly();

        CheckResult result = repo.Check();

        string output = NanoRefTestSupport.Describe(result);
        Assert.True(result.Success, output);
        ProjectCheckResult project = Assert.Single(result.Projects);
        Assert.Equal("Hal/Hal.nfproj", project.ProjectPath);
        Assert.Equal(1, project.FileCount);
        Assert.Contains("NanoRef: Hal/Hal.nfproj OK (1 files)", output);
        Assert.Contains("NanoRef: PASSED", output);
    }

    [Fact]
    public void AgentUsingTheHalProjectPasses()
    {
        using TempRepository repo = WithAgentSource(AgentClass("using Sample.Hal;\nusing System.IO;\nusing System.Threading;", @"
        private readonly Registry _registry = new Registry();
        public string Run(Stream stream)
        {
            _registry.Add(""a"", 1);
            Thread.Sleep(1);
            var reader = new StreamReader(stream);
            return _registry.Describe() + reader.ReadLine();
        }"));

        CheckResult result = repo.Check();

        Assert.True(result.Success, NanoRefTestSupport.Describe(result));
        Assert.Equal(new[] { "Hal/Hal.nfproj", "Agent/Agent.nfproj" }, result.Projects.Select(p => p.ProjectPath));
    }

    [Fact]
    public void GenericListFailsNamingTheFile()
    {
        using TempRepository repo = WithAgentSource(AgentClass("using System.Collections.Generic;", @"
        private readonly List<int> _items = new List<int>();
        public int Count => _items.Count;"));

        CheckResult result = repo.Check();

        string output = NanoRefTestSupport.Describe(result);
        Assert.False(result.Success, output);
        Assert.Contains(result.Errors, e => e.Path == "Agent/Session/Worker.cs" && e.Line > 0 && e.Message.Contains("List", StringComparison.Ordinal));
        Assert.Contains("Agent/Session/Worker.cs(", output);
        Assert.Contains("NanoRef: Agent/Agent.nfproj FAILED", output);
        Assert.Contains("NanoRef: Hal/Hal.nfproj OK", output);
        Assert.Contains("NanoRef: FAILED", output);
    }

    [Fact]
    public void LinqFails()
    {
        using TempRepository repo = WithAgentSource(AgentClass("using System.Linq;", @"
        public bool Any(int[] values) => values.Any(v => v > 1);"));

        CheckResult result = repo.Check();

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Path == "Agent/Session/Worker.cs" && e.Message.Contains("Linq", StringComparison.Ordinal));
    }

    [Fact]
    public void ActionOfIntCompilesButFailsWithNF0001()
    {
        string source = AgentClass("using System;", @"
        public void Run()
        {
            Action<int> callback = value => { };
            callback(1);
        }");
        int line = source.Split('\n').ToList().FindIndex(l => l.Contains("Action<int>", StringComparison.Ordinal)) + 1;
        using TempRepository repo = WithAgentSource(source);

        CheckResult result = repo.Check();

        string output = NanoRefTestSupport.Describe(result);
        Assert.False(result.Success, output);
        // Stable mscorlib declares Action<T>: the compiler accepts it, only the portability rule rejects it.
        Assert.All(result.Errors, e => Assert.Equal(PortabilityRules.DiagnosticId, e.Id));
        Assert.Contains(result.Errors, e => e.Path == "Agent/Session/Worker.cs" && e.Line == line && e.Message.Contains("System.Action<int>", StringComparison.Ordinal));
        Assert.Contains($"Agent/Session/Worker.cs({line},13): error NF0001: ", output);
    }

    [Fact]
    public void NullableIntFails()
    {
        using TempRepository repo = WithAgentSource(AgentClass("", @"
        public int Get()
        {
            int? value = null;
            return value ?? 0;
        }"));

        CheckResult result = repo.Check();

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Id == PortabilityRules.DiagnosticId && e.Path == "Agent/Session/Worker.cs" && e.Message.Contains("int?", StringComparison.Ordinal));
    }

    [Fact]
    public void SourceMissingFromProjItemsFailsNamingTheFile()
    {
        using TempRepository repo = HalOnly();
        repo.WriteFile("Hal/Extra/Forgotten.cs", "namespace Sample.Hal { public class Forgotten { } }");
        // Sources of a nested project and build output are not the Hal project's.
        repo.WriteFile("Hal/Tool/Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        repo.WriteFile("Hal/Tool/Program.cs", "class Program { }");
        repo.WriteFile("Hal/obj/Debug/Generated.cs", "class Generated { }");

        CheckResult result = repo.Check();

        string output = NanoRefTestSupport.Describe(result);
        Assert.False(result.Success, output);
        NanoRefDiagnostic error = Assert.Single(result.Errors);
        Assert.Equal("NF0002", error.Id);
        Assert.Equal("Hal/Extra/Forgotten.cs", error.Path);
        Assert.Contains("Hal/Hal.projitems", error.Message);
        Assert.Contains("Hal/Extra/Forgotten.cs: error NF0002: ", output);
    }

    [Fact]
    public void ListedSourceThatDoesNotExistFails()
    {
        using TempRepository repo = HalOnly();
        File.Delete(Path.Combine(repo.Root, "Hal", "Registry.cs"));

        CheckResult result = repo.Check();

        Assert.Contains(result.Errors, e => e.Id == "CS2001" && e.Path == "Hal/Registry.cs");
    }

    [Theory]
    [InlineData("public string Joined(string[] parts) => string.Join(\",\", parts);", "Join")]
    [InlineData("public string Replaced() => \"x\".Replace(\"a\", \"b\");", "Replace")]
    [InlineData("public string Upper(string s) => s.ToUpperInvariant();", "ToUpperInvariant")]
    [InlineData("public string Formatted(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);", "InvariantCulture")]
    public void MembersMissingOnNanoFrameworkFail(string member, string name)
    {
        using TempRepository repo = WithAgentSource(AgentClass("", member));

        CheckResult result = repo.Check();

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Path == "Agent/Session/Worker.cs" && e.Id.StartsWith("CS", StringComparison.Ordinal) &&
            e.Message.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyTheListedReferencesAreAvailable()
    {
        // StringBuilder lives in nanoFramework.System.Text, which this project does not reference.
        using TempRepository repo = new TempRepository().AddProject("Hal", "mscorlib, Version=1.17.11.0")
            .AddSource("Hal", "Text.cs", "namespace Sample.Hal { public class Text { public object Make() => new System.Text.StringBuilder(); } }");

        CheckResult result = repo.Check();

        Assert.Contains(result.Errors, e => e.Path == "Hal/Text.cs" && e.Id == "CS0234" && e.Message.Contains("'Text'", StringComparison.Ordinal));
    }

    [Fact]
    public void ReferenceWithoutListingFails()
    {
        using TempRepository repo = new TempRepository()
            .AddProject("Hal", "mscorlib, Version=1.17.11.0|Does.Not.Exist, Version=1.0.0.0")
            .AddSource("Hal", "A.cs", "namespace Sample.Hal { public class A { } }");

        CheckResult result = repo.Check();

        Assert.Contains(result.Errors, e => e.Id == "NF0003" && e.Message.Contains("Does.Not.Exist", StringComparison.Ordinal));
    }

    [Fact]
    public void WarningsDoNotFail()
    {
        using TempRepository repo = new TempRepository().AddProject("Hal")
            .AddSource("Hal", "A.cs", "namespace Sample.Hal { public class A { public void M() { int unused = 1; } } }");

        CheckResult result = repo.Check();

        Assert.True(result.Success, NanoRefTestSupport.Describe(result));
        Assert.Contains(result.AllDiagnostics, d => !d.IsError && d.Id == "CS0219");
    }

    [Fact]
    public void RealHalProjectPasses()
    {
        using var repo = new TempRepository();
        repo.CopyFrom(Path.Combine(NanoRefTestSupport.RepositoryRoot, "Hal"), "Hal");

        CheckResult result = repo.Check();

        Assert.True(result.Success, NanoRefTestSupport.Describe(result));
        ProjectCheckResult hal = Assert.Single(result.Projects);
        Assert.Equal("Hal/Hal.nfproj", hal.ProjectPath);
        Assert.True(hal.FileCount > 0);
    }
}

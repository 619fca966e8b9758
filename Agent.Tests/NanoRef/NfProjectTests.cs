using NanoOmaDm.Tools.NanoRef;
using Xunit;

namespace NanoOmaDm.Tests.NanoRef;

public class NfProjectTests
{
    [Fact]
    public void ReadsSourcesReferencesAndProjectReferencesThroughTheProjItems()
    {
        using TempRepository repo = new TempRepository()
            .AddProject("Hal")
            .AddProject("Agent", "mscorlib, Version=1.17.11.0|System.IO.Streams, Version=1.1.96.0", "Hal")
            .AddSource("Agent", "A.cs", "class A { }")
            .AddSource("Agent", @"Sub\Dir\B.cs", "class B { }");

        NfProject project = NfProject.Load(Path.Combine(repo.Root, "Agent", "Agent.nfproj"));

        Assert.Equal("Sample.Agent", project.AssemblyName);
        Assert.Equal("9.0", project.LangVersion);
        Assert.Equal(
            new[] { Path.Combine(repo.Root, "Agent", "A.cs"), Path.Combine(repo.Root, "Agent", "Sub", "Dir", "B.cs") },
            project.Sources);
        Assert.Equal(new[] { "mscorlib", "System.IO.Streams" }, project.References.Select(r => r.AssemblyName));
        Assert.Equal(new Version(1, 1, 96, 0), project.References[1].Version);
        Assert.Equal(Path.Combine(repo.Root, "Hal", "Hal.nfproj"), Assert.Single(project.ProjectReferences));
        Assert.Equal(Path.Combine(repo.Root, "Agent", "Agent.projitems"), Assert.Single(project.SourceListFiles));
        Assert.Empty(project.Problems);
    }

    [Fact]
    public void ReadsTheRealAgentProject()
    {
        NfProject project = NfProject.Load(Path.Combine(NanoRefTestSupport.RepositoryRoot, "Agent", "Agent.nfproj"));

        Assert.Equal("NanoOmaDm.Agent", project.AssemblyName);
        Assert.Contains(project.References, r => r.AssemblyName == "mscorlib");
        Assert.EndsWith(Path.Combine("Hal", "Hal.nfproj"), Assert.Single(project.ProjectReferences));
        Assert.NotEmpty(project.Sources);
        Assert.All(project.Sources, s => Assert.StartsWith(Path.Combine(NanoRefTestSupport.RepositoryRoot, "Agent") + Path.DirectorySeparatorChar, s));
        Assert.Empty(project.Problems);
    }

    [Fact]
    public void ExpandsWildcardsWithoutBuildOutput()
    {
        using var repo = new TempRepository();
        repo.WriteFile("P/P.nfproj", "<Project><PropertyGroup><AssemblyName>P</AssemblyName></PropertyGroup><ItemGroup><Compile Include=\"**\\*.cs\" /></ItemGroup></Project>")
            .WriteFile("P/A.cs", "")
            .WriteFile("P/Sub/B.cs", "")
            .WriteFile("P/obj/C.cs", "");

        NfProject project = NfProject.Load(Path.Combine(repo.Root, "P", "P.nfproj"));

        Assert.Equal(new[] { Path.Combine(repo.Root, "P", "A.cs"), Path.Combine(repo.Root, "P", "Sub", "B.cs") }, project.Sources);
    }
}

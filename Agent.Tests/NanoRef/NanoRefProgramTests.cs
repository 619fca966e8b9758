using NanoOmaDm.Tools.NanoRef;
using Xunit;

namespace NanoOmaDm.Tests.NanoRef;

/// <summary>The command line as `dotnet run --project tools/NanoRef -- ...` runs it.</summary>
public class NanoRefProgramTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void HelpPrintsUsage(string option)
    {
        var output = new StringWriter();

        int exitCode = NanoRefProgram.Run(new[] { option }, output);

        Assert.Equal(NanoRefProgram.ExitOk, exitCode);
        Assert.Contains("check [--root DIR] [--api DIR]", output.ToString());
        Assert.Contains("listings --from DIR --out DIR", output.ToString());
    }

    [Fact]
    public void NoArgumentsPrintsUsageAndFails()
    {
        var output = new StringWriter();

        Assert.Equal(NanoRefProgram.ExitUsage, NanoRefProgram.Run(Array.Empty<string>(), output));
        Assert.Contains("Usage:", output.ToString());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("check --bogus x")]
    [InlineData("check --root")]
    [InlineData("listings --from only")]
    [InlineData("check unexpected")]
    public void BadArgumentsFailWithExitCode2(string commandLine)
    {
        Assert.Equal(NanoRefProgram.ExitUsage, NanoRefProgram.Run(commandLine.Split(' '), new StringWriter()));
    }

    [Fact]
    public void CheckPassesWithExitCode0AndPrintsOneLinePerProject()
    {
        using TempRepository repo = new TempRepository().AddProject("Hal")
            .AddSource("Hal", "Clock.cs", "namespace Sample.Hal { public interface IClock { System.DateTime UtcNow { get; } } }");
        var output = new StringWriter();

        int exitCode = NanoRefProgram.Run(new[] { "check", "--root", repo.Root, "--api", NanoRefTestSupport.ApiDirectory }, output);

        Assert.True(exitCode == NanoRefProgram.ExitOk, output.ToString());
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("NanoRef: Hal/Hal.nfproj OK (1 files)", lines);
        Assert.Contains("NanoRef: PASSED (1 project)", lines);
    }

    [Fact]
    public void CheckFailsWithExitCode1AndPrintsCompilerMessages()
    {
        using TempRepository repo = new TempRepository().AddProject("Hal")
            .AddSource("Hal", "Broken.cs", "namespace Sample.Hal\n{\n    public class Broken { public string S => string.Join(\",\", new string[0]); }\n}\n");
        var output = new StringWriter();

        int exitCode = NanoRefProgram.Run(new[] { "check", "--root", repo.Root, "--api", NanoRefTestSupport.ApiDirectory }, output);

        Assert.Equal(NanoRefProgram.ExitCheckFailed, exitCode);
        Assert.Contains("Hal/Broken.cs(3,53): error CS0117: 'string' does not contain a definition for 'Join'", output.ToString());
        Assert.Contains("NanoRef: Hal/Hal.nfproj FAILED (1 files, 1 error)", output.ToString());
        Assert.Contains("NanoRef: FAILED (1 error in 1 of 1 project)", output.ToString());
    }

    [Fact]
    public void CheckWithoutProjectsFails()
    {
        using var repo = new TempRepository();
        var output = new StringWriter();

        Assert.Equal(NanoRefProgram.ExitCheckFailed,
            NanoRefProgram.Run(new[] { "check", "--root", repo.Root, "--api", NanoRefTestSupport.ApiDirectory }, output));
        Assert.Contains("no *.nfproj found", output.ToString());
    }

    [Fact]
    public void CheckWithMissingApiFolderFails()
    {
        using var repo = new TempRepository();

        Assert.Equal(NanoRefProgram.ExitUsage,
            NanoRefProgram.Run(new[] { "check", "--root", repo.Root, "--api", Path.Combine(repo.Root, "nope") }, new StringWriter()));
    }

    [Fact]
    public void StubsCommandWritesSourceAndDll()
    {
        using var repo = new TempRepository();
        string outDirectory = Path.Combine(repo.Root, "stubs");
        var output = new StringWriter();

        int exitCode = NanoRefProgram.Run(new[] { "stubs", "--out", outDirectory, "--api", NanoRefTestSupport.ApiDirectory, "nanoFramework.System.Text" }, output);

        Assert.True(exitCode == NanoRefProgram.ExitOk, output.ToString());
        Assert.Contains("class StringBuilder", File.ReadAllText(Path.Combine(outDirectory, "nanoFramework.System.Text.cs")));
        Assert.True(new FileInfo(Path.Combine(outDirectory, "nanoFramework.System.Text.dll")).Length > 0);
        Assert.False(File.Exists(Path.Combine(outDirectory, "mscorlib.dll")));
    }
}

using Microsoft.CodeAnalysis;
using NanoOmaDm.Tools.NanoRef;
using Xunit;

namespace NanoOmaDm.Tests.NanoRef;

/// <summary>NF0001: what the stable nanoFramework runtime cannot execute although it compiles (or nearly).</summary>
public class PortabilityRulesTests
{
    [Theory]
    [InlineData("class C<T> { }", "generic type 'C<T>'")]
    [InlineData("interface I<T> { }", "generic type 'I<T>'")]
    [InlineData("delegate void D<T>(T value);", "generic delegate 'D<T>'")]
    [InlineData("class C { void M<T>() { } }", "generic method 'M<T>'")]
    [InlineData("class C { void M() { void Local<T>() { } } }", "generic local function 'Local<T>'")]
    [InlineData("class C { static int Id<T>(T t) => 0; int M() => Id(1); }", "generic method 'C.Id<int>(int)'")]
    [InlineData("class C { void M() { System.Action<int> a = null; } }", "generic type 'System.Action<int>'")]
    [InlineData("class C { void M() { System.Func<int> f = () => 1; } }", "generic type 'System.Func<int>'")]
    [InlineData("class C { void Run(System.Action<string> a) { } void M() { Run(s => { }); } }", "generic type 'System.Action<string>'")]
    [InlineData("class C { event System.EventHandler<System.EventArgs> Changed; }", "generic type 'System.EventHandler<System.EventArgs>'")]
    [InlineData("class C { System.Action<int>[] Handlers; }", "generic type 'System.Action<int>'")]
    [InlineData("class C { void M() { var list = new System.Collections.Generic.List<int>(); } }", "List<int>")]
    [InlineData("class C { (int, int) M() => default; }", "tuple type '(int, int)'")]
    [InlineData("class C { object M() { return (1, 2); } }", "a tuple")]
    [InlineData("class C { int? x; }", "nullable value type 'int?'")]
    [InlineData("class C { void M(System.DateTime? d) { } }", "nullable value type 'System.DateTime?'")]
    [InlineData("class C { System.Collections.IEnumerable M() { yield return 1; } }", "'yield'")]
    [InlineData("class C { async void M() { } }", "'async'")]
    [InlineData("class C { async void M() { await M2(); } object M2() => null; }", "'await'")]
    [InlineData("class C { object M() => new { A = 1 }; }", "anonymous type")]
    [InlineData("class C { void M(dynamic d) { } }", "'dynamic'")]
    public void ReportsConstructsTheRuntimeCannotRun(string source, string expected)
    {
        IReadOnlyList<Diagnostic> diagnostics = NanoRefTestSupport.Portability(source);

        Assert.Contains(diagnostics, d => d.GetMessage().Contains(expected, StringComparison.Ordinal));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(PortabilityRules.DiagnosticId, d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.True(d.Location.IsInSource);
        });
    }

    [Fact]
    public void ActionCompilesAgainstStableMscorlibSoOnlyTheRuleCatchesIt()
    {
        const string source = "class C { void M() { System.Action<int> a = v => { }; a(1); } }";

        Assert.Empty(NanoRefTestSupport.CompileAgainstStubs(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotEmpty(NanoRefTestSupport.Portability(source));
    }

    [Fact]
    public void OneFindingPerLineAndConstruct()
    {
        IReadOnlyList<Diagnostic> diagnostics = NanoRefTestSupport.Portability(
            "class C { void M() { System.Action<int> a = new System.Action<int>(N); a(1); } void N(int i) { } }");

        Assert.Single(diagnostics);
    }

    [Fact]
    public void PlainPortableCodeIsClean()
    {
        const string source = @"using System;
using System.Collections;

delegate int Transform(int value);

class Point
{
    public int X, Y;
    public void Deconstruct(out int x, out int y) { x = X; y = Y; }
}

abstract class Shape : IDisposable
{
    public abstract double Area { get; }
    public virtual void Dispose() { }
}

sealed class Square : Shape
{
    private readonly double _side;
    public Square(double side) { _side = side; }
    public override double Area => _side * _side;
}

class C
{
    public event EventHandler Changed;
    private readonly int[] _values = new int[3];
    private readonly object _lock = new object();

    int Sum(ArrayList list)
    {
        int s = 0;
        foreach (object o in list)
        {
            if (o is int i)
            {
                s += i;
            }
        }
        return s;
    }

    string Describe(object o) => o switch { string s => s, null => ""null"", _ => o.ToString() };

    int Apply(Transform t) => t(2);

    int M()
    {
        Transform t = v => v * 2;
        int Local(int a) => a + 1;
        var p = new Point { X = 1, Y = 2 };
        var (x, y) = p;
        lock (_lock)
        {
            _values[0] = x;
        }
        using (var square = new Square(2))
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
        return Apply(t) + Local(x) + y + (_values.Length > 0 ? 1 : 0);
    }

    string Text(int i, DateTime when) => $""value {i} at {when}"" + string.Format(""{0}"", i) + nameof(Text);
}
";
        Assert.Empty(NanoRefTestSupport.CompileAgainstStubs(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        IReadOnlyList<Diagnostic> diagnostics = NanoRefTestSupport.Portability(source);
        Assert.True(diagnostics.Count == 0, NanoRefTestSupport.Describe(diagnostics));
    }
}

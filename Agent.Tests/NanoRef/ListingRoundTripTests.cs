using NanoOmaDm.Tools.NanoRef;
using Xunit;

namespace NanoOmaDm.Tests.NanoRef;

/// <summary>
/// Stubs generated from a listing, compiled to DLLs and dumped with <c>listings</c>, give the listing back line by line
/// (FORMAT.md: "dumping the stubs again reproduces the listings").
/// </summary>
public class ListingRoundTripTests
{
    [Theory]
    [InlineData("mscorlib")]
    [InlineData("nanoFramework.System.Text")]
    [InlineData("System.IO.Streams")]
    [InlineData("System.Net.Http")]
    [InlineData("nanoFramework.System.Collections")]
    [InlineData("System.Device.Gpio")]
    public void ListingsCommandReproducesTheListingFromTheStubDll(string assembly)
    {
        string directory = Path.Combine(Path.GetTempPath(), "nanoref-tests", Guid.NewGuid().ToString("N"));
        string dlls = Path.Combine(directory, "lib");
        string listings = Path.Combine(directory, "api");
        Directory.CreateDirectory(dlls);
        try
        {
            CompiledStub stub = NanoRefTestSupport.Stubs.Get(assembly);
            File.WriteAllBytes(Path.Combine(dlls, assembly + ".dll"), stub.Image);
            var output = new StringWriter();

            int exitCode = NanoRefProgram.Run(new[] { "listings", "--from", dlls, "--out", listings }, output);

            Assert.True(exitCode == 0, output.ToString());
            AssertSameLines(File.ReadAllText(Path.Combine(NanoRefTestSupport.ApiDirectory, assembly + ".txt")),
                File.ReadAllText(Path.Combine(listings, assembly + ".txt")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EveryListingRoundTrips()
    {
        var failures = new List<string>();
        foreach (string file in Directory.EnumerateFiles(NanoRefTestSupport.ApiDirectory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            string assembly = Path.GetFileNameWithoutExtension(file);
            string dumped = ListingWriter.FromImage(NanoRefTestSupport.Stubs.Get(assembly).Image);
            string original = File.ReadAllText(file);
            if (dumped != original)
            {
                failures.Add(assembly + ": " + FirstDifference(original, dumped));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Constructs the stable listings do not use (generic methods, constraints, nested generics, pointers...).</summary>
    [Fact]
    public void HandWrittenListingWithRareConstructsRoundTrips()
    {
        string listing = string.Join("\n", new[]
        {
            "Sample.Box<T> [class] : System.Object @Where(T : class, new())",
            "Sample.Box<T>+Slot<U> [struct] @IsReadOnly",
            "Sample.Box<T>+Slot<U>::Value:U [readonly]",
            "Sample.Box<T>::.ctor(T item):System.Void",
            "Sample.Box<T>::Item{get;protected set}:T",
            "Sample.Box<T>::Map<TResult>(System.Func<T,TResult> map):TResult @Where(TResult : struct)",
            "Sample.Box<T>::Slots:Sample.Box<T>+Slot<System.Int32>[] [protected]",
            "Sample.Color [enum] : System.Byte @Flags",
            "Sample.Color::Blue:Sample.Color=4 [const]",
            "Sample.Color::None:Sample.Color=0 [const]",
            "Sample.Color::Red:Sample.Color=1 [const] @Obsolete(\"use Blue\")",
            "Sample.IShape [interface] : System.IDisposable @DefaultMember(\"Item\")",
            "Sample.IShape::Area{get}:System.Double [abstract]",
            "Sample.IShape::Changed event:System.EventHandler [abstract]",
            "Sample.IShape::Item[System.Int32 index]{get}:System.Object [abstract]",
            "Sample.Money [struct] @IsReadOnly",
            "Sample.Money::.ctor(System.Int64 cents):System.Void",
            "Sample.Money::Cents{get}:System.Int64",
            "Sample.Money::Parse(System.String text, System.Int32 radix = 10, System.Char separator = '.', System.String name = null, Sample.Color color = 1, System.Double scale = 1.5D):Sample.Money [static]",
            "Sample.Money::TryParse(System.String text, out Sample.Money result):System.Boolean [static]",
            "Sample.Money::Zero:Sample.Money [static readonly]",
            "Sample.Money::op_Addition(Sample.Money a, Sample.Money b):Sample.Money [static]",
            "Sample.Money::op_Equality(Sample.Money a, Sample.Money b):System.Boolean [static]",
            "Sample.Money::op_Explicit(Sample.Money value):System.Int64 [static]",
            "Sample.Money::op_Implicit(System.Int32 value):Sample.Money [static]",
            "Sample.Money::op_Inequality(Sample.Money a, Sample.Money b):System.Boolean [static]",
            "Sample.Money::op_UnaryNegation(Sample.Money a):Sample.Money [static]",
            "Sample.Shape [class abstract] : System.Object, Sample.IShape, System.IDisposable @DefaultMember(\"Item\")",
            "Sample.Shape+Kind [enum protected] : System.Int32",
            "Sample.Shape+Kind::Round:Sample.Shape+Kind=1 [const]",
            "Sample.Shape::.ctor(Sample.Shape+Kind kind):System.Void [protected]",
            "Sample.Shape::Area{get}:System.Double [abstract]",
            "Sample.Shape::Changed event:System.EventHandler [virtual]",
            "Sample.Shape::Dispose():System.Void",
            "Sample.Shape::Finalize():System.Void [protected override]",
            "Sample.Shape::Item[System.Int32 index]{get}:System.Object [virtual]",
            "Sample.Shape::Limit:System.Double=1.7976931348623157E+308D [const]",
            "Sample.Shape::Name:System.String=\"a \\\"shape\\\" \\u00E9\" [const]",
            "Sample.Shape::Native(System.Byte* data, ref System.Int32 length, params System.Object[] rest):System.Void [static extern]",
            "Sample.Shape::Nothing:System.Single=float.NaN [const]",
            "Sample.Shape::ToString():System.String [sealed override]",
            "Sample.Shapes [class static] : System.Object",
            "Sample.Shapes::Scale(Sample.IShape shape, System.Double factor):System.Double [static extension]",
            "Sample.Square [class sealed] : Sample.Shape, Sample.IShape, System.IDisposable",
            "Sample.Square::.ctor(System.Double side):System.Void",
            "Sample.Square::Area{get}:System.Double [override]",
            "Sample.Square::Sample.IShape.Item[System.Int32 index]{get}:System.Object [explicit]",
            "Sample.Transform<T,TResult> [delegate] (T value):TResult @Variance(in T, out TResult)",
            "Sample.Transform<T,TResult>::.ctor(System.Object object, System.IntPtr method):System.Void",
            "Sample.Transform<T,TResult>::BeginInvoke(T value, System.AsyncCallback callback, System.Object object):System.IAsyncResult [virtual]",
            "Sample.Transform<T,TResult>::EndInvoke(System.IAsyncResult result):TResult [virtual]",
            "Sample.Transform<T,TResult>::Invoke(T value):TResult [virtual]",
        }.OrderBy(l => l, StringComparer.Ordinal));
        int entries = listing.Split('\n').Length;
        string text = $"# Sample, Version=1.2.3.4  ({entries} entries)\n# format: 2 (see api/FORMAT.md)\n# native-version: 100.0.0.1\n# references: mscorlib 1.17.11.0\n{listing}\n";

        ApiListing parsed = ListingParser.Parse(text);
        ApiListing mscorlib = NanoRefTestSupport.Stubs.Catalog.GetListing("mscorlib");
        var catalog = ApiCatalog.FromListings(new[] { mscorlib, parsed });
        string source = StubGenerator.Generate(parsed, catalog);
        CompiledStub stub = StubCompiler.Compile(parsed, source, new[] { NanoRefTestSupport.Stubs.Get("mscorlib").Reference });

        AssertSameLines(text, ListingWriter.FromImage(stub.Image));
    }

    private static void AssertSameLines(string expected, string actual)
    {
        Assert.True(expected == actual, FirstDifference(expected, actual));
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>";
            string al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
            }
        }
        return "identical";
    }
}

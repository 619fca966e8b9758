using NanoOmaDm.Tools.NanoRef;
using Xunit;

namespace NanoOmaDm.Tests.NanoRef;

public class ListingParserTests
{
    private const string Header = "# Demo, Version=1.2.3.4  (0 entries)\n# format: 2 (see api/FORMAT.md)\n# native-version: 100.0.0.1\n# references: mscorlib 1.17.11.0, Other 2.0.0.0\n";

    [Fact]
    public void ParsesTheHeader()
    {
        ApiListing listing = ListingParser.Parse(Header);

        Assert.Equal("Demo", listing.AssemblyName);
        Assert.Equal(new Version(1, 2, 3, 4), listing.Version);
        Assert.Equal("100.0.0.1", listing.NativeVersion);
        Assert.Equal(new[] { "mscorlib 1.17.11.0", "Other 2.0.0.0" }, listing.References.Select(r => r.ToString()));
        Assert.False(listing.IsCoreLibrary);
    }

    [Fact]
    public void ParsesTypeLines()
    {
        ApiListing listing = ListingParser.Parse(Header +
            "System.Collections.ArrayList [class] : System.Object, System.Collections.IList, System.ICloneable @DefaultMember(\"Item\")\n" +
            "System.Func<T,TResult> [delegate] (T arg):TResult @Variance(in T, out TResult)\n" +
            "System.Uri+Flags [enum protected] : System.Int32 @Flags\n" +
            "System.SpanByte [struct] @IsByRefLike @Obsolete(\"Types with embedded references are not supported in this version of your compiler.\", true) @IsReadOnly @DefaultMember(\"Item\")\n");

        ApiType arrayList = listing.Types[0];
        Assert.Equal(ApiTypeKind.Class, arrayList.Kind);
        Assert.Equal(new[] { "System.Object", "System.Collections.IList", "System.ICloneable" }, arrayList.Bases.Select(b => b.ToString()));
        Assert.Equal("\"Item\"", arrayList.Annotation("DefaultMember").Arguments);

        ApiType func = listing.Types[1];
        Assert.Equal(ApiTypeKind.Delegate, func.Kind);
        Assert.Equal("System.Func`2", func.Key);
        Assert.Equal(new[] { "T", "TResult" }, func.OwnGenericParameters);
        Assert.Equal("T arg", Assert.Single(func.DelegateParameters).ToString());
        Assert.Equal("TResult", func.DelegateReturnType.ToString());
        Assert.Equal("in T, out TResult", func.Annotation("Variance").Arguments);

        ApiType flags = listing.Types[2];
        Assert.True(flags.IsNested);
        Assert.True(flags.Has("protected"));
        Assert.Equal("System.Uri", flags.Definition.ParentDefinitionKey);
        Assert.Equal("System.Int32", Assert.Single(flags.Bases).ToString());

        ApiType span = listing.Types[3];
        Assert.Equal(new[] { "IsByRefLike", "Obsolete", "IsReadOnly", "DefaultMember" }, span.Annotations.Select(a => a.Name));
    }

    [Fact]
    public void ParsesMemberLines()
    {
        ApiListing listing = ListingParser.Parse(Header +
            "System.String [class sealed] : System.Object @DefaultMember(\"Chars\")\n" +
            "System.String::Chars[System.Int32 index]{get}:System.Char [extern]\n" +
            "System.String::PadLeft(System.Int32 totalWidth, System.Char paddingChar = ' '):System.String\n" +
            "System.String::Split(params System.Char[] separator):System.String[] [extern]\n" +
            "System.String::Empty:System.String [static readonly]\n" +
            "System.String::Odd:System.String=\"a, b [c] @d\" [const] @Obsolete(\"x (y)\", true)\n" +
            "System.String::System.Collections.IList.Item[System.Int32 index]{get;set}:System.Object [explicit]\n" +
            "System.String::Changed event:System.EventHandler [static]\n" +
            "System.String::Value{get;protected set}:System.Int32 [virtual]\n" +
            "System.String::TryParse(System.String s, out System.Int32 result):System.Boolean [static]\n" +
            "System.String::Map<T,U>(System.Func<T,U> f):U[,] [sealed override] @Where(T : class, new())\n");

        List<ApiMember> members = listing.Types.Single().Members;
        Assert.Equal(ApiMemberKind.Indexer, members[0].Kind);
        Assert.Equal("Chars", members[0].Name);
        Assert.Equal(new[] { "get" }, members[0].Accessors);
        Assert.True(members[0].Has("extern"));

        Assert.Equal("' '", members[1].Parameters[1].DefaultValue);
        Assert.Equal("params", members[2].Parameters[0].Prefix);
        Assert.Equal("System.Char[]", members[2].Parameters[0].Type.ToString());
        Assert.True(members[3].Has("static") && members[3].Has("readonly"));

        Assert.Equal(ApiMemberKind.Field, members[4].Kind);
        Assert.Equal("\"a, b [c] @d\"", members[4].ConstantValue);
        Assert.True(members[4].Has("const"));
        Assert.Equal("\"x (y)\", true", members[4].Annotation("Obsolete").Arguments);

        Assert.Equal("System.Collections.IList.Item", members[5].Name);
        Assert.True(members[5].Has("explicit"));
        Assert.Equal(ApiMemberKind.Event, members[6].Kind);
        Assert.Equal(new[] { "get", "protected set" }, members[7].Accessors);
        Assert.Equal("out", members[8].Parameters[1].Prefix);

        ApiMember map = members[9];
        Assert.Equal("Map", map.Name);
        Assert.Equal(new[] { "T", "U" }, map.GenericParameters);
        Assert.Equal("U[,]", map.Type.ToString());
        Assert.True(map.Has("sealed override"));
        Assert.Equal("T : class, new()", map.Annotation("Where").Arguments);
    }

    [Theory]
    [InlineData("System.Int32")]
    [InlineData("System.Action<System.Int32,System.String>")]
    [InlineData("System.Span<System.Byte>+Enumerator")]
    [InlineData("Outer<T>+Inner2<U>[]")]
    [InlineData("System.Byte*&")]
    [InlineData("System.Int32[,][]")]
    [InlineData("fnptr(System.Int32, System.String):System.Void")]
    public void TypeNamesRoundTrip(string name)
    {
        Assert.Equal(name, TypeRef.Parse(name).ToString());
    }

    [Fact]
    public void NestedGenericKeysCountOwnParametersOnly()
    {
        Assert.Equal("Outer`1+Inner2`1", TypeRef.Parse("Outer<T>+Inner2<U>").DefinitionKey);
        Assert.Equal("System.Span`1+Enumerator", TypeRef.Parse("System.Span<System.Byte>+Enumerator").DefinitionKey);
    }

    [Fact]
    public void RejectsAnotherFormat()
    {
        Assert.Throws<FormatException>(() => ListingParser.Parse("# X, Version=1.0.0.0  (0 entries)\n# format: 1\n"));
    }

    [Fact]
    public void AllShippedListingsParse()
    {
        foreach (string file in Directory.EnumerateFiles(NanoRefTestSupport.ApiDirectory, "*.txt"))
        {
            ApiListing listing = ListingParser.ParseFile(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), listing.AssemblyName);
            Assert.NotEmpty(listing.Types);
        }
    }
}

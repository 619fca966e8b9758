using System.Text;

namespace NanoOmaDm.Tools.NanoRef;

public enum TypeRefKind
{
    /// <summary>A (possibly nested, possibly generic) type, or a generic parameter (one segment, no dot).</summary>
    Named,
    Array,
    Pointer,
    ByRef,
    FunctionPointer,
}

/// <summary>One segment of a type name: <c>System.Span&lt;System.Byte&gt;</c> or (nested) <c>Enumerator</c>.</summary>
public sealed class TypeNameSegment
{
    public TypeNameSegment(string name, List<TypeRef> arguments)
    {
        Name = name;
        Arguments = arguments ?? new List<TypeRef>();
    }

    /// <summary>The name; the first segment includes the namespace.</summary>
    public string Name { get; }
    public List<TypeRef> Arguments { get; }

    /// <summary>The name without namespace.</summary>
    public string SimpleName
    {
        get
        {
            int dot = Name.LastIndexOf('.');
            return dot < 0 ? Name : Name.Substring(dot + 1);
        }
    }
}

/// <summary>A type as written in a listing (see api/FORMAT.md, "Type names").</summary>
public sealed class TypeRef
{
    public TypeRefKind Kind { get; private init; }
    public List<TypeNameSegment> Segments { get; private init; }
    /// <summary>Element type of arrays, pointers and by-refs.</summary>
    public TypeRef Element { get; private init; }
    public int Rank { get; private init; }
    public List<TypeRef> FunctionParameters { get; private init; }
    public TypeRef FunctionReturn { get; private init; }

    public static TypeRef Named(List<TypeNameSegment> segments) => new() { Kind = TypeRefKind.Named, Segments = segments };
    public static TypeRef Simple(string name) => Named(new List<TypeNameSegment> { new(name, null) });
    public static TypeRef ArrayOf(TypeRef element, int rank) => new() { Kind = TypeRefKind.Array, Element = element, Rank = rank };
    public static TypeRef PointerTo(TypeRef element) => new() { Kind = TypeRefKind.Pointer, Element = element };
    public static TypeRef ByRefTo(TypeRef element) => new() { Kind = TypeRefKind.ByRef, Element = element };

    public static TypeRef FunctionPointer(List<TypeRef> parameters, TypeRef returnType) =>
        new() { Kind = TypeRefKind.FunctionPointer, FunctionParameters = parameters, FunctionReturn = returnType };

    /// <summary>True for a one-segment name without namespace and arguments, e.g. <c>T</c> (possibly a generic parameter).</summary>
    public bool IsSimpleIdentifier =>
        Kind == TypeRefKind.Named && Segments.Count == 1 && Segments[0].Arguments.Count == 0 && Segments[0].Name.IndexOf('.') < 0;

    /// <summary>For a simple identifier: the identifier.</summary>
    public string Name => Kind == TypeRefKind.Named ? Segments[0].Name : null;

    public string Namespace
    {
        get
        {
            string first = Segments[0].Name;
            int dot = first.LastIndexOf('.');
            return dot < 0 ? "" : first.Substring(0, dot);
        }
    }

    /// <summary>Metadata-like key of the named type: <c>System.Action`2</c>, <c>Ns.Outer`1+Inner</c>.</summary>
    public string DefinitionKey
    {
        get
        {
            var sb = new StringBuilder();
            for (int i = 0; i < Segments.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append('+');
                }
                sb.Append(Segments[i].Name);
                if (Segments[i].Arguments.Count > 0)
                {
                    sb.Append('`').Append(Segments[i].Arguments.Count);
                }
            }
            return sb.ToString();
        }
    }

    /// <summary>Key of the enclosing type (null for a top-level type).</summary>
    public string ParentDefinitionKey =>
        Segments.Count < 2 ? null : Named(Segments.Take(Segments.Count - 1).ToList()).DefinitionKey;

    /// <summary>All generic arguments of all segments, outermost first.</summary>
    public IEnumerable<TypeRef> AllArguments => Segments.SelectMany(s => s.Arguments);

    /// <summary>The listing spelling.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case TypeRefKind.Array:
                return Element + "[" + new string(',', Rank - 1) + "]";
            case TypeRefKind.Pointer:
                return Element + "*";
            case TypeRefKind.ByRef:
                return Element + "&";
            case TypeRefKind.FunctionPointer:
                return "fnptr(" + string.Join(", ", FunctionParameters) + "):" + FunctionReturn;
            default:
                return string.Join("+", Segments.Select(s =>
                    s.Arguments.Count == 0 ? s.Name : s.Name + "<" + string.Join(",", s.Arguments) + ">"));
        }
    }

    /// <summary>Parses a whole string as one type name.</summary>
    public static TypeRef Parse(string text)
    {
        int pos = 0;
        TypeRef result = Parse(text, ref pos);
        if (pos != text.Length)
        {
            throw new FormatException($"unexpected '{text.Substring(pos)}' after type name in '{text}'");
        }
        return result;
    }

    /// <summary>Parses one type name starting at <paramref name="pos"/>; stops at the first character that cannot continue it.</summary>
    public static TypeRef Parse(string text, ref int pos)
    {
        TypeRef type;
        if (string.CompareOrdinal(text, pos, "fnptr(", 0, 6) == 0)
        {
            pos += 6;
            var parameters = new List<TypeRef>();
            while (pos < text.Length && text[pos] != ')')
            {
                parameters.Add(Parse(text, ref pos));
                if (pos < text.Length && text[pos] == ',')
                {
                    pos++;
                    if (pos < text.Length && text[pos] == ' ')
                    {
                        pos++;
                    }
                }
            }
            Expect(text, ref pos, ')');
            Expect(text, ref pos, ':');
            TypeRef returnType = Parse(text, ref pos);
            type = FunctionPointer(parameters, returnType);
        }
        else
        {
            var segments = new List<TypeNameSegment>();
            while (true)
            {
                int start = pos;
                while (pos < text.Length && !IsDelimiter(text[pos]))
                {
                    pos++;
                }
                if (pos == start)
                {
                    throw new FormatException($"type name expected at {pos} in '{text}'");
                }
                string name = text.Substring(start, pos - start);
                List<TypeRef> arguments = null;
                if (pos < text.Length && text[pos] == '<')
                {
                    pos++;
                    arguments = new List<TypeRef>();
                    while (true)
                    {
                        arguments.Add(Parse(text, ref pos));
                        if (pos < text.Length && text[pos] == ',')
                        {
                            pos++;
                            continue;
                        }
                        Expect(text, ref pos, '>');
                        break;
                    }
                }
                segments.Add(new TypeNameSegment(name, arguments));
                if (pos < text.Length && text[pos] == '+')
                {
                    pos++;
                    continue;
                }
                break;
            }
            type = Named(segments);
        }

        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '[' && pos + 1 < text.Length && (text[pos + 1] == ']' || text[pos + 1] == ','))
            {
                int rank = 1;
                pos++;
                while (text[pos] == ',')
                {
                    rank++;
                    pos++;
                }
                Expect(text, ref pos, ']');
                type = ArrayOf(type, rank);
            }
            else if (c == '*')
            {
                pos++;
                type = PointerTo(type);
            }
            else if (c == '&')
            {
                pos++;
                type = ByRefTo(type);
            }
            else
            {
                break;
            }
        }
        return type;
    }

    private static bool IsDelimiter(char c) =>
        c is '<' or '>' or ',' or '[' or ']' or '*' or '&' or '+' or ' ' or '(' or ')' or ':' or '{' or '}' or '=' or '@';

    private static void Expect(string text, ref int pos, char c)
    {
        if (pos >= text.Length || text[pos] != c)
        {
            throw new FormatException($"'{c}' expected at {pos} in '{text}'");
        }
        pos++;
    }
}

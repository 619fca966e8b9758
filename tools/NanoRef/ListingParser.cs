using System.Text;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>Reads API listings in format 2 (api/FORMAT.md).</summary>
public static class ListingParser
{
    public static ApiListing ParseFile(string path)
    {
        ApiListing listing = Parse(File.ReadAllText(path), Path.GetFileName(path));
        listing.SourcePath = Path.GetFullPath(path);
        return listing;
    }

    public static ApiListing Parse(string text, string fileName = "<listing>")
    {
        var listing = new ApiListing();
        var typesByName = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        var pendingMembers = new List<(string TypeName, ApiMember Member)>();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                if (line[0] == '#')
                {
                    ParseHeader(listing, line);
                }
                else if (IsMemberLine(line))
                {
                    int sep = line.IndexOf("::", StringComparison.Ordinal);
                    ApiMember member = ParseMember(line.Substring(sep + 2));
                    member.Line = line;
                    member.LineNumber = i + 1;
                    pendingMembers.Add((line.Substring(0, sep), member));
                }
                else
                {
                    ApiType type = ParseType(line);
                    type.LineNumber = i + 1;
                    listing.Types.Add(type);
                    typesByName[type.Name] = type;
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"{fileName}({i + 1}): {e.Message}: {line}", e);
            }
        }

        foreach ((string typeName, ApiMember member) in pendingMembers)
        {
            if (!typesByName.TryGetValue(typeName, out ApiType type))
            {
                throw new FormatException($"{fileName}({member.LineNumber}): member of unknown type '{typeName}': {member.Line}");
            }
            type.Members.Add(member);
        }
        if (listing.AssemblyName == null)
        {
            throw new FormatException($"{fileName}: no '# <AssemblyName>, Version=...' header");
        }
        return listing;
    }

    /// <summary>A member line has <c>::</c> in its first space-delimited token.</summary>
    private static bool IsMemberLine(string line)
    {
        int space = line.IndexOf(' ');
        int sep = line.IndexOf("::", StringComparison.Ordinal);
        return sep >= 0 && (space < 0 || sep < space);
    }

    private static void ParseHeader(ApiListing listing, string line)
    {
        string body = line.Substring(1).Trim();
        if (body.StartsWith("format:", StringComparison.Ordinal))
        {
            string value = body.Substring(7).Trim();
            if (!value.StartsWith("2", StringComparison.Ordinal))
            {
                throw new FormatException($"unsupported listing format '{value}' (expected 2)");
            }
        }
        else if (body.StartsWith("native-version:", StringComparison.Ordinal))
        {
            listing.NativeVersion = body.Substring(15).Trim();
        }
        else if (body.StartsWith("references:", StringComparison.Ordinal))
        {
            foreach (string item in body.Substring(11).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int space = item.LastIndexOf(' ');
                if (space < 0)
                {
                    throw new FormatException($"bad reference '{item}'");
                }
                listing.References.Add(new AssemblyReferenceInfo(item.Substring(0, space), Version.Parse(item.Substring(space + 1))));
            }
        }
        else if (listing.AssemblyName == null && body.Contains(", Version=", StringComparison.Ordinal))
        {
            int comma = body.IndexOf(", Version=", StringComparison.Ordinal);
            listing.AssemblyName = body.Substring(0, comma);
            string rest = body.Substring(comma + 10);
            int end = rest.IndexOf(' ');
            listing.Version = Version.Parse(end < 0 ? rest : rest.Substring(0, end));
        }
    }

    /// <summary><c>Name [kind mods] (params):Ret : Base, I1 @Ann</c>.</summary>
    private static ApiType ParseType(string line)
    {
        var type = new ApiType();
        int pos = 0;
        type.Definition = TypeRef.Parse(line, ref pos);
        type.Name = line.Substring(0, pos);
        Expect(line, ref pos, " [");
        int close = line.IndexOf(']', pos);
        string[] kindAndModifiers = line.Substring(pos, close - pos).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        pos = close + 1;
        type.Kind = kindAndModifiers[0] switch
        {
            "class" => ApiTypeKind.Class,
            "struct" => ApiTypeKind.Struct,
            "interface" => ApiTypeKind.Interface,
            "enum" => ApiTypeKind.Enum,
            "delegate" => ApiTypeKind.Delegate,
            _ => throw new FormatException($"unknown type kind '{kindAndModifiers[0]}'"),
        };
        foreach (string modifier in kindAndModifiers.Skip(1))
        {
            type.Modifiers.Add(modifier);
        }

        if (type.Kind == ApiTypeKind.Delegate)
        {
            Expect(line, ref pos, " (");
            type.DelegateParameters = ParseParameters(line, ref pos, ')');
            Expect(line, ref pos, ":");
            type.DelegateReturnType = TypeRef.Parse(line, ref pos);
        }

        if (string.CompareOrdinal(line, pos, " : ", 0, 3) == 0)
        {
            pos += 3;
            while (true)
            {
                type.Bases.Add(TypeRef.Parse(line, ref pos));
                if (string.CompareOrdinal(line, pos, ", ", 0, 2) == 0)
                {
                    pos += 2;
                    continue;
                }
                break;
            }
        }
        ParseAnnotations(line, ref pos, type.Annotations);
        return type;
    }

    private static ApiMember ParseMember(string text)
    {
        var member = new ApiMember();
        int pos = 0;
        // The name: up to the first '(', '[', '{', ':' or ' ' outside <...>.
        int depth = 0;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
            }
            else if (depth == 0 && c is '(' or '[' or '{' or ':' or ' ')
            {
                break;
            }
            pos++;
        }
        string name = text.Substring(0, pos);
        char next = pos < text.Length ? text[pos] : '\0';

        if (next == '(')
        {
            // Generic method: Name<T,U> (only when the name does not end in an explicit interface name's '>').
            if (name.EndsWith('>'))
            {
                int open = FindGenericOpen(name);
                if (open >= 0 && name.IndexOf('.', open) < 0)
                {
                    member.GenericParameters.AddRange(name.Substring(open + 1, name.Length - open - 2).Split(','));
                    name = name.Substring(0, open);
                }
            }
            member.Name = name;
            member.Kind = name == ".ctor" ? ApiMemberKind.Constructor : ApiMemberKind.Method;
            pos++;
            member.Parameters.AddRange(ParseParameters(text, ref pos, ')'));
            Expect(text, ref pos, ":");
            member.Type = TypeRef.Parse(text, ref pos);
        }
        else if (next == '[')
        {
            member.Name = name;
            member.Kind = ApiMemberKind.Indexer;
            pos++;
            member.Parameters.AddRange(ParseParameters(text, ref pos, ']'));
            ParseAccessors(text, ref pos, member);
            Expect(text, ref pos, ":");
            member.Type = TypeRef.Parse(text, ref pos);
        }
        else if (next == '{')
        {
            member.Name = name;
            member.Kind = ApiMemberKind.Property;
            ParseAccessors(text, ref pos, member);
            Expect(text, ref pos, ":");
            member.Type = TypeRef.Parse(text, ref pos);
        }
        else if (next == ' ' && string.CompareOrdinal(text, pos, " event:", 0, 7) == 0)
        {
            member.Name = name;
            member.Kind = ApiMemberKind.Event;
            pos += 7;
            member.Type = TypeRef.Parse(text, ref pos);
        }
        else if (next == ':')
        {
            member.Name = name;
            member.Kind = ApiMemberKind.Field;
            pos++;
            member.Type = TypeRef.Parse(text, ref pos);
            if (pos < text.Length && text[pos] == '=')
            {
                pos++;
                member.ConstantValue = ReadLiteral(text, ref pos);
            }
        }
        else
        {
            throw new FormatException($"cannot parse member '{text}'");
        }

        if (string.CompareOrdinal(text, pos, " [", 0, 2) == 0)
        {
            pos += 2;
            int close = text.IndexOf(']', pos);
            string modifiers = text.Substring(pos, close - pos);
            pos = close + 1;
            // "sealed override" is one modifier.
            modifiers = modifiers.Replace("sealed override", "sealed-override", StringComparison.Ordinal);
            foreach (string m in modifiers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                member.Modifiers.Add(m == "sealed-override" ? "sealed override" : m);
            }
        }
        ParseAnnotations(text, ref pos, member.Annotations);
        return member;
    }

    private static int FindGenericOpen(string name)
    {
        int depth = 0;
        for (int i = name.Length - 1; i >= 0; i--)
        {
            if (name[i] == '>')
            {
                depth++;
            }
            else if (name[i] == '<')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }
        return -1;
    }

    private static void ParseAccessors(string text, ref int pos, ApiMember member)
    {
        Expect(text, ref pos, "{");
        int close = text.IndexOf('}', pos);
        foreach (string accessor in text.Substring(pos, close - pos).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            member.Accessors.Add(accessor);
        }
        pos = close + 1;
    }

    /// <summary>Parameters up to (and including) <paramref name="close"/>.</summary>
    private static List<ApiParameter> ParseParameters(string text, ref int pos, char close)
    {
        var result = new List<ApiParameter>();
        if (pos < text.Length && text[pos] == close)
        {
            pos++;
            return result;
        }
        while (true)
        {
            var parameter = new ApiParameter();
            foreach (string prefix in new[] { "ref ", "out ", "in ", "params " })
            {
                if (string.CompareOrdinal(text, pos, prefix, 0, prefix.Length) == 0)
                {
                    parameter.Prefix = prefix.TrimEnd();
                    pos += prefix.Length;
                    break;
                }
            }
            parameter.Type = TypeRef.Parse(text, ref pos);
            Expect(text, ref pos, " ");
            int start = pos;
            while (pos < text.Length && text[pos] != ',' && text[pos] != close && text[pos] != ' ')
            {
                pos++;
            }
            parameter.Name = text.Substring(start, pos - start);
            if (string.CompareOrdinal(text, pos, " = ", 0, 3) == 0)
            {
                pos += 3;
                parameter.DefaultValue = ReadLiteral(text, ref pos, close);
            }
            result.Add(parameter);
            if (string.CompareOrdinal(text, pos, ", ", 0, 2) == 0)
            {
                pos += 2;
                continue;
            }
            Expect(text, ref pos, close.ToString());
            return result;
        }
    }

    /// <summary>A C# literal: a string or char literal, or everything up to a space (or ',' / <paramref name="close"/>).</summary>
    private static string ReadLiteral(string text, ref int pos, char close = '\0')
    {
        int start = pos;
        if (pos < text.Length && (text[pos] == '"' || text[pos] == '\''))
        {
            char quote = text[pos++];
            while (pos < text.Length && text[pos] != quote)
            {
                if (text[pos] == '\\')
                {
                    pos++;
                }
                pos++;
            }
            pos++;
        }
        else
        {
            while (pos < text.Length && text[pos] != ' ' && text[pos] != ',' && (close == '\0' || text[pos] != close))
            {
                pos++;
            }
        }
        return text.Substring(start, pos - start);
    }

    private static void ParseAnnotations(string text, ref int pos, List<ApiAnnotation> annotations)
    {
        while (pos < text.Length)
        {
            Expect(text, ref pos, " @");
            int start = pos;
            while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_'))
            {
                pos++;
            }
            string name = text.Substring(start, pos - start);
            string arguments = null;
            if (pos < text.Length && text[pos] == '(')
            {
                pos++;
                int argStart = pos;
                int depth = 1;
                while (pos < text.Length)
                {
                    char c = text[pos];
                    if (c == '"' || c == '\'')
                    {
                        pos++;
                        while (pos < text.Length && text[pos] != c)
                        {
                            if (text[pos] == '\\')
                            {
                                pos++;
                            }
                            pos++;
                        }
                    }
                    else if (c == '(')
                    {
                        depth++;
                    }
                    else if (c == ')')
                    {
                        depth--;
                        if (depth == 0)
                        {
                            break;
                        }
                    }
                    pos++;
                }
                arguments = text.Substring(argStart, pos - argStart);
                Expect(text, ref pos, ")");
            }
            annotations.Add(new ApiAnnotation(name, arguments));
        }
    }

    private static void Expect(string text, ref int pos, string expected)
    {
        if (string.CompareOrdinal(text, pos, expected, 0, expected.Length) != 0)
        {
            throw new FormatException($"'{expected}' expected at column {pos + 1}");
        }
        pos += expected.Length;
    }

    /// <summary>Splits annotation arguments at top-level commas (outside quotes and parentheses).</summary>
    public static List<string> SplitArguments(string arguments)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(arguments))
        {
            return result;
        }
        var current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < arguments.Length; i++)
        {
            char c = arguments[i];
            if (c == '"' || c == '\'')
            {
                current.Append(c);
                i++;
                while (i < arguments.Length && arguments[i] != c)
                {
                    if (arguments[i] == '\\')
                    {
                        current.Append(arguments[i++]);
                    }
                    current.Append(arguments[i++]);
                }
                if (i < arguments.Length)
                {
                    current.Append(c);
                }
                continue;
            }
            if (c is '(' or '<')
            {
                depth++;
            }
            else if (c is ')' or '>')
            {
                depth--;
            }
            if (c == ',' && depth == 0)
            {
                result.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0)
        {
            result.Add(current.ToString().Trim());
        }
        return result;
    }
}

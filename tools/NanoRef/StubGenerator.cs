using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>
/// Turns one API listing into C# source for a reference stub: every listed type and member with the listed signature,
/// modifiers and attributes; no bodies (members are <c>extern</c>, so constructors need no base call); native methods
/// get <c>[MethodImpl(InternalCall)]</c> and the assembly gets its AssemblyVersion/AssemblyNativeVersion, so that
/// dumping the compiled stub (<see cref="ListingWriter"/>) reproduces the listing.
/// </summary>
public sealed class StubGenerator
{
    private const string InternalCallAttribute =
        "[global::System.Runtime.CompilerServices.MethodImpl((global::System.Runtime.CompilerServices.MethodImplOptions)4096)]";

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Void"] = "void",
        ["System.Boolean"] = "bool",
        ["System.Char"] = "char",
        ["System.SByte"] = "sbyte",
        ["System.Byte"] = "byte",
        ["System.Int16"] = "short",
        ["System.UInt16"] = "ushort",
        ["System.Int32"] = "int",
        ["System.UInt32"] = "uint",
        ["System.Int64"] = "long",
        ["System.UInt64"] = "ulong",
        ["System.Single"] = "float",
        ["System.Double"] = "double",
        ["System.String"] = "string",
        ["System.Object"] = "object",
    };

    private static readonly Dictionary<string, string> UnaryOperators = new(StringComparer.Ordinal)
    {
        ["op_UnaryNegation"] = "-",
        ["op_UnaryPlus"] = "+",
        ["op_LogicalNot"] = "!",
        ["op_OnesComplement"] = "~",
        ["op_Increment"] = "++",
        ["op_Decrement"] = "--",
        ["op_True"] = "true",
        ["op_False"] = "false",
    };

    private static readonly Dictionary<string, string> BinaryOperators = new(StringComparer.Ordinal)
    {
        ["op_Addition"] = "+",
        ["op_Subtraction"] = "-",
        ["op_Multiply"] = "*",
        ["op_Division"] = "/",
        ["op_Modulus"] = "%",
        ["op_BitwiseAnd"] = "&",
        ["op_BitwiseOr"] = "|",
        ["op_ExclusiveOr"] = "^",
        ["op_LeftShift"] = "<<",
        ["op_RightShift"] = ">>",
        ["op_Equality"] = "==",
        ["op_Inequality"] = "!=",
        ["op_LessThan"] = "<",
        ["op_GreaterThan"] = ">",
        ["op_LessThanOrEqual"] = "<=",
        ["op_GreaterThanOrEqual"] = ">=",
    };

    private readonly ApiListing _listing;
    private readonly ApiCatalog _catalog;
    private readonly StringBuilder _out = new();
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private int _indent;

    private StubGenerator(ApiListing listing, ApiCatalog catalog)
    {
        _listing = listing;
        _catalog = catalog;
    }

    /// <summary>
    /// The stub source of <paramref name="listing"/>. <paramref name="catalog"/> must hold the listings it references
    /// (transitively), so that value types, enums and the attribute types can be told apart.
    /// </summary>
    public static string Generate(ApiListing listing, ApiCatalog catalog)
    {
        return new StubGenerator(listing, catalog).Generate();
    }

    private bool IsCoreLibrary => _listing.IsCoreLibrary;

    private string Generate()
    {
        Line($"[assembly: global::System.Reflection.AssemblyVersion(\"{_listing.Version}\")]");
        if (_listing.NativeVersion != null && _catalog.FindType("System.Reflection.AssemblyNativeVersionAttribute") != null)
        {
            Line($"[assembly: global::System.Reflection.AssemblyNativeVersion({Quote(_listing.NativeVersion)})]");
        }

        var children = new Dictionary<string, List<ApiType>>(StringComparer.Ordinal);
        var topLevel = new List<ApiType>();
        var keys = new HashSet<string>(_listing.Types.Select(t => t.Key), StringComparer.Ordinal);
        foreach (ApiType type in _listing.Types)
        {
            string parent = type.Definition.ParentDefinitionKey;
            if (parent == null)
            {
                topLevel.Add(type);
            }
            else if (keys.Contains(parent))
            {
                if (!children.TryGetValue(parent, out List<ApiType> list))
                {
                    children[parent] = list = new List<ApiType>();
                }
                list.Add(type);
            }
        }

        foreach (IGrouping<string, ApiType> ns in topLevel.GroupBy(t => t.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool hasNamespace = ns.Key.Length > 0;
            if (hasNamespace)
            {
                Line("namespace " + string.Join(".", ns.Key.Split('.').Select(Escape)));
                Line("{");
                _indent++;
            }
            foreach (ApiType type in ns)
            {
                WriteType(type, children, new List<string>());
            }
            if (hasNamespace)
            {
                _indent--;
                Line("}");
            }
        }

        WriteReferenceAnchors();

        var header = new StringBuilder();
        header.Append("// <auto-generated> NanoRef reference stub of ").Append(_listing).Append(" </auto-generated>\n");
        header.Append("#pragma warning disable\n");
        foreach (KeyValuePair<string, string> alias in _aliases.OrderBy(a => a.Value, StringComparer.Ordinal))
        {
            header.Append("using ").Append(alias.Value).Append(" = ").Append(alias.Key).Append(";\n");
        }
        return header.Append(_out).ToString();
    }

    /// <summary>
    /// The name of an explicitly implemented interface. The compiler names the implementing member after the interface
    /// as written, so <c>global::</c> must not be written there; a using alias (global, unambiguous) is. Interfaces that
    /// mention type parameters are written qualified but without <c>global::</c>.
    /// </summary>
    private string ExplicitInterfaceName(TypeRef interfaceType, IReadOnlyCollection<string> scope)
    {
        string qualified = TypeName(interfaceType, scope);
        if (MentionsTypeParameter(interfaceType, scope))
        {
            return qualified.Replace("global::", "", StringComparison.Ordinal);
        }
        if (!_aliases.TryGetValue(qualified, out string alias))
        {
            alias = "NanoRefInterface" + _aliases.Count.ToString(CultureInfo.InvariantCulture) + "__";
            _aliases[qualified] = alias;
        }
        return alias;
    }

    private static bool MentionsTypeParameter(TypeRef type, IReadOnlyCollection<string> scope)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Named:
                return (type.IsSimpleIdentifier && scope.Contains(type.Name)) || type.AllArguments.Any(a => MentionsTypeParameter(a, scope));
            case TypeRefKind.FunctionPointer:
                return type.FunctionParameters.Append(type.FunctionReturn).Any(a => MentionsTypeParameter(a, scope));
            default:
                return MentionsTypeParameter(type.Element, scope);
        }
    }

    /// <summary>
    /// The C# compiler only records an assembly reference for assemblies whose types the output uses. The listing's
    /// <c># references:</c> names every reference of the real DLL (its internals may use more than its public surface),
    /// so an internal (hence unlisted) method mentions one type of each referenced assembly.
    /// </summary>
    private void WriteReferenceAnchors()
    {
        var parameters = new List<string>();
        foreach (AssemblyReferenceInfo reference in _listing.References)
        {
            if (!_catalog.TryGetListing(reference.Name, out ApiListing referenced) || referenced.IsCoreLibrary)
            {
                continue;
            }
            ApiType anchor = referenced.Types.FirstOrDefault(t =>
                !t.IsNested && t.OwnGenericParameters.Count == 0 && !t.Has("static") && t.Annotation("IsByRefLike") == null);
            if (anchor != null)
            {
                parameters.Add(TypeName(anchor.Definition, NoScope) + " a" + parameters.Count);
            }
        }
        if (parameters.Count > 0)
        {
            Line("internal static class NanoRefAssemblyReferences__");
            Line("{");
            Line("    internal static extern void Use(" + string.Join(", ", parameters) + ");");
            Line("}");
        }
    }

    private static readonly IReadOnlyCollection<string> NoScope = Array.Empty<string>();

    private void WriteType(ApiType type, Dictionary<string, List<ApiType>> children, List<string> outerScope)
    {
        var scope = new List<string>(outerScope);
        scope.AddRange(type.OwnGenericParameters);
        string name = Escape(type.SimpleName);
        string access = type.IsNested && type.Has("protected") ? "protected" : "public";
        bool unsafeNeeded = NeedsUnsafe(type);

        WriteTypeAttributes(type);
        string typeParameters = TypeParameterList(type.OwnGenericParameters, type.Annotation("Variance"));
        string constraints = Constraints(type.Annotations, scope);
        var modifiers = new List<string> { access };
        if (unsafeNeeded)
        {
            modifiers.Add("unsafe");
        }

        if (type.Kind == ApiTypeKind.Delegate)
        {
            Line($"{string.Join(" ", modifiers)} delegate {ReturnType(type.DelegateReturnType, scope)} {name}{typeParameters}({Parameters(type.DelegateParameters, scope, false)}){constraints};");
            return;
        }

        string kind;
        var bases = new List<TypeRef>(type.Bases);
        switch (type.Kind)
        {
            case ApiTypeKind.Class:
                kind = "class";
                if (type.Has("static"))
                {
                    modifiers.Add("static");
                }
                else if (type.Has("abstract"))
                {
                    modifiers.Add("abstract");
                }
                else if (type.Has("sealed"))
                {
                    modifiers.Add("sealed");
                }
                if (bases.Count > 0 && (type.Has("static") || IsObject(bases[0])))
                {
                    bases.RemoveAt(0);
                }
                break;
            case ApiTypeKind.Struct:
                kind = "struct";
                if (type.Annotation("IsReadOnly") != null)
                {
                    modifiers.Add("readonly");
                }
                if (type.Annotation("IsByRefLike") != null)
                {
                    modifiers.Add("ref");
                }
                break;
            case ApiTypeKind.Interface:
                kind = "interface";
                break;
            default:
                kind = "enum";
                break;
        }

        string baseList = "";
        if (type.Kind == ApiTypeKind.Enum)
        {
            if (bases.Count > 0)
            {
                baseList = " : " + TypeName(bases[0], NoScope);
            }
        }
        else
        {
            bases.RemoveAll(b => !IsResolvable(b, scope));
            if (bases.Count > 0)
            {
                baseList = " : " + string.Join(", ", bases.Select(b => TypeName(b, scope)));
            }
        }

        Line($"{string.Join(" ", modifiers)} {kind} {name}{typeParameters}{baseList}{constraints}");
        Line("{");
        _indent++;
        if (type.Kind == ApiTypeKind.Enum)
        {
            foreach (ApiMember member in type.Members.Where(m => m.Kind == ApiMemberKind.Field && m.ConstantValue != null))
            {
                WriteMemberAttributes(member);
                Line($"{Escape(member.Name)} = {member.ConstantValue},");
            }
        }
        else
        {
            bool isInterface = type.Kind == ApiTypeKind.Interface;
            if (type.Kind == ApiTypeKind.Class && !type.Has("static") && !type.Members.Any(m => m.Kind == ApiMemberKind.Constructor))
            {
                // Without a listed constructor the type has none that callers can use; C# must not add a public one.
                Line($"internal extern {name}();");
            }
            foreach (ApiMember member in type.Members)
            {
                WriteMember(type, member, scope, isInterface);
            }
        }
        if (children.TryGetValue(type.Key, out List<ApiType> nested))
        {
            foreach (ApiType child in nested)
            {
                WriteType(child, children, scope);
            }
        }
        _indent--;
        Line("}");
    }

    private void WriteTypeAttributes(ApiType type)
    {
        bool hasIndexer = type.Members.Any(m => m.Kind == ApiMemberKind.Indexer && !m.Has("explicit"));
        foreach (ApiAnnotation annotation in type.Annotations)
        {
            switch (annotation.Name)
            {
                case "Flags":
                    Line("[global::System.Flags]");
                    break;
                case "AttributeUsage":
                    Line($"[global::System.AttributeUsage({AttributeArguments(annotation.Arguments)})]");
                    break;
                case "Obsolete":
                    // The compiler marks every ref struct with this Obsolete itself.
                    if (type.Annotation("IsByRefLike") != null &&
                        annotation.Arguments != null &&
                        annotation.Arguments.StartsWith("\"Types with embedded references are not supported", StringComparison.Ordinal))
                    {
                        break;
                    }
                    Line(annotation.Arguments == null ? "[global::System.Obsolete]" : $"[global::System.Obsolete({annotation.Arguments})]");
                    break;
                case "DefaultMember":
                    // The compiler adds [DefaultMember] itself to a type that declares an indexer.
                    if (!hasIndexer)
                    {
                        Line($"[global::System.Reflection.DefaultMember({annotation.Arguments})]");
                    }
                    break;
            }
        }
    }

    private void WriteMemberAttributes(ApiMember member)
    {
        foreach (ApiAnnotation annotation in member.Annotations)
        {
            if (annotation.Name == "Obsolete")
            {
                Line(annotation.Arguments == null ? "[global::System.Obsolete]" : $"[global::System.Obsolete({annotation.Arguments})]");
            }
        }
    }

    /// <summary><c>(System.AttributeTargets)4, AllowMultiple=true</c>: enum casts get <c>global::</c>.</summary>
    private static string AttributeArguments(string arguments)
    {
        return string.Join(", ", ListingParser.SplitArguments(arguments).Select(argument =>
        {
            if (argument.StartsWith('(') && argument.IndexOf(')') > 0)
            {
                int close = argument.IndexOf(')');
                string typeName = argument.Substring(1, close - 1);
                string value = argument.Substring(close + 1);
                return $"(global::{typeName})({value})";
            }
            return argument;
        }));
    }

    private void WriteMember(ApiType type, ApiMember member, List<string> typeScope, bool isInterface)
    {
        var scope = new List<string>(typeScope);
        scope.AddRange(member.GenericParameters);
        bool isExtern = member.Has("extern");
        bool isAbstract = member.Has("abstract") || isInterface;
        bool isExplicit = member.Has("explicit");
        string typeName = Escape(type.SimpleName);

        if (type.Kind == ApiTypeKind.Delegate)
        {
            return;
        }

        string access = isInterface || isExplicit ? "" : member.Has("protected") ? "protected " : "public ";
        var modifierList = new List<string>();
        if (!isInterface)
        {
            if (member.Has("static"))
            {
                modifierList.Add("static");
            }
            if (member.Has("abstract"))
            {
                modifierList.Add("abstract");
            }
            if (member.Has("virtual"))
            {
                modifierList.Add("virtual");
            }
            if (member.Has("sealed override"))
            {
                modifierList.Add("sealed override");
            }
            else if (member.Has("override"))
            {
                modifierList.Add("override");
            }
        }
        if (!isAbstract && member.Kind != ApiMemberKind.Field)
        {
            modifierList.Add("extern");
        }
        string modifiers = access + string.Join("", modifierList.Select(m => m + " "));

        string explicitPrefix = "";
        string memberName = member.Name;
        if (isExplicit)
        {
            int dot = LastDotOutsideAngles(member.Name);
            TypeRef interfaceType = TypeRef.Parse(member.Name.Substring(0, dot));
            if (!IsResolvable(interfaceType, scope))
            {
                return;
            }
            explicitPrefix = ExplicitInterfaceName(interfaceType, scope) + ".";
            memberName = member.Name.Substring(dot + 1);
        }

        switch (member.Kind)
        {
            case ApiMemberKind.Field:
            {
                WriteMemberAttributes(member);
                string fieldModifiers = access;
                if (member.Has("const"))
                {
                    Line($"{fieldModifiers}const {TypeName(member.Type, scope)} {Escape(memberName)} = {Literal(member.ConstantValue, member.Type)};");
                }
                else
                {
                    if (member.Has("static"))
                    {
                        fieldModifiers += "static ";
                    }
                    if (member.Has("readonly"))
                    {
                        fieldModifiers += "readonly ";
                    }
                    Line($"{fieldModifiers}{TypeName(member.Type, scope)} {Escape(memberName)};");
                }
                break;
            }
            case ApiMemberKind.Constructor:
            {
                if (member.Has("static") || (type.Kind == ApiTypeKind.Struct && member.Parameters.Count == 0))
                {
                    break;
                }
                WriteMemberAttributes(member);
                if (isExtern)
                {
                    Line(InternalCallAttribute);
                }
                Line($"{access}extern {typeName}({Parameters(member.Parameters, scope, false)});");
                break;
            }
            case ApiMemberKind.Method:
            {
                WriteMemberAttributes(member);
                if (isExtern)
                {
                    Line(InternalCallAttribute);
                }
                string parameters = Parameters(member.Parameters, scope, member.Has("extension"));
                if (!isExplicit && type.Kind == ApiTypeKind.Class && memberName == "Finalize" && member.Parameters.Count == 0 &&
                    member.GenericParameters.Count == 0 && member.Has("override") && IsVoid(member.Type))
                {
                    Line($"extern ~{typeName}();");
                    break;
                }
                if (!isExplicit && member.Has("static") && member.GenericParameters.Count == 0 && TryOperator(member, out string op))
                {
                    if (op == "implicit" || op == "explicit")
                    {
                        Line($"{modifiers}{op} operator {TypeName(member.Type, scope)}({parameters});");
                    }
                    else
                    {
                        Line($"{modifiers}{TypeName(member.Type, scope)} operator {op}({parameters});");
                    }
                    break;
                }
                string typeParameters = TypeParameterList(member.GenericParameters, null);
                string constraints = Constraints(member.Annotations, scope);
                Line($"{modifiers}{ReturnType(member.Type, scope)} {explicitPrefix}{Escape(memberName)}{typeParameters}({parameters}){constraints};");
                break;
            }
            case ApiMemberKind.Property:
            case ApiMemberKind.Indexer:
            {
                WriteMemberAttributes(member);
                bool propertyIsProtected = member.Has("protected");
                var accessors = new List<string>();
                foreach (string accessor in member.Accessors)
                {
                    string text = accessor;
                    if (propertyIsProtected || isInterface || isExplicit)
                    {
                        text = text.Replace("protected ", "", StringComparison.Ordinal);
                    }
                    accessors.Add((isExtern ? InternalCallAttribute + " " : "") + text + ";");
                }
                string head;
                if (member.Kind == ApiMemberKind.Indexer)
                {
                    if (!isExplicit && memberName != "Item")
                    {
                        Line($"[global::System.Runtime.CompilerServices.IndexerName({Quote(memberName)})]");
                    }
                    head = $"{explicitPrefix}this[{Parameters(member.Parameters, scope, false)}]";
                }
                else
                {
                    head = explicitPrefix + Escape(memberName);
                }
                Line($"{modifiers}{ReturnType(member.Type, scope)} {head} {{ {string.Join(" ", accessors)} }}");
                break;
            }
            case ApiMemberKind.Event:
            {
                WriteMemberAttributes(member);
                if (isExplicit)
                {
                    Line($"event {TypeName(member.Type, scope)} {explicitPrefix}{Escape(memberName)} {{ add {{ }} remove {{ }} }}");
                }
                else
                {
                    Line($"{modifiers}event {TypeName(member.Type, scope)} {Escape(memberName)};");
                }
                break;
            }
        }
    }

    private static bool TryOperator(ApiMember member, out string op)
    {
        int count = member.Parameters.Count;
        if ((member.Name == "op_Implicit" || member.Name == "op_Explicit") && count == 1)
        {
            op = member.Name == "op_Implicit" ? "implicit" : "explicit";
            return true;
        }
        if (count == 1 && UnaryOperators.TryGetValue(member.Name, out op))
        {
            return true;
        }
        if (count == 2 && BinaryOperators.TryGetValue(member.Name, out op))
        {
            return true;
        }
        op = null;
        return false;
    }

    private string Parameters(List<ApiParameter> parameters, IReadOnlyCollection<string> scope, bool extension)
    {
        var parts = new List<string>();
        for (int i = 0; i < parameters.Count; i++)
        {
            ApiParameter p = parameters[i];
            var sb = new StringBuilder();
            if (i == 0 && extension)
            {
                sb.Append("this ");
            }
            if (p.Prefix != null)
            {
                sb.Append(p.Prefix).Append(' ');
            }
            TypeRef type = p.Type.Kind == TypeRefKind.ByRef ? p.Type.Element : p.Type;
            sb.Append(TypeName(type, scope)).Append(' ').Append(Escape(p.Name));
            if (p.DefaultValue != null)
            {
                sb.Append(" = ").Append(Literal(p.DefaultValue, type, scope));
            }
            parts.Add(sb.ToString());
        }
        return string.Join(", ", parts);
    }

    /// <summary>A literal of the listing as C# for a constant or default value of type <paramref name="type"/>.</summary>
    private string Literal(string literal, TypeRef type, IReadOnlyCollection<string> scope = null)
    {
        if (literal == "default")
        {
            return "default";
        }
        if (literal == "null")
        {
            return IsValueType(type, scope ?? NoScope) ? "default" : "null";
        }
        if (IsCoreLibrary)
        {
            switch (literal)
            {
                case "float.NaN": return "(0.0F / 0.0F)";
                case "float.PositiveInfinity": return "(1.0F / 0.0F)";
                case "float.NegativeInfinity": return "(-1.0F / 0.0F)";
                case "double.NaN": return "(0.0D / 0.0D)";
                case "double.PositiveInfinity": return "(1.0D / 0.0D)";
                case "double.NegativeInfinity": return "(-1.0D / 0.0D)";
            }
        }
        ApiType enumType = type.Kind == TypeRefKind.Named && !type.IsSimpleIdentifier ? _catalog.FindType(type.DefinitionKey) : null;
        if (enumType != null && enumType.Kind == ApiTypeKind.Enum && literal.Length > 0 && (char.IsDigit(literal[0]) || literal[0] == '-'))
        {
            return $"({TypeName(type, scope ?? NoScope)})({literal})";
        }
        return literal;
    }

    private bool IsValueType(TypeRef type, IReadOnlyCollection<string> scope)
    {
        if (type.Kind != TypeRefKind.Named)
        {
            return type.Kind == TypeRefKind.Pointer || type.Kind == TypeRefKind.FunctionPointer;
        }
        if (type.IsSimpleIdentifier && scope.Contains(type.Name))
        {
            return true;
        }
        if (Keywords.ContainsKey(type.ToString()))
        {
            return type.ToString() is not ("System.String" or "System.Object");
        }
        ApiType definition = _catalog.FindType(type.DefinitionKey);
        return definition != null && (definition.Kind == ApiTypeKind.Struct || definition.Kind == ApiTypeKind.Enum);
    }

    private string ReturnType(TypeRef type, IReadOnlyCollection<string> scope)
    {
        return type.Kind == TypeRefKind.ByRef ? "ref " + TypeName(type.Element, scope) : TypeName(type, scope);
    }

    /// <summary>The C# spelling of a listed type: keywords for primitives, <c>global::</c> names otherwise.</summary>
    private string TypeName(TypeRef type, IReadOnlyCollection<string> scope)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Array:
            {
                // C# writes the outermost rank first: the listing's T[,][] (array of T[,]) is T[][,] in C#.
                var ranks = new List<int>();
                TypeRef element = type;
                while (element.Kind == TypeRefKind.Array)
                {
                    ranks.Add(element.Rank);
                    element = element.Element;
                }
                return TypeName(element, scope) + string.Concat(ranks.Select(r => "[" + new string(',', r - 1) + "]"));
            }
            case TypeRefKind.Pointer:
                return TypeName(type.Element, scope) + "*";
            case TypeRefKind.ByRef:
                return TypeName(type.Element, scope);
            case TypeRefKind.FunctionPointer:
                return "delegate*<" + string.Join(", ", type.FunctionParameters.Append(type.FunctionReturn).Select(p =>
                    p.Kind == TypeRefKind.ByRef ? "ref " + TypeName(p.Element, scope) : TypeName(p, scope))) + ">";
        }
        if (type.IsSimpleIdentifier && scope.Contains(type.Name))
        {
            return Escape(type.Name);
        }
        string text = type.ToString();
        if (Keywords.TryGetValue(text, out string keyword))
        {
            return keyword;
        }
        var sb = new StringBuilder("global::");
        for (int i = 0; i < type.Segments.Count; i++)
        {
            TypeNameSegment segment = type.Segments[i];
            if (i > 0)
            {
                sb.Append('.');
            }
            sb.Append(string.Join(".", segment.Name.Split('.').Select(Escape)));
            if (segment.Arguments.Count > 0)
            {
                sb.Append('<').Append(string.Join(", ", segment.Arguments.Select(a => TypeName(a, scope)))).Append('>');
            }
        }
        return sb.ToString();
    }

    private bool IsResolvable(TypeRef type, IReadOnlyCollection<string> scope)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Named:
                if (type.IsSimpleIdentifier && scope.Contains(type.Name))
                {
                    return true;
                }
                return _catalog.FindType(type.DefinitionKey) != null && type.AllArguments.All(a => IsResolvable(a, scope));
            case TypeRefKind.FunctionPointer:
                return true;
            default:
                return IsResolvable(type.Element, scope);
        }
    }

    private static bool IsObject(TypeRef type) => type.Kind == TypeRefKind.Named && type.ToString() == "System.Object";

    private static bool IsVoid(TypeRef type) => type.Kind == TypeRefKind.Named && type.ToString() == "System.Void";

    private static bool NeedsUnsafe(ApiType type)
    {
        static bool Unsafe(TypeRef t) => t != null && (t.Kind is TypeRefKind.Pointer or TypeRefKind.FunctionPointer ||
            (t.Kind is TypeRefKind.Array or TypeRefKind.ByRef && Unsafe(t.Element)) ||
            (t.Kind == TypeRefKind.Named && t.AllArguments.Any(Unsafe)));
        return Unsafe(type.DelegateReturnType) ||
            (type.DelegateParameters?.Any(p => Unsafe(p.Type)) ?? false) ||
            type.Members.Any(m => Unsafe(m.Type) || m.Parameters.Any(p => Unsafe(p.Type)));
    }

    private static string TypeParameterList(IReadOnlyList<string> names, ApiAnnotation variance)
    {
        if (names.Count == 0)
        {
            return "";
        }
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in ListingParser.SplitArguments(variance?.Arguments))
        {
            string[] parts = item.Split(' ', 2);
            if (parts.Length == 2)
            {
                prefixes[parts[1]] = parts[0] + " ";
            }
        }
        return "<" + string.Join(", ", names.Select(n => (prefixes.TryGetValue(n, out string p) ? p : "") + Escape(n))) + ">";
    }

    /// <summary><c>@Where(T : class, new())</c> → <c> where T : class, new()</c> (C# order: class/struct, types, new()).</summary>
    private string Constraints(List<ApiAnnotation> annotations, IReadOnlyCollection<string> scope)
    {
        var sb = new StringBuilder();
        foreach (ApiAnnotation annotation in annotations.Where(a => a.Name == "Where" && a.Arguments != null))
        {
            int colon = annotation.Arguments.IndexOf(" : ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            string parameter = annotation.Arguments.Substring(0, colon).Trim();
            List<string> items = ListingParser.SplitArguments(annotation.Arguments.Substring(colon + 3));
            var ordered = new List<string>();
            ordered.AddRange(items.Where(i => i is "class" or "struct" or "unmanaged" or "notnull"));
            ordered.AddRange(items.Where(i => i is not ("class" or "struct" or "unmanaged" or "notnull" or "new()"))
                .Select(i => TypeName(TypeRef.Parse(i), scope)));
            if (items.Contains("new()") && !items.Contains("struct"))
            {
                ordered.Add("new()");
            }
            if (ordered.Count > 0)
            {
                sb.Append(" where ").Append(Escape(parameter)).Append(" : ").Append(string.Join(", ", ordered));
            }
        }
        return sb.ToString();
    }

    private static int LastDotOutsideAngles(string name)
    {
        int depth = 0;
        for (int i = name.Length - 1; i >= 0; i--)
        {
            char c = name[i];
            if (c == '>')
            {
                depth++;
            }
            else if (c == '<')
            {
                depth--;
            }
            else if (c == '.' && depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Escapes C# keywords used as identifiers (<c>@object</c>).</summary>
    public static string Escape(string identifier)
    {
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || c >= 0x7F)
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.Append('"').ToString();
    }

    private void Line(string text)
    {
        _out.Append(' ', _indent * 4).Append(text).Append('\n');
    }
}

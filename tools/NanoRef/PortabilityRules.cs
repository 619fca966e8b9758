using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>
/// NF0001: constructs that compile against the stable nanoFramework mscorlib but cannot run on its runtime, which has
/// no generics: stable mscorlib declares <c>Action&lt;T&gt;</c>, <c>Func&lt;T&gt;</c>, <c>EventHandler&lt;T&gt;</c>, so
/// the compiler accepts them, and the firmware fails on them. Reported for every use of a constructed generic type or
/// a generic method (explicit or inferred, including generic delegates that lambdas are converted to), every
/// definition of a generic type or method, tuples (ValueTuple&lt;...&gt;), nullable value types (Nullable&lt;T&gt;),
/// anonymous types (generic classes), iterators (<c>yield</c>), <c>async</c>/<c>await</c> and <c>dynamic</c>.
/// </summary>
public static class PortabilityRules
{
    public const string DiagnosticId = "NF0001";

    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        "Construct not supported by the nanoFramework 1.x runtime",
        "{0} is not supported by the nanoFramework 1.x runtime ({1})",
        "Portability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    private const string NoGenerics = "the runtime has no generics";

    /// <summary>All NF0001 diagnostics of the compilation's syntax trees, in source order, one per line and message.</summary>
    public static IReadOnlyList<Diagnostic> Analyze(Compilation compilation)
    {
        var result = new List<Diagnostic>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            result.AddRange(Analyze(compilation.GetSemanticModel(tree)));
        }
        return result;
    }

    public static IReadOnlyList<Diagnostic> Analyze(SemanticModel model)
    {
        var walker = new Walker(model);
        walker.Visit(model.SyntaxTree.GetRoot());
        return walker.Diagnostics;
    }

    private sealed class Walker : CSharpSyntaxWalker
    {
        private readonly SemanticModel _model;
        private readonly HashSet<(int Line, string Message)> _seen = new();

        public Walker(SemanticModel model)
            : base(SyntaxWalkerDepth.Token)
        {
            _model = model;
        }

        public List<Diagnostic> Diagnostics { get; } = new();

        public override void Visit(SyntaxNode node)
        {
            if (node == null)
            {
                return;
            }
            switch (node)
            {
                case TypeParameterListSyntax list:
                    Report(list, Defined(list.Parent), NoGenerics);
                    break;
                case NullableTypeSyntax nullable:
                    ITypeSymbol element = _model.GetTypeInfo(nullable.ElementType).Type;
                    if (element is { IsValueType: true } || element is { TypeKind: TypeKind.Error })
                    {
                        Report(nullable, $"the nullable value type '{nullable}'", "System.Nullable<T> is generic");
                    }
                    break;
                case TupleTypeSyntax tuple:
                    Report(tuple, $"the tuple type '{tuple}'", "tuples are System.ValueTuple<...>, which is generic");
                    break;
                case TupleExpressionSyntax tupleExpression when !IsDeconstructionTarget(tupleExpression):
                    Report(tupleExpression, "a tuple", "tuples are System.ValueTuple<...>, which is generic");
                    break;
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    Report(anonymous, "an anonymous type", "anonymous types are compiled to generic classes");
                    break;
                case YieldStatementSyntax yield:
                    Report(yield, "'yield' (an iterator)", "iterators are compiled to state machines over generic interfaces");
                    break;
                case AwaitExpressionSyntax await:
                    Report(await, "'await'", "there is no Task-based asynchrony");
                    break;
            }

            if (node is ExpressionSyntax or TypeSyntax)
            {
                CheckTypes(node);
                CheckSymbol(node);
            }
            base.Visit(node);
        }

        public override void VisitToken(SyntaxToken token)
        {
            if (token.IsKind(SyntaxKind.AsyncKeyword))
            {
                Report(token.GetLocation(), "'async'", "there is no Task-based asynchrony");
            }
        }

        private static string Defined(SyntaxNode declaration)
        {
            switch (declaration)
            {
                case MethodDeclarationSyntax method:
                    return $"defining the generic method '{method.Identifier.Text}{method.TypeParameterList}'";
                case LocalFunctionStatementSyntax local:
                    return $"defining the generic local function '{local.Identifier.Text}{local.TypeParameterList}'";
                case DelegateDeclarationSyntax del:
                    return $"defining the generic delegate '{del.Identifier.Text}{del.TypeParameterList}'";
                case TypeDeclarationSyntax type:
                    return $"defining the generic type '{type.Identifier.Text}{type.TypeParameterList}'";
                default:
                    return "defining a generic type or method";
            }
        }

        /// <summary><c>(a, b) = point;</c> calls Deconstruct and needs no tuple.</summary>
        private static bool IsDeconstructionTarget(TupleExpressionSyntax tuple)
        {
            return tuple.Parent is AssignmentExpressionSyntax assignment &&
                assignment.Left == tuple &&
                assignment.Right is not TupleExpressionSyntax &&
                assignment.Parent is ExpressionStatementSyntax;
        }

        private void CheckTypes(SyntaxNode node)
        {
            TypeInfo info = _model.GetTypeInfo(node);
            CheckType(node, info.Type);
            if (!SymbolEqualityComparer.Default.Equals(info.Type, info.ConvertedType))
            {
                CheckType(node, info.ConvertedType);
            }
        }

        private void CheckType(SyntaxNode node, ITypeSymbol type)
        {
            if (type == null)
            {
                return;
            }
            if (type.TypeKind == TypeKind.Dynamic)
            {
                Report(node, "'dynamic'", "there is no dynamic binder");
                return;
            }
            INamedTypeSymbol generic = FindConstructedGeneric(type);
            if (generic == null)
            {
                return;
            }
            if (generic.IsTupleType)
            {
                Report(node, $"the tuple type '{generic.ToDisplayString()}'", "tuples are System.ValueTuple<...>, which is generic");
            }
            else if (generic.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                Report(node, $"the nullable value type '{generic.ToDisplayString()}'", "System.Nullable<T> is generic");
            }
            else if (generic.IsAnonymousType)
            {
                Report(node, "an anonymous type", "anonymous types are compiled to generic classes");
            }
            else
            {
                Report(node, $"the generic type '{generic.ToDisplayString()}'", NoGenerics);
            }
        }

        /// <summary>The constructed generic type inside <paramref name="type"/> (itself, an array element, an enclosing type).</summary>
        private static INamedTypeSymbol FindConstructedGeneric(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return FindConstructedGeneric(array.ElementType);
                case IPointerTypeSymbol pointer:
                    return FindConstructedGeneric(pointer.PointedAtType);
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Error:
                    if (named.IsAnonymousType || named.IsTupleType)
                    {
                        return named;
                    }
                    for (INamedTypeSymbol t = named; t != null; t = t.ContainingType)
                    {
                        if (t.TypeArguments.Length > 0 && !t.IsDefinitionOfItself())
                        {
                            return named;
                        }
                    }
                    return null;
                default:
                    return null;
            }
        }

        private void CheckSymbol(SyntaxNode node)
        {
            ISymbol symbol = _model.GetSymbolInfo(node).Symbol;
            if (symbol is IMethodSymbol method)
            {
                if (method.IsGenericMethod && method.MethodKind != MethodKind.LocalFunction)
                {
                    Report(node, $"the generic method '{method.ToDisplayString()}'", NoGenerics);
                }
                else if (method.IsGenericMethod)
                {
                    Report(node, $"the generic local function '{method.ToDisplayString()}'", NoGenerics);
                }
            }
            else if (node is GenericNameSyntax && symbol == null)
            {
                // Unresolved (e.g. List<int> without System.Collections.Generic): the compiler reports it too.
                Report(node, $"the generic type or method '{node}'", NoGenerics);
            }
        }

        private void Report(SyntaxNode node, string what, string why)
        {
            Report(node.GetLocation(), what, why);
        }

        private void Report(Location location, string what, string why)
        {
            string message = string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} is not supported by the nanoFramework 1.x runtime ({1})", what, why);
            int line = location.GetLineSpan().StartLinePosition.Line;
            if (_seen.Add((line, message)))
            {
                Diagnostics.Add(Diagnostic.Create(Rule, location, what, why));
            }
        }
    }

    /// <summary>True for the generic definition itself (<c>T</c> arguments of its own parameters), as seen inside it.</summary>
    private static bool IsDefinitionOfItself(this INamedTypeSymbol type)
    {
        return SymbolEqualityComparer.Default.Equals(type, type.OriginalDefinition);
    }
}

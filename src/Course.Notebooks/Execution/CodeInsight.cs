using System.Xml.Linq;
using Course.Notebooks.Execution.Directives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Execution;

/// <summary>
/// What a front end asks while a learner types: is the cell complete, what names fit at the cursor, what is the
/// symbol under it. Answers come from the compiler's view of the code as the next submission of the script.
/// </summary>
internal static class CodeInsight
{
    /// <summary>Complete, incomplete (an open brace, string, …: more lines needed) or invalid.</summary>
    public static CodeCompleteness IsComplete(string code)
    {
        var text = CellDirectives.StripLenient(code);
        if (string.IsNullOrWhiteSpace(text)) return CodeCompleteness.Complete;
        var tree = CSharpSyntaxTree.ParseText(text, ScriptEngine.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return CodeCompleteness.Incomplete;
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? CodeCompleteness.Invalid : CodeCompleteness.Complete;
    }

    /// <summary>Names that fit at <paramref name="cursor"/>: members after a dot, else everything in scope.</summary>
    public static Completions Complete(Script script, int cursor)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        cursor = Math.Clamp(cursor, 0, tree.Length);
        var token = cursor > 0 ? tree.GetRoot().FindToken(cursor - 1) : default;

        var start = cursor;
        var prefix = "";
        if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.End >= cursor)
        {
            start = token.SpanStart;
            prefix = token.Text[..(cursor - start)];
        }

        var symbols = MemberAccessReceiver(token) is { } receiver ? Members(model, receiver, cursor) : model.LookupSymbols(cursor);
        var matches = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Completions(matches, start, cursor);
    }

    /// <summary>Signature and documentation summary of the symbol at <paramref name="cursor"/>, or null.</summary>
    public static string? Inspect(Script script, int cursor)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        if (tree.Length == 0) return null;
        var root = tree.GetRoot();
        var token = root.FindToken(Math.Clamp(cursor, 0, tree.Length - 1));
        if (!token.IsKind(SyntaxKind.IdentifierToken) && cursor > 0) token = root.FindToken(cursor - 1);
        var symbol = SymbolAt(model, token.Parent);
        if (symbol is null) return null;
        var signature = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        var summary = Summary(symbol);
        return summary is null ? signature : $"{signature}\n\n{summary}";
    }

    private static ExpressionSyntax? MemberAccessReceiver(SyntaxToken token) => token.Parent switch
    {
        MemberAccessExpressionSyntax access when token.IsKind(SyntaxKind.DotToken) => access.Expression,
        IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax access } name when access.Name == name => access.Expression,
        QualifiedNameSyntax qualified when token.IsKind(SyntaxKind.DotToken) => qualified.Left,
        IdentifierNameSyntax { Parent: QualifiedNameSyntax qualified } name when qualified.Right == name => qualified.Left,
        _ => null,
    };

    private static IEnumerable<ISymbol> Members(SemanticModel model, ExpressionSyntax receiver, int position)
    {
        var symbol = model.GetSymbolInfo(receiver).Symbol;
        if (symbol is INamespaceOrTypeSymbol container && receiver is not ThisExpressionSyntax &&
            symbol is not ILocalSymbol)
            return model.LookupStaticMembers(position, container);
        var type = model.GetTypeInfo(receiver).Type;
        return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true)
            .Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }

    private static ISymbol? SymbolAt(SemanticModel model, SyntaxNode? node)
    {
        for (; node is not null && node is not StatementSyntax; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
            if (symbol is not null) return symbol;
        }
        return null;
    }

    private static string? Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var summary = XElement.Parse(xml).Element("summary");
            if (summary is null) return null;
            // <see cref="T:System.String"/> reads as "String".
            foreach (var see in summary.Descendants().Where(e => e.Name == "see" || e.Name == "paramref" || e.Name == "typeparamref").ToList())
            {
                var reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("name") ?? (string?)see.Attribute("langword") ?? "";
                see.ReplaceWith(reference[(reference.IndexOf(':') + 1)..].Split('.').Last());
            }
            return string.Join(' ', summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}

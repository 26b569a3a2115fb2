using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Editing;

/// <summary>
/// What Shift-Tab shows: the signature of the symbol under the cursor (every overload, with parameter names and
/// defaults, when the cursor is in a call's arguments) and the summary and parameters of its XML documentation.
/// </summary>
internal static class SymbolDocumentation
{
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.CSharpErrorMessageFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters |
                           SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeConstantValue)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
                              SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut);

    public static async Task<string?> InspectAsync(Document document, int cursor, CancellationToken cancellation)
    {
        var model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        if (model is null || root is null || root.FullSpan.Length == 0) return null;
        var token = root.FindToken(Math.Clamp(cursor, 0, root.FullSpan.Length - 1));
        if (!token.IsKind(SyntaxKind.IdentifierToken) && cursor > 0) token = root.FindToken(cursor - 1);
        var symbols = SymbolsAt(model, token.Parent, cancellation);
        if (symbols.Count == 0) return null;

        var text = new StringBuilder();
        foreach (var symbol in symbols) text.AppendLine(symbol.ToDisplayString(Signature));
        if (Documentation(symbols[0]) is { } doc) text.AppendLine().Append(doc);
        return text.ToString().TrimEnd();
    }

    // The symbol a name binds to; in a call's argument list, the method called (all candidates while the call is
    // unfinished, e.g. `optim.Adam(` has no arguments yet, so every overload fits).
    private static IReadOnlyList<ISymbol> SymbolsAt(SemanticModel model, SyntaxNode? node, CancellationToken cancellation)
    {
        for (; node is not null && node is not StatementSyntax and not GlobalStatementSyntax; node = node.Parent)
        {
            if (node is ArgumentListSyntax { Parent: { } call }) node = call;
            var info = model.GetSymbolInfo(node, cancellation);
            if (info.Symbol is { } bound) return [bound];
            if (!info.CandidateSymbols.IsEmpty) return info.CandidateSymbols;
            if (model.GetDeclaredSymbol(node, cancellation) is { } declared) return [declared];
        }
        return [];
    }

    private static string? Documentation(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var member = XElement.Parse(xml);
            var text = new StringBuilder();
            if (member.Element("summary") is { } summary) text.AppendLine(Plain(summary));
            foreach (var parameter in member.Elements("param"))
                text.Append("  ").Append((string?)parameter.Attribute("name")).Append(": ").AppendLine(Plain(parameter));
            if (member.Element("returns") is { } returns) text.Append("Returns: ").AppendLine(Plain(returns));
            return text.Length == 0 ? null : text.ToString().TrimEnd();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    // <see cref="T:System.String"/> reads as "String", <paramref name="x"/> as "x"; whitespace collapses.
    private static string Plain(XElement element)
    {
        var copy = new XElement(element);
        foreach (var see in copy.Descendants().Where(e => e.Name == "see" || e.Name == "paramref" || e.Name == "typeparamref").ToList())
        {
            var reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("name") ?? (string?)see.Attribute("langword") ?? "";
            see.ReplaceWith(reference[(reference.IndexOf(':') + 1)..].Split('.').Last());
        }
        return string.Join(' ', copy.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}

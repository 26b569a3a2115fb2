using System.Collections.Immutable;
using Course.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;

namespace Course.Notebooks.Editing;

/// <summary>
/// Completions from Roslyn's completion service (the one Visual Studio uses): members after a dot, names in scope,
/// keywords, named arguments, <c>#r</c>. The service returns every candidate; the front end sees those that start
/// with what is typed, best first.
/// </summary>
internal static class CodeCompletion
{
    // Roslyn describes one item at a time (resolving its symbol and documentation: milliseconds each, far more on a
    // busy machine), so only the first screenful of a popup gets a signature; the rest come with kind only.
    private const int DescribedItems = 10;

    public static async Task<Completions> CompleteAsync(Document document, int cursor, CancellationToken cancellation)
    {
        var service = CompletionService.GetService(document)
                      ?? throw new InvalidOperationException("Roslyn's C# completion service is not available (Microsoft.CodeAnalysis.CSharp.Features did not load).");
        var list = await service.GetCompletionsAsync(document, cursor, cancellationToken: cancellation).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellation).ConfigureAwait(false);
        var span = list.Span;
        var typed = text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(span.Start, Math.Max(span.Start, cursor)));

        var ranked = Rank(list.ItemsList, typed);
        var matches = new List<CompletionMatch>(ranked.Count);
        foreach (var item in ranked)
        {
            string? signature = null;
            if (matches.Count < DescribedItems)
                signature = FirstLine((await service.GetDescriptionAsync(document, item, cancellation).ConfigureAwait(false))?.Text);
            matches.Add(new CompletionMatch(InsertionText(item), Kind(item.Tags), signature));
        }
        return new Completions(matches, span.Start, Math.Max(span.End, cursor));
    }

    // Exact prefix (as typed) before a prefix in another case; then Roslyn's own priority and order.
    internal static IReadOnlyList<CompletionItem> Rank(IReadOnlyList<CompletionItem> items, string typed) =>
        items.Where(i => i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(i => i.FilterText == typed)
            .ThenByDescending(i => i.FilterText.StartsWith(typed, StringComparison.Ordinal))
            .ThenByDescending(i => i.Rules.MatchPriority)
            .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
            .DistinctBy(InsertionText)
            .ToList();

    // What replaces the typed span: symbols carry their insertion text (List, not List<>); named arguments end in ':'.
    private static string InsertionText(CompletionItem item) =>
        item.Properties.TryGetValue("InsertionText", out var insertion) && !string.IsNullOrEmpty(insertion) ? insertion
        : item.DisplayTextSuffix == ":" ? item.DisplayText + ":"
        : item.DisplayText;

    private static string? FirstLine(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Split('\n')[0].TrimEnd('\r');

    // Roslyn's tags in the words Jupyter front ends pick icons by (JupyterLab, VS Code's Jupyter extension).
    private static string Kind(ImmutableArray<string> tags)
    {
        foreach (var tag in tags)
        {
            var kind = tag switch
            {
                WellKnownTags.Method or WellKnownTags.ExtensionMethod => "method",
                WellKnownTags.Property => "property",
                WellKnownTags.Field => "field",
                WellKnownTags.Event => "event",
                WellKnownTags.Class or "Record" => "class",
                WellKnownTags.Structure or "RecordStruct" => "struct",
                WellKnownTags.Interface => "interface",
                WellKnownTags.Enum => "enum",
                WellKnownTags.EnumMember => "enum member",
                WellKnownTags.Delegate => "delegate",
                WellKnownTags.Namespace or WellKnownTags.Module => "module",
                WellKnownTags.Keyword or WellKnownTags.Intrinsic => "keyword",
                WellKnownTags.Local or WellKnownTags.RangeVariable => "instance",
                WellKnownTags.Parameter => "param",
                WellKnownTags.Constant => "constant",
                WellKnownTags.TypeParameter => "type parameter",
                WellKnownTags.Folder or WellKnownTags.File => "path",
                WellKnownTags.Snippet => "snippet",
                _ => null,
            };
            if (kind is not null) return kind;
        }
        return "text";
    }
}

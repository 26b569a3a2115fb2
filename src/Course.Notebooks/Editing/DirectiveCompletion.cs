using System.Text.RegularExpressions;
using Course.Notebooks.Execution;

namespace Course.Notebooks.Editing;

/// <summary>
/// Completion inside a <c>#r "…"</c> directive, which the engine handles itself (Roslyn only knows file paths
/// there): <c>nuget: </c>, then the packages restored before.
/// </summary>
internal static partial class DirectiveCompletion
{
    private const string NuGetPrefix = "nuget: ";

    /// <summary>Null when the cursor is not inside a <c>#r</c> string; else the candidates for what is typed there.</summary>
    public static Completions? Complete(string code, int cursor, Func<IReadOnlyList<string>> cachedPackages)
    {
        var lineStart = code.LastIndexOf('\n', Math.Max(0, cursor - 1)) + 1;
        if (cursor < lineStart) lineStart = cursor; // the cursor is at the very start of a line
        var match = OpenReference().Match(code[lineStart..cursor]);
        if (!match.Success) return null;

        var typed = match.Groups["typed"];
        var start = lineStart + typed.Index;
        var package = NuGetName().Match(typed.Value);
        if (package.Success)
        {
            var name = package.Groups["name"];
            return new Completions(
                [.. cachedPackages().Where(p => p.StartsWith(name.Value, StringComparison.OrdinalIgnoreCase)).Select(p => new CompletionMatch(p, "module", "restored NuGet package"))],
                start + name.Index, cursor);
        }
        return NuGetPrefix.StartsWith(typed.Value, StringComparison.OrdinalIgnoreCase)
            ? new Completions([new CompletionMatch(NuGetPrefix, "keyword", "#r \"nuget: Name, Version\" restores a NuGet package")], start, cursor)
            : new Completions([], start, cursor);
    }

    [GeneratedRegex("""^\s*#r\s+"(?<typed>[^"]*)$""")]
    private static partial Regex OpenReference();

    [GeneratedRegex(@"^nuget:\s*(?<name>[^,\s]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetName();
}

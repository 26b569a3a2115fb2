namespace Course.Bench;

/// <summary>Rewrites the part of README.md between the benchmark markers; the rest of the file is left byte for byte.</summary>
public static class ReadmeSection
{
    /// <summary>Opening marker.</summary>
    public const string Start = "<!-- bench:start -->";

    /// <summary>Closing marker.</summary>
    public const string End = "<!-- bench:end -->";

    /// <summary>The text with everything between the markers replaced by <paramref name="content"/>.</summary>
    /// <exception cref="InvalidOperationException">The markers are missing or out of order.</exception>
    public static string Replace(string readme, string content)
    {
        int start = readme.IndexOf(Start, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new InvalidOperationException(
                $"README.md has no '{Start}' … '{End}' pair (in that order); add both lines where the benchmark results belong.");
        string newline = readme.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return readme[..(start + Start.Length)] + newline + content.TrimEnd().ReplaceLineEndings(newline) + newline + readme[end..];
    }
}

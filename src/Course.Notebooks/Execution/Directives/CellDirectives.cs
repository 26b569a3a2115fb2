using System.Text;

namespace Course.Notebooks.Execution.Directives;

/// <summary>A <c>#r</c> line of a cell: an assembly file or a NuGet package to reference.</summary>
internal abstract record Directive(int Line);

/// <summary><c>#r "path/to/Assembly.dll"</c> (relative paths are relative to the current directory).</summary>
internal sealed record AssemblyDirective(int Line, string Path) : Directive(Line);

/// <summary><c>#r "nuget: Name, Version"</c> or <c>#r "nuget: Name"</c> (latest version).</summary>
internal sealed record PackageDirective(int Line, string Name, string? Version) : Directive(Line);

/// <summary>A directive line the engine cannot honour; the message says what was wrong and how to fix it.</summary>
internal sealed class DirectiveException(int line, string message) : Exception(message)
{
    /// <summary>1-based line of the directive in the cell.</summary>
    public int Line { get; } = line;
}

/// <summary>
/// Splits a cell into its directives and its C# code, with .NET Interactive's syntax so notebooks stay valid
/// Polyglot Notebooks. Directive lines are blanked (same length) so line numbers and cursor offsets of the code
/// stay those of the cell.
/// </summary>
internal static partial class CellDirectives
{
    /// <summary>The directives of <paramref name="cell"/> and its code without them; throws <see cref="DirectiveException"/>.</summary>
    public static (IReadOnlyList<Directive> Directives, string Code) Parse(string cell)
    {
        if (!cell.Contains('#')) return ([], cell);
        var directives = new List<Directive>();
        var code = new StringBuilder(cell.Length);
        var lineNumber = 0;
        foreach (var (line, ending) in Lines(cell))
        {
            lineNumber++;
            var directive = ParseLine(line.TrimStart(), lineNumber, out var isDirective);
            if (directive is not null) directives.Add(directive);
            code.Append(isDirective ? new string(' ', line.Length) : line).Append(ending);
        }
        return (directives, code.ToString());
    }

    /// <summary>The cell's code with directive lines blanked, without checking them (for completion and IsComplete).</summary>
    public static string StripLenient(string cell)
    {
        try
        {
            return Parse(cell).Code;
        }
        catch (DirectiveException)
        {
            var code = new StringBuilder(cell.Length);
            foreach (var (line, ending) in Lines(cell))
                code.Append(IsDirectiveLine(line.TrimStart()) ? new string(' ', line.Length) : line).Append(ending);
            return code.ToString();
        }
    }

    private static Directive? ParseLine(string line, int number, out bool isDirective)
    {
        isDirective = IsDirectiveLine(line);
        if (!isDirective) return null;
        if (line.StartsWith("#!", StringComparison.Ordinal))
        {
            var magic = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            if (magic is "#!csharp" or "#!c#" or "#!C#") return null; // only marks the cell's language
            throw new DirectiveException(number,
                $"The magic command '{magic}' (line {number}) is not supported: this engine runs C# only and " +
                "understands #r \"path.dll\" and #r \"nuget: Name, Version\". Remove the line or rewrite it in C#.");
        }
        if (line.StartsWith("#r", StringComparison.Ordinal)) return ParseReference(line, number);
        var name = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
        throw new DirectiveException(number,
            $"The directive '{name}' (line {number}) is not supported: this engine understands #r \"path.dll\" and " +
            "#r \"nuget: Name, Version\"; package sources come from NuGet.config.");
    }

    private static bool IsDirectiveLine(string trimmed) =>
        trimmed.StartsWith("#!", StringComparison.Ordinal) || IsWord(trimmed, "#r") || IsWord(trimmed, "#i") ||
        IsWord(trimmed, "#load");

    private static bool IsWord(string trimmed, string word) =>
        trimmed.StartsWith(word, StringComparison.Ordinal) &&
        (trimmed.Length == word.Length || char.IsWhiteSpace(trimmed[word.Length]) || trimmed[word.Length] == '"');

    private static Directive ParseReference(string line, int number)
    {
        const string usage = "Write #r \"path/to/Library.dll\" or #r \"nuget: PackageName, 1.2.3\".";
        var argument = StripComment(line[2..]).Trim();
        if (argument.Length < 2 || argument[0] != '"' || argument[^1] != '"' || argument.IndexOf('"', 1) != argument.Length - 1)
            throw new DirectiveException(number,
                $"#r on line {number} needs one argument in double quotes, but got: {(argument.Length == 0 ? "nothing" : argument)}. {usage}");
        var value = argument[1..^1].Trim();
        if (value.Length == 0) throw new DirectiveException(number, $"#r on line {number} has an empty argument. {usage}");
        if (!value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return new AssemblyDirective(number, value);

        var parts = value["nuget:".Length..].Split(',');
        var name = parts[0].Trim();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            throw new DirectiveException(number, $"#r \"{value}\" on line {number} does not name a package. {usage}");
        // The name and version become folder names of the package cache: only what NuGet allows, so no ".." or "/".
        if (!PackageId().IsMatch(name))
            throw new DirectiveException(number, $"#r \"{value}\" on line {number}: '{name}' is not a NuGet package name (letters, digits, '.', '-' and '_', e.g. Plotly.NET.CSharp). {usage}");
        if (parts.Length > 2)
            throw new DirectiveException(number, $"#r \"{value}\" on line {number} has more than a name and a version. {usage}");
        string? version = null;
        if (parts.Length == 2)
        {
            version = parts[1].Trim();
            if (version.Length == 0)
                throw new DirectiveException(number,
                    $"#r \"{value}\" on line {number} has a comma but no version after it. Give a version " +
                    $"(#r \"nuget: {name}, 1.2.3\") or drop the comma to take the latest (#r \"nuget: {name}\").");
            if (!PackageVersion().IsMatch(version))
                throw new DirectiveException(number, $"#r \"{value}\" on line {number}: '{version}' is not a package version (e.g. 1.2.3, 1.0.0-beta.2 or 1.*). {usage}");
        }
        return new PackageDirective(number, name, version);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_]+([.-][A-Za-z0-9_]+)*$")]
    private static partial System.Text.RegularExpressions.Regex PackageId();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9*]+([.+-][A-Za-z0-9*]+)*$")]
    private static partial System.Text.RegularExpressions.Regex PackageVersion();

    private static string StripComment(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if (!quoted && text[i] == '/' && text[i + 1] == '/') return text[..i];
        }
        return text;
    }

    private static IEnumerable<(string Line, string Ending)> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                yield return (text[start..], "");
                yield break;
            }
            var lineEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            yield return (text[start..lineEnd], text[lineEnd..(end + 1)]);
            start = end + 1;
        }
    }
}

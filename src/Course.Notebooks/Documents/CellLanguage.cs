using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// Which language a code cell is in, as Polyglot Notebooks decides it: a first-line kernel selector
/// (<c>#!fsharp</c>), then the cell's <c>polyglot_notebook.kernelName</c> or <c>dotnet_interactive.language</c>
/// metadata, then the notebook's default kernel, then C#.
/// </summary>
public static class CellLanguage
{
    /// <summary>The language this engine runs.</summary>
    public const string CSharp = "csharp";

    /// <summary>Polyglot kernel names and aliases, mapped to one canonical name each.</summary>
    internal static readonly IReadOnlyDictionary<string, string> KnownKernels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = CSharp, ["c#"] = CSharp, ["cs"] = CSharp,
        ["fsharp"] = "fsharp", ["f#"] = "fsharp",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["html"] = "html", ["sql"] = "sql", ["kql"] = "kql", ["mermaid"] = "mermaid", ["http"] = "http",
        ["markdown"] = "markdown", ["md"] = "markdown", ["value"] = "value", ["python"] = "python", ["r"] = "r",
    };

    /// <summary>The canonical language name of a code cell (e.g. "csharp", "fsharp", "pwsh").</summary>
    public static string Of(Notebook notebook, NotebookCell cell)
    {
        if (Selector(cell.Source) is { } selected) return selected;
        var fromCell = Text((cell.Metadata["polyglot_notebook"] as JsonObject)?["kernelName"])
                       ?? Text((cell.Metadata["dotnet_interactive"] as JsonObject)?["language"]);
        if (fromCell is not null) return Canonical(fromCell);
        var fromNotebook = Text(((notebook.Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["defaultKernelName"])
                           ?? Text((notebook.Metadata["kernelspec"] as JsonObject)?["language"]);
        return fromNotebook is null ? CSharp : Canonical(fromNotebook);
    }

    // Metadata written by other tools may hold anything: a value that is not a string names no language.
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The code to execute: the source with a first-line kernel selector blanked (line numbers stay the same).</summary>
    public static string ExecutableCode(string source) => Selector(source) is null ? source : source[FirstLineLength(source)..];

    /// <summary>A readable name for error messages ("F#", "PowerShell", …).</summary>
    public static string DisplayName(string language) => language switch
    {
        CSharp => "C#", "fsharp" => "F#", "pwsh" => "PowerShell", "javascript" => "JavaScript", "sql" => "SQL", "kql" => "KQL",
        "html" => "HTML", "python" => "Python", _ => language,
    };

    private static string Canonical(string name) => KnownKernels.TryGetValue(name, out var canonical) ? canonical : name.ToLowerInvariant();

    private static string? Selector(string source)
    {
        if (!source.StartsWith("#!", StringComparison.Ordinal)) return null;
        var name = source[2..FirstLineLength(source)].Trim();
        return KnownKernels.TryGetValue(name, out var canonical) ? canonical : null;
    }

    private static int FirstLineLength(string source)
    {
        var newline = source.IndexOf('\n');
        return newline < 0 ? source.Length : newline;
    }
}

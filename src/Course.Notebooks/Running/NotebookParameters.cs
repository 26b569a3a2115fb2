using System.Globalization;
using Course.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Running;

/// <summary>
/// Papermill-style parameters: the code cell tagged <c>parameters</c> holds defaults; values given on the
/// command line go into a new cell right after it, tagged <c>injected-parameters</c>.
/// </summary>
public static class NotebookParameters
{
    /// <summary>Tag of the cell holding defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>Tag of the cell the runner adds.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>
    /// Adds the injected cell (replacing one from an earlier run). Values become typed C# literals: int, long,
    /// double, bool, else string. A name the parameters cell declares is assigned (keeping its declared type);
    /// any other name is declared with <c>var</c>.
    /// </summary>
    /// <exception cref="NotebookFormatException">No cell is tagged <c>parameters</c>, or a name is not a C# identifier.</exception>
    public static void Inject(Notebook notebook, IReadOnlyList<KeyValuePair<string, string>> values, string name)
    {
        if (values.Count == 0) return;
        notebook.Cells.RemoveAll(c => c.Tags.Contains(InjectedTag));
        var index = notebook.Cells.FindIndex(c => c.Kind == CellKind.Code && c.Tags.Contains(ParametersTag));
        if (index < 0)
            throw new NotebookFormatException(
                $"{name} has no code cell tagged \"{ParametersTag}\", so the parameter {values[0].Key} has nowhere to go. " +
                $"Add the tag \"{ParametersTag}\" to the cell that sets the defaults (metadata.tags), or give no parameters.");
        var declared = DeclaredNames(notebook.Cells[index].Source);
        var lines = new List<string> { "// Parameters injected by the runner." };
        foreach (var (key, value) in values)
        {
            if (!SyntaxFacts.IsValidIdentifier(key) || SyntaxFacts.GetKeywordKind(key) != SyntaxKind.None)
                throw new NotebookFormatException($"Parameter {key}: a parameter name must be a C# identifier such as epochs or learningRate.");
            lines.Add($"{(declared.Contains(key) ? "" : "var ")}{key} = {Literal(value)};");
        }
        var cell = NotebookCell.NewCode(string.Join("\n", lines), notebook.UsesCellIds ? NotebookCell.NewId() : null, InjectedTag);
        notebook.Cells.Insert(index + 1, cell);
    }

    /// <summary>True when the notebook's parameters cell declares <paramref name="name"/>.</summary>
    public static bool Declares(Notebook notebook, string name) =>
        notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Code && c.Tags.Contains(ParametersTag)) is { } cell && DeclaredNames(cell.Source).Contains(name);

    /// <summary>The C# literal for a command-line value: int, long, double, bool, or else a quoted string.</summary>
    public static string Literal(string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (value is "true" or "false" or "True" or "False") return value.ToLowerInvariant();
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var i)) return i.ToString(invariant);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var l)) return l.ToString(invariant) + "L";
        if (double.TryParse(value, NumberStyles.Float, invariant, out var d) && double.IsFinite(d))
        {
            var text = d.ToString("R", invariant);
            return text.Contains('.') || text.Contains('E') ? text : text + ".0";
        }
        return SymbolDisplay.FormatLiteral(value, quote: true);
    }

    private static HashSet<string> DeclaredNames(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        return root.DescendantNodes(n => n is CompilationUnitSyntax or GlobalStatementSyntax or LocalDeclarationStatementSyntax or FieldDeclarationSyntax or VariableDeclarationSyntax)
            .OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText).ToHashSet();
    }
}

using System.Text;
using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Exporting;

/// <summary>Where the exported app finds the course: the library project, and whether to add the libtorch backend.</summary>
/// <param name="CourseProject">Path of src/Course/Course.csproj, as the #:project line should name it (relative to the output file).</param>
/// <param name="Backend">A directive that brings the native backend when the code uses TorchSharp, e.g. "#:package TorchSharp-cpu@0.107.0".</param>
public sealed record ExportSettings(string CourseProject, string Backend);

/// <summary>The exported program and what could not be carried over.</summary>
public sealed record ExportResult(string Code, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns a notebook into a .NET 10 file-based app (<c>dotnet run lesson.cs</c>): <c>#r "nuget:"</c> becomes
/// <c>#:package</c>, usings move to the top and type declarations to the end (C# requires both), markdown becomes
/// comments, and a cell's trailing expression is shown with <c>display(…)</c> as the notebook would.
/// </summary>
public static partial class FileBasedAppExporter
{
    /// <summary>Exports the C# cells of <paramref name="notebook"/>. Cells in other languages become comments and a warning.</summary>
    public static ExportResult Export(Notebook notebook, string notebookName, ExportSettings settings)
    {
        var packages = new List<string>();
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var warnings = new List<string>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind == CellKind.Markdown)
            {
                body.Append(Comment(cell.Source)).Append('\n');
                continue;
            }
            if (cell.Kind != CellKind.Code || string.IsNullOrWhiteSpace(cell.Source)) continue;
            // The exported program references the course itself; the .NET Interactive set-up has no place in it.
            if (InteractiveSetUpCell.Is(cell.Source)) continue;
            body.Append($"// ---- cell {i + 1}\n");
            var language = CellLanguage.Of(notebook, cell);
            if (language != CellLanguage.CSharp)
            {
                warnings.Add($"cell {i + 1} is {CellLanguage.DisplayName(language)}; it is kept as a comment.");
                body.Append(Comment(cell.Source)).Append('\n');
                continue;
            }
            var code = Directives(CellLanguage.ExecutableCode(cell.Source), i + 1, packages, warnings);
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
            foreach (var u in root.Usings) usings.Add(u.WithoutTrivia().ToFullString());
            for (var m = 0; m < root.Members.Count; m++)
            {
                var member = root.Members[m];
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax)
                    types.Append(member.ToFullString().Trim('\n')).Append("\n\n");
                else if (m == root.Members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } shown })
                    body.Append(member.GetLeadingTrivia().ToFullString()).Append($"display({shown.Expression.WithoutTrivia()});\n");
                else
                    body.Append(member.ToFullString());
            }
            body.Append('\n');
        }

        var text = new StringBuilder();
        text.Append($"// {notebookName}, exported by `course export` as a file-based app. Run it with: dotnet run {Path.GetFileNameWithoutExtension(notebookName)}.cs\n");
        foreach (var package in packages.Distinct()) text.Append(package).Append('\n');
        text.Append($"#:project {settings.CourseProject}\n");
        if (UsesTorch().IsMatch(body.ToString() + types)) text.Append(settings.Backend).Append('\n');
        // Reflection-heavy libraries (TorchSharp, formatters) are not AOT-ready; file-based apps default to AOT.
        text.Append("#:property PublishAot=false\n\n");
        foreach (var u in usings.Distinct()) text.Append(u).Append('\n');
        text.Append('\n').Append(body.ToString().TrimEnd('\n')).Append("\n\n");
        text.Append("// In a notebook display(x) shows x under the cell; here Display.Show prints it to the console.\n");
        text.Append("static Course.Hosting.DisplayHandle display(object? value) => Course.Hosting.Display.Show(value);\n");
        if (types.Length > 0) text.Append('\n').Append(types.ToString().TrimEnd('\n')).Append('\n');
        return new ExportResult(text.ToString(), warnings);
    }

    // Notebook-only directive lines become blank lines (so Roslyn line numbers still match the cell);
    // NuGet references become #:package lines.
    private static string Directives(string code, int cellNumber, List<string> packages, List<string> warnings)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (NugetReference().Match(line) is { Success: true } nuget)
            {
                var version = nuget.Groups["version"].Success ? nuget.Groups["version"].Value.Trim() : "*";
                packages.Add($"#:package {nuget.Groups["name"].Value.Trim()}@{version}");
                lines[i] = "";
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#load ", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal))
            {
                warnings.Add($"cell {cellNumber}: `{line}` has no file-based-app equivalent; it is kept as a comment.");
                lines[i] = "// " + line;
            }
        }
        return string.Join('\n', lines);
    }

    private static string Comment(string text) =>
        string.Concat(text.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "//\n" : "// " + l + "\n"));

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"]+)(,\s*(?<version>[^"]+))?"$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex(@"\btorch\b|TorchSharp|TorchRuntime")]
    private static partial Regex UsesTorch();
}

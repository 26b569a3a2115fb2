using System.Text.Json.Nodes;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Cli.Tests.CourseNotebooks;

/// <summary>
/// Papermill's way, <c>-p quick true</c>, assigns <c>quick</c> in a cell the runner inserts after the parameters
/// cell; <c>--quick</c> also sets COURSE_QUICK, which the parameters cell reads. Sizes computed from <c>quick</c>
/// inside the parameters cell would therefore stay full-size under <c>-p quick true</c> (notebook 04 once ran
/// 14 minutes that way). Every notebook, present and future, must give each variable of its first two code cells
/// (the parameters and the sizes derived from them) the same value both ways.
/// </summary>
[Collection(nameof(CourseNotebookTests))]
public sealed class ParametersCellTests
{
    private const string Marker = "course-parameter\t";

    public static TheoryData<string> Notebooks => new(CourseNotebook.All());

    // Both runs cover every notebook at once (one process each): only the first cells run, so this is quick.
    private static readonly Lazy<(string Flag, string Parameter, string Log)> Runs = new(RunBothWays);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Quick_given_as_a_parameter_gives_the_same_sizes_as_the_quick_flag(string name)
    {
        var (flagDir, parameterDir, log) = Runs.Value;
        var byFlag = Values(Path.Combine(flagDir, name + ".ipynb"), log);
        var byParameter = Values(Path.Combine(parameterDir, name + ".ipynb"), log);

        Assert.Equal("True", byFlag.GetValueOrDefault("quick"));
        Assert.True(byFlag.Count > 1, $"{name}: the parameters cell and the next code cell define no sizes; values: {string.Join(", ", byFlag)}");
        var differing = byFlag.Keys.Where(k => byParameter.GetValueOrDefault(k) != byFlag[k])
            .Select(k => $"{k} = {byFlag[k]} with --quick but {byParameter.GetValueOrDefault(k) ?? "(missing)"} with -p quick true").ToList();
        Assert.True(differing.Count == 0,
            $"{name}: keep only parameters in the parameters cell (bool quick = CourseMode.Quick; and plain values) and " +
            $"compute sizes from quick in the next code cell:\n{string.Join("\n", differing)}");
    }

    private static (string, string, string) RunBothWays()
    {
        string input = CourseProcess.TempDirectory();
        foreach (var name in CourseNotebook.All())
            NotebookFile.Save(FirstCells(NotebookFile.Load(Repo.File("notebooks", name + ".ipynb"))), Path.Combine(input, name + ".ipynb"));
        string flag = Path.Combine(input, "flag"), parameter = Path.Combine(input, "parameter");
        var (flagExit, flagLog) = CourseProcess.Run(Repo.Root, TimeSpan.FromMinutes(5), "run", input, "--quick", "-o", flag, "--timeout", "120");
        var (parameterExit, parameterLog) = CourseProcess.Run(Repo.Root, TimeSpan.FromMinutes(5), "run", input, "-p", "quick", "true", "-o", parameter, "--timeout", "120");
        return (flag, parameter, $"--quick exited {flagExit}:\n{flagLog}\n-p quick true exited {parameterExit}:\n{parameterLog}");
    }

    /// <summary>The parameters cell, the code cell after it, and a cell printing every variable those two declare.</summary>
    private static Notebook FirstCells(Notebook notebook)
    {
        int parameters = notebook.Cells.FindIndex(c => c.Kind == CellKind.Code && c.Tags.Contains("parameters"));
        Assert.True(parameters >= 0, "every course notebook has a cell tagged parameters");
        int derived = notebook.Cells.FindIndex(parameters + 1, c => c.Kind == CellKind.Code);
        var kept = new List<NotebookCell> { notebook.Cells[parameters] };
        if (derived > 0) kept.Add(notebook.Cells[derived]);
        var names = kept.SelectMany(c => DeclaredNames(c.Source)).Distinct().ToList();
        string print = """
            static string Show(object? v) => v is System.Collections.IEnumerable e && v is not string
                ? "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]"
                : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "null";
            """ + "\n" + string.Join("\n", names.Select(n => $"Console.WriteLine(\"{Marker.Replace("\t", "\\t")}{n}\\t\" + Show({n}));"));
        kept.Add(NotebookCell.NewCode(print, "print-parameters"));
        notebook.Cells.Clear();
        notebook.Cells.AddRange(kept);
        return notebook;
    }

    private static IEnumerable<string> DeclaredNames(string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot()
            .DescendantNodes(n => n is CompilationUnitSyntax or GlobalStatementSyntax or LocalDeclarationStatementSyntax or FieldDeclarationSyntax or VariableDeclarationSyntax)
            .OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText);

    private static Dictionary<string, string> Values(string executed, string log)
    {
        Assert.True(File.Exists(executed), $"no executed copy {executed}:\n{log}");
        string text = string.Concat(NotebookFile.Load(executed).Cells.Single(c => c.Id == "print-parameters").Outputs.OfType<JsonObject>()
            .Where(o => (string?)o["output_type"] == "stream")
            .Select(o => o["text"] is JsonArray parts ? string.Concat(parts.Select(p => (string?)p)) : (string?)o["text"]));
        return text.Split('\n').Where(l => l.StartsWith(Marker, StringComparison.Ordinal))
            .Select(l => l[Marker.Length..].Split('\t', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}

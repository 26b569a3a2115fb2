using System.Text.RegularExpressions;
using Course.Cli.Tests.Doctor;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;

namespace Course.Cli.Tests.CourseNotebooks;

/// <summary>
/// Every course notebook opens with the same .NET Interactive set-up cell (docs/dotnet-interactive.md), and the
/// assembly it loads is where a built course puts it: relative to the notebooks folder, as dotnet-interactive
/// resolves it when it runs a notebook there.
/// </summary>
public sealed partial class InteractiveSetUpCellTests
{
    public static TheoryData<string> Notebooks => new(CourseNotebook.All());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_first_code_cell_sets_the_course_up_under_dotnet_interactive(string name)
    {
        var notebook = NotebookFile.Load(Repo.File("notebooks", name + ".ipynb"));
        var first = notebook.Cells.First(c => c.Kind == CellKind.Code);
        Assert.True(InteractiveSetUpCell.Is(first.Source), $"{name}: the first code cell should be the .NET Interactive set-up cell, but is:\n{first.Source}");

        var reference = ReferenceLine().Match(first.Source);
        Assert.True(reference.Success, $"{name}: the set-up cell has no #r line:\n{first.Source}");
        var assembly = Path.GetFullPath(Path.Combine(Repo.File("notebooks"), reference.Groups[1].Value));
        Assert.True(File.Exists(assembly), $"{name}: the set-up cell loads {assembly}, which the Release build of the course did not produce");
        Assert.Equal("Course.Interactive.dll", Path.GetFileName(assembly));
        Assert.Contains("Course.Interactive.DotNetInteractive.SetUp();", first.Source, StringComparison.Ordinal);

        // One text for all notebooks, so a change to it is made everywhere.
        var primer = NotebookFile.Load(Repo.File("notebooks", "00-csharp-primer.ipynb")).Cells.First(c => c.Kind == CellKind.Code);
        Assert.Equal(primer.Source, first.Source);
    }

    [GeneratedRegex("^#r \"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex ReferenceLine();
}

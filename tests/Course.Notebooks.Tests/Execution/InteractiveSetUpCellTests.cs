using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Course.Notebooks.Exporting;

namespace Course.Notebooks.Tests.Execution;

/// <summary>
/// The first cell of every course notebook sets the course up under .NET Interactive; this engine has done that set-up
/// itself, so it skips the cell, whatever it contains (its #r path exists only beside a built course).
/// </summary>
public class InteractiveSetUpCellTests
{
    private const string SetUpCell =
        "// .NET Interactive set-up: the course's own kernel skips this cell.\n" +
        "#r \"../no/such/folder/Course.Interactive.dll\"\n" +
        "Course.Interactive.DotNetInteractive.SetUp();";

    [Fact]
    public async Task The_engine_skips_the_set_up_cell_with_no_output_and_the_next_cell_runs()
    {
        using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = await engine.Run(SetUpCell, sink);
        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Null(result.Value);
        Assert.Empty(sink.Streams);
        Assert.Empty(sink.Displays);
        Assert.Equal("2", await engine.Value("1 + 1"));
    }

    [Fact]
    public async Task The_same_code_without_the_marker_is_run_and_fails_on_its_missing_assembly()
    {
        using var engine = new ScriptEngine();
        var result = await engine.Run(SetUpCell[(SetUpCell.IndexOf('\n') + 1)..]);
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Contains("Course.Interactive.dll", string.Join("\n", result.Error!.Traceback));
    }

    [Theory]
    [InlineData("// .NET Interactive set-up: loads the course", true)]
    [InlineData("\n  // .NET Interactive set-up", true)]
    [InlineData("var x = 1; // .NET Interactive set-up", false)]
    [InlineData("// a comment\n// .NET Interactive set-up", false)]
    public void Only_a_cell_that_starts_with_the_marker_is_a_set_up_cell(string code, bool expected) =>
        Assert.Equal(expected, InteractiveSetUpCell.Is(code));

    [Fact]
    public void An_exported_program_leaves_the_set_up_cell_out()
    {
        var notebook = Notebook.Create(new JsonObject());
        notebook.Cells.Add(NotebookCell.NewCode(SetUpCell, "set-up"));
        notebook.Cells.Add(NotebookCell.NewCode("Console.WriteLine(41 + 1);", "answer"));
        var exported = FileBasedAppExporter.Export(notebook, "lesson", new ExportSettings("../src/Course/Course.csproj", "cpu"));
        Assert.DoesNotContain("Course.Interactive", exported.Code, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(41 + 1);", exported.Code, StringComparison.Ordinal);
        Assert.Empty(exported.Warnings);
    }
}

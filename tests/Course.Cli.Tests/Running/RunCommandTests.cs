using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Running;

/// <summary>`course run` end to end: the real tool, a real worker process, the real engine.</summary>
public class RunCommandTests : IDisposable
{
    private readonly string output = CourseProcess.TempDirectory();

    public void Dispose() => Directory.Delete(output, recursive: true);

    private string Fixture(string name) => Path.Combine(CourseProcess.Fixtures, name);

    private static string Text(JsonNode? multiline) => multiline is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)multiline ?? "";

    private static string AllText(NotebookCell cell) => string.Concat(cell.Outputs.Select(o => Text(o!["text"]) + Text(o["data"]?["text/plain"]) + (string?)o["evalue"]));

    private Notebook Executed(string name)
    {
        var path = Path.Combine(output, name);
        CourseProcess.AssertValidNotebook(path);
        return NotebookFile.Load(path);
    }

    [Fact]
    public void A_folder_runs_in_name_order_and_every_executed_notebook_is_valid()
    {
        var folder = Path.Combine(output, "in");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "state.ipynb", "display.ipynb", "nuget.ipynb", "lesson.dib", "polyglot.ipynb" })
            File.Copy(Fixture(name), Path.Combine(folder, name));
        var (exit, log) = CourseProcess.Run(folder, "run", ".", "-o", output);

        Assert.True(exit == 0, log);
        var order = new[] { "display.ipynb", "lesson.dib", "nuget.ipynb", "polyglot.ipynb", "state.ipynb" }.Select(n => log.IndexOf("▶ " + n, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i >= 0, log));
        Assert.Equal(order.Order(), order);

        var state = Executed("state.ipynb");
        Assert.Equal("42", Text(state.Cells[3].Outputs.Single()!["data"]!["text/plain"]));
        Assert.Equal(2, state.Cells[3].ExecutionCount);
        Assert.NotNull(state.Cells[3].Metadata["execution"]?["shell.execute_reply"]);

        var display = Executed("display.ipynb").Cells[0];
        Assert.Equal(["stream", "display_data", "stream", "display_data"], display.Outputs.Select(o => (string)o!["output_type"]!));
        Assert.Contains("printed", AllText(display));
        Assert.Contains("shown with display", AllText(display));
        Assert.Contains("42", AllText(display));

        Assert.Contains("{\"lesson\":1,\"fast\":true}", AllText(Executed("nuget.ipynb").Cells[1]));
        Assert.Contains("30", AllText(Executed("lesson.ipynb").Cells[2]));
        var polyglot = Executed("polyglot.ipynb");
        Assert.Contains("Grüße aus VS Code ✓", AllText(polyglot.Cells[1]));
        Assert.Contains("19", AllText(polyglot.Cells[2]));
        Assert.Equal(".net-csharp", (string?)polyglot.Metadata["kernelspec"]!["name"]);
        Assert.Equal(File.ReadAllText(Fixture("state.ipynb")), File.ReadAllText(Path.Combine(folder, "state.ipynb")));
    }

    [Fact]
    public void A_failing_cell_is_reported_with_cell_and_line_and_later_cells_do_not_run()
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "run", "error.ipynb", "-o", output);

        Assert.Equal(1, exit);
        Assert.Contains("error.ipynb, cell 2, line 2: NullReferenceException", log.Replace("\n", ""));
        var notebook = Executed("error.ipynb");
        Assert.Equal("NullReferenceException", (string?)notebook.Cells[1].Outputs.Last()!["ename"]);
        Assert.Empty(notebook.Cells[2].Outputs);
        Assert.Null(notebook.Cells[2].ExecutionCount);
    }

    [Fact]
    public void Allow_errors_runs_later_cells()
    {
        var (exit, _) = CourseProcess.Run(CourseProcess.Fixtures, "run", "error.ipynb", "-o", output, "--allow-errors");
        Assert.Equal(1, exit);
        Assert.Contains("after", AllText(Executed("error.ipynb").Cells[2]));
    }

    [Fact]
    public void Parameters_and_quick_mode_reach_the_notebook()
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "run", "parameters.ipynb", "-o", output, "-p", "epochs", "3", "-p", "label", "hi \"there\"", "--quick");
        Assert.True(exit == 0, log);
        var notebook = Executed("parameters.ipynb");
        Assert.Equal(["injected-parameters"], notebook.Cells[2].Tags);
        Assert.Equal("epochs=3 rate=0.5 label=hi \"there\" quick=True\n", AllText(notebook.Cells[3]));
    }

    [Fact]
    public void Parameters_without_a_parameters_cell_are_refused()
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "run", "state.ipynb", "-o", output, "-p", "epochs", "3");
        Assert.Equal(1, exit);
        Assert.Contains("no code cell tagged \"parameters\"", log.Replace("\n", ""));
        Assert.False(File.Exists(Path.Combine(output, "state.ipynb")));
    }

    [Fact]
    public void Other_languages_are_reported_not_skipped()
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "run", "mixed-languages.ipynb", "-o", output, "--allow-errors");
        Assert.Equal(1, exit);
        Assert.Contains("UnsupportedLanguage", log);
        var notebook = Executed("mixed-languages.ipynb");
        Assert.Equal("UnsupportedLanguage", (string?)notebook.Cells[1].Outputs.Single()!["ename"]);
        Assert.Contains("42", AllText(notebook.Cells[2]));
    }

    [Theory]
    [InlineData("malformed.ipynb", "line 7, position 2")]
    [InlineData("nbformat3.ipynb", "nbformat 3.0")]
    public void Unreadable_notebooks_fail_with_the_reason(string name, string reason)
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "run", name, "-o", output);
        Assert.Equal(1, exit);
        Assert.Contains(reason, log.Replace("\n", ""));
    }

    [Fact]
    public void The_source_is_never_overwritten_without_in_place()
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "run", "state.ipynb", "-o", ".");
        Assert.Equal(2, exit);
        Assert.Contains("--in-place", log.Replace("\n", ""));
    }

    [Fact]
    public void In_place_writes_outputs_into_the_notebook()
    {
        var copy = Path.Combine(output, "state.ipynb");
        File.Copy(Fixture("state.ipynb"), copy);
        var (exit, log) = CourseProcess.Run(output, "run", "state.ipynb", "--in-place");
        Assert.True(exit == 0, log);
        Assert.Equal("42", Text(Executed("state.ipynb").Cells[3].Outputs.Single()!["data"]!["text/plain"]));
        Assert.False(Directory.Exists(Path.Combine(output, "out")));
    }
}

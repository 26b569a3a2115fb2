using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Course.Notebooks.Running;

namespace Course.Notebooks.Tests.Running;

public class NotebookRunnerTests
{
    private static Notebook Build(params string[] cells)
    {
        var notebook = Notebook.Create(new JsonObject());
        notebook.Cells.Add(NotebookCell.NewMarkdown("# title", NotebookCell.NewId()));
        foreach (var source in cells) notebook.Cells.Add(NotebookCell.NewCode(source, NotebookCell.NewId()));
        return notebook;
    }

    private static string[] OutputTypes(NotebookCell cell) => cell.Outputs.Select(o => (string)o!["output_type"]!).ToArray();

    [Fact]
    public async Task Outputs_counts_and_timing_are_stored_in_the_cells()
    {
        var notebook = Build("print a\nprint b\nvalue 42", "display first\nupdate second\nprint c");
        var result = await NotebookRunner.RunAsync(notebook, new ScriptedEngine(), new RunOptions(), null, CancellationToken.None);

        Assert.Equal(RunStatus.Passed, result.Status);
        var first = notebook.Cells[1];
        Assert.Equal(1, first.ExecutionCount);
        Assert.Equal(["stream", "execute_result"], OutputTypes(first));
        Assert.Equal("a\nb\n", string.Concat(first.Outputs[0]!["text"]!.AsArray().Select(l => (string?)l)));
        Assert.Equal(1, (int)first.Outputs[1]!["execution_count"]!);
        var second = notebook.Cells[2];
        Assert.Equal(["display_data", "stream"], OutputTypes(second));
        Assert.Equal("second", (string?)second.Outputs[0]!["data"]!["text/plain"]![0]);
        var execution = first.Metadata["execution"]!;
        Assert.True(DateTime.Parse((string)execution["shell.execute_reply"]!) >= DateTime.Parse((string)execution["iopub.execute_input"]!));
    }

    [Fact]
    public async Task Clear_output_empties_the_cell_at_once_or_when_the_next_output_arrives()
    {
        var notebook = Build("print gone\ndisplay gone too\nclear\nprint kept", "print frame 1\nclear wait\nprint frame 2\nclear wait",
            "display chart\nclear\nupdate late");
        var result = await NotebookRunner.RunAsync(notebook, new ScriptedEngine(), new RunOptions(), null, CancellationToken.None);

        Assert.Equal(RunStatus.Passed, result.Status);
        Assert.Equal("kept\n", string.Concat(Assert.Single(notebook.Cells[1].Outputs)!["text"]!.AsArray().Select(l => (string?)l)));
        // wait: the old frame stays until the next one replaces it, and a trailing clear with nothing after it keeps the last frame
        Assert.Equal("frame 2\n", string.Concat(Assert.Single(notebook.Cells[2].Outputs)!["text"]!.AsArray().Select(l => (string?)l)));
        // an update to a display that was cleared is dropped, as Jupyter front ends do
        Assert.Empty(notebook.Cells[3].Outputs);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_notebook_and_keeps_its_error()
    {
        var notebook = Build("print before", "print partial\nfail 2 boom", "print after");
        var engine = new ScriptedEngine();
        var result = await NotebookRunner.RunAsync(notebook, engine, new RunOptions(), null, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(2, engine.Executed.Count);
        var failure = Assert.Single(result.Failures);
        Assert.Equal((3, 2, "boom"), (failure.Number, failure.Error!.Line, failure.Error.Message));
        Assert.Equal(["stream", "error"], OutputTypes(notebook.Cells[2]));
        Assert.Equal("InvalidOperationException", (string?)notebook.Cells[2].Outputs[1]!["ename"]);
        Assert.Empty(notebook.Cells[3].Outputs);
        Assert.Null(notebook.Cells[3].ExecutionCount);
    }

    [Fact]
    public async Task Allow_errors_runs_the_remaining_cells()
    {
        var notebook = Build("fail 1 boom", "print after");
        var result = await NotebookRunner.RunAsync(notebook, new ScriptedEngine(), new RunOptions(AllowErrors: true), null, CancellationToken.None);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(2, result.Outcomes.Count);
        Assert.Equal(["stream"], OutputTypes(notebook.Cells[2]));
    }

    [Fact]
    public async Task Other_languages_get_an_error_output_and_count_as_failures()
    {
        var notebook = NotebookFile.Load(Documents.Fixtures.Path("mixed-languages.ipynb"));
        var engine = new ScriptedEngine();
        var result = await NotebookRunner.RunAsync(notebook, engine, new RunOptions(AllowErrors: true), null, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, result.Status);
        var refused = Assert.Single(result.Failures);
        Assert.Equal("UnsupportedLanguage", refused.Error!.Name);
        Assert.Contains("F#", refused.Error.Message);
        Assert.Equal("UnsupportedLanguage", (string?)notebook.Cells[1].Outputs[0]!["ename"]);
        Assert.Equal(2, engine.Executed.Count);
    }

    [Fact]
    public async Task A_cell_over_its_timeout_is_cancelled_and_reported_as_a_timeout()
    {
        var notebook = Build("print start", "hang", "print never");
        var engine = new ScriptedEngine();
        var result = await NotebookRunner.RunAsync(notebook, engine, new RunOptions(TimeSpan.FromMilliseconds(200), AllowErrors: true), null, CancellationToken.None);

        Assert.Equal(RunStatus.TimedOut, result.Status);
        Assert.Equal(2, engine.Executed.Count);
        var outcome = result.Outcomes[1];
        Assert.True(outcome.TimedOut);
        Assert.Equal(CellStatus.Cancelled, outcome.Status);
        Assert.Equal("TimeoutError", (string?)notebook.Cells[2].Outputs[0]!["ename"]);
    }

    [Fact]
    public async Task The_grader_goes_on_after_a_timed_out_cell_when_asked()
    {
        var notebook = Build("print start", "hang", "print after");
        var engine = new ScriptedEngine();
        var options = new RunOptions(TimeSpan.FromMilliseconds(200), AllowErrors: true, ContinueAfterTimeout: true);
        var result = await NotebookRunner.RunAsync(notebook, engine, options, null, CancellationToken.None);

        Assert.Equal(RunStatus.TimedOut, result.Status);
        Assert.Equal(3, engine.Executed.Count);
        Assert.Equal("TimeoutError", (string?)notebook.Cells[2].Outputs[0]!["ename"]);
        Assert.Equal(CellStatus.Ok, result.Outcomes[2].Status);
    }

    [Fact]
    public async Task The_kernel_selector_line_is_not_sent_to_the_engine()
    {
        var notebook = Build("#!csharp\nprint x");
        var engine = new ScriptedEngine();
        await NotebookRunner.RunAsync(notebook, engine, new RunOptions(), null, CancellationToken.None);
        Assert.Equal("\nprint x", Assert.Single(engine.Executed));
    }
}

using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Running;

/// <summary>
/// TorchSharp 0.107's `matmul` lets libtorch's shape error escape as a C++ exception, which aborts the process instead
/// of throwing (`mm` and layers throw ExternalException). The primer tells learners so; this test keeps that statement
/// true: when a TorchSharp update fixes it, this fails and the primer's warning goes. It also shows what `course run`
/// does with a worker that dies mid-cell: it says so, saves the notebook, and the later cells do not run.
/// </summary>
public sealed class NativeAbortTests : IDisposable
{
    private readonly string folder = CourseProcess.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_matmul_shape_mismatch_aborts_the_worker_where_mm_throws_and_the_run_reports_it()
    {
        var notebook = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "state.ipynb"));
        string[] sources =
        [
            "try { mm(randn(2, 3), randn(2, 3)); } catch (Exception e) { Console.WriteLine($\"mm threw {e.GetType().Name}\"); }",
            "matmul(randn(2, 3), randn(2, 3))",
            "Console.WriteLine(\"after\");",
        ];
        notebook.Cells.Clear();
        foreach (var (source, i) in sources.Select((s, i) => (s, i)))
        {
            var cell = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "state.ipynb")).Cells.First(c => c.Kind == CellKind.Code);
            cell.Source = source;
            cell.Json["id"] = $"abort-{i}";
            notebook.Cells.Add(cell);
        }
        NotebookFile.Save(notebook, Path.Combine(folder, "abort.ipynb"));

        var (exit, log) = CourseProcess.Run(folder, "run", "abort.ipynb", "-o", "out");

        Assert.Equal(1, exit);
        Assert.Contains("abort.ipynb, cell 2: WorkerExited", log);
        var executed = NotebookFile.Load(Path.Combine(folder, "out", "abort.ipynb"));
        string Text(int cell) => string.Concat(executed.Cells[cell].Outputs.Select(o => string.Concat((o!["text"] as System.Text.Json.Nodes.JsonArray)?.Select(l => (string?)l) ?? []) + (string?)o["evalue"]));
        Assert.Contains("mm threw ExternalException", Text(0));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied", Text(1));
        Assert.Contains("exited", Text(1));
        Assert.Empty(executed.Cells[2].Outputs);
    }
}

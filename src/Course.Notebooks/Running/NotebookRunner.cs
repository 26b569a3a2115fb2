using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;

namespace Course.Notebooks.Running;

/// <summary>
/// Runs a notebook's code cells in order on one engine and stores outputs, execution counts and timing in the
/// notebook (as nbclient does). Cells in languages other than C# get an error output and count as failures.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs <paramref name="notebook"/> in place. Never throws for cell errors: they are in the result and the cells.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, INotebookEngine engine, RunOptions options, IRunObserver? observer, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var codeCells = notebook.Cells.Count(c => c.Kind == CellKind.Code);
        var outcomes = new List<CellOutcome>();
        var status = RunStatus.Passed;
        var executionCount = 0;
        var codeIndex = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code) continue;
            codeIndex++;
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Metadata.Remove("execution");
            if (status != RunStatus.Passed && !options.AllowErrors || status == RunStatus.Interrupted
                || status == RunStatus.TimedOut && !(options.AllowErrors && options.ContinueAfterTimeout)) continue;
            if (string.IsNullOrWhiteSpace(cell.Source)) continue;

            observer?.CellStarted(i + 1, codeIndex, codeCells);
            var outcome = await RunCellAsync(notebook, cell, i + 1, ++executionCount, engine, options, observer, cancellation);
            outcomes.Add(outcome);
            observer?.CellFinished(outcome);
            if (outcome.Status == CellStatus.Ok) continue;
            status = outcome.TimedOut ? RunStatus.TimedOut
                : outcome.Status == CellStatus.Cancelled ? RunStatus.Interrupted
                : status == RunStatus.Passed ? RunStatus.Failed : status;
        }
        return new NotebookRunResult(status, codeCells, outcomes, clock.Elapsed);
    }

    private static async Task<CellOutcome> RunCellAsync(Notebook notebook, NotebookCell cell, int number, int executionCount, INotebookEngine engine, RunOptions options, IRunObserver? observer, CancellationToken cancellation)
    {
        var sink = new CellOutputCollector(cell, observer is null ? null : observer.Progress);
        var started = DateTime.UtcNow;
        cell.ExecutionCount = executionCount;
        var language = CellLanguage.Of(notebook, cell);
        CellOutcome outcome;
        if (language != CellLanguage.CSharp)
        {
            var name = CellLanguage.DisplayName(language);
            var error = new CellError("UnsupportedLanguage",
                $"Cell {number} is {name}; the course engine runs C# only. Rewrite the cell in C#, or open the notebook in VS Code with Polyglot Notebooks to run {name}.",
                [], null);
            outcome = new CellOutcome(number, CellStatus.Error, error, TimeSpan.Zero);
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (options.CellTimeout is { } limit) timeout.CancelAfter(limit);
            var result = await engine.ExecuteAsync(CellLanguage.ExecutableCode(cell.Source), sink, timeout.Token);
            sink.Complete();
            // However the engine reports a cell stopped by our timeout (cancelled, or an OperationCanceledException), it timed out.
            var timedOut = result.Status != CellStatus.Ok && timeout.IsCancellationRequested && !cancellation.IsCancellationRequested;
            if (timedOut) result = result with { Status = CellStatus.Cancelled };
            var error = result.Error;
            if (result.Status == CellStatus.Cancelled)
                error = timedOut
                    ? new CellError("TimeoutError", $"Cell {number} did not finish within {options.CellTimeout!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was stopped. {options.TimeoutAdvice}".TrimEnd(), error?.Traceback ?? [], error?.Line)
                    : new CellError("Interrupted", $"Cell {number} was interrupted.", error?.Traceback ?? [], error?.Line);
            else if (result.Status == CellStatus.Error)
                error ??= new CellError("Error", "The cell failed without saying why.", [], null);
            if (result.Status == CellStatus.Ok && result.Value is { } value)
                sink.Add(NotebookOutputs.ExecuteResult(value, executionCount));
            outcome = new CellOutcome(number, result.Status, error, result.Duration, timedOut);
        }
        if (outcome.Error is { } e)
            sink.Add(NotebookOutputs.Error(e.Name, e.Message, e.Traceback.Count > 0 ? e.Traceback : [$"{e.Name}: {e.Message}"]));
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.execute_input"] = Iso(started),
            ["shell.execute_reply"] = Iso(DateTime.UtcNow),
        };
        return outcome;
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

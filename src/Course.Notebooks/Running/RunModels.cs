using Course.Hosting;
using Course.Notebooks.Execution;

namespace Course.Notebooks.Running;

/// <summary>How to run a notebook.</summary>
/// <param name="CellTimeout">Longest a single cell may run; null for no limit.</param>
/// <param name="AllowErrors">Keep running later cells after a cell fails (a timeout still stops the notebook).</param>
/// <param name="TimeoutAdvice">What the host tells the user to do about a timeout (its own options), added to the error.</param>
/// <param name="ContinueAfterTimeout">
/// With <paramref name="AllowErrors"/>, also run later cells after a cell timed out (the workshop grader: one runaway
/// exercise must not cost the others). Code the engine could not stop may still be running in the background.
/// </param>
public sealed record RunOptions(TimeSpan? CellTimeout = null, bool AllowErrors = false, string TimeoutAdvice = "", bool ContinueAfterTimeout = false);

/// <summary>How a notebook run ended.</summary>
public enum RunStatus { Passed, Failed, TimedOut, Interrupted }

/// <summary>How one code cell ended.</summary>
/// <param name="Number">1-based position of the cell in the notebook (markdown cells count).</param>
/// <param name="Status">Ok, Error or Cancelled.</param>
/// <param name="Error">What went wrong (for an unsupported language, Name is "UnsupportedLanguage").</param>
/// <param name="Duration">Wall time of the cell.</param>
/// <param name="TimedOut">True when the cell was stopped by the timeout.</param>
public sealed record CellOutcome(int Number, CellStatus Status, CellError? Error, TimeSpan Duration, bool TimedOut = false);

/// <summary>The result of running one notebook.</summary>
/// <param name="Status">Passed only when every code cell succeeded.</param>
/// <param name="CodeCells">Code cells in the notebook.</param>
/// <param name="Outcomes">Every cell that ran (or was refused), in order.</param>
/// <param name="Duration">Wall time of the whole run.</param>
public sealed record NotebookRunResult(RunStatus Status, int CodeCells, IReadOnlyList<CellOutcome> Outcomes, TimeSpan Duration)
{
    /// <summary>Cells that failed, timed out or were refused.</summary>
    public IEnumerable<CellOutcome> Failures => Outcomes.Where(o => o.Status != CellStatus.Ok);
}

/// <summary>Told about each cell as the run goes (progress display).</summary>
public interface IRunObserver
{
    /// <summary>A code cell starts.</summary>
    void CellStarted(int number, int codeCellIndex, int codeCells);

    /// <summary>A code cell ended.</summary>
    void CellFinished(CellOutcome outcome);

    /// <summary>The running cell reported how far its long work has got (a training run; a few times a second at most).</summary>
    void Progress(CellProgress progress) { }
}

using Course.Hosting;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Execution;

/// <summary>How one cell ended.</summary>
/// <param name="Status">Ok, Error, or Cancelled (interrupted or timed out).</param>
/// <param name="Value">The trailing expression's value, formatted; null when the cell has none.</param>
/// <param name="Error">The error, when Status is not Ok.</param>
/// <param name="Duration">Wall time of the cell.</param>
public sealed record CellResult(CellStatus Status, MimeBundle? Value, CellError? Error, TimeSpan Duration);

/// <summary>Outcome of a cell.</summary>
public enum CellStatus { Ok, Error, Cancelled }

/// <summary>A cell's failure, readable by a learner.</summary>
/// <param name="Name">Exception type or "CompilationError".</param>
/// <param name="Message">One-line message.</param>
/// <param name="Traceback">Lines to show, most useful first; lines refer to the cell's own line numbers.</param>
/// <param name="Line">1-based line in the cell where it failed, when known.</param>
public sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback, int? Line);

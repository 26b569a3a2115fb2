using Course.Hosting;

namespace Course.Notebooks.Execution;

/// <summary>
/// One C# script state that cells run in, in order (variables, types, usings and #r carry over).
/// The contract between execution and the front ends (headless runner, Jupyter kernel).
/// </summary>
public interface INotebookEngine : IDisposable
{
    /// <summary>Runs one cell. Never throws for errors in the cell: they come back in the result.</summary>
    Task<CellResult> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellation);

    /// <summary>Completions at <paramref name="cursor"/> (offset into <paramref name="code"/>).</summary>
    Task<Completions> CompleteAsync(string code, int cursor, CancellationToken cancellation);

    /// <summary>Documentation for the symbol at <paramref name="cursor"/>, or null.</summary>
    Task<string?> InspectAsync(string code, int cursor, CancellationToken cancellation);

    /// <summary>"complete", "incomplete" (more lines needed) or "invalid".</summary>
    string IsComplete(string code);
}

/// <summary>Completion candidates and the span of <c>code</c> they replace.</summary>
public sealed record Completions(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

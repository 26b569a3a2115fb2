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

    /// <summary>Whether <paramref name="code"/> can run as it is, needs more lines, or cannot be completed.</summary>
    CodeCompleteness IsComplete(string code);
}

/// <summary>What <see cref="INotebookEngine.IsComplete"/> finds; front ends map it to their own words.</summary>
public enum CodeCompleteness
{
    /// <summary>Ready to run.</summary>
    Complete,

    /// <summary>More lines are needed (an open brace, string, call …).</summary>
    Incomplete,

    /// <summary>An error no further line can fix.</summary>
    Invalid,
}

/// <summary>Completion candidates and the span of <c>code</c> they replace.</summary>
public sealed record Completions(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

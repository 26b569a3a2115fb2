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

    /// <summary>
    /// Completions at <paramref name="cursor"/> (UTF-16 offset into <paramref name="code"/>, 0 … code.Length; else
    /// <see cref="ArgumentOutOfRangeException"/>). Answers while a cell runs, from the cells finished before it.
    /// </summary>
    Task<Completions> CompleteAsync(string code, int cursor, CancellationToken cancellation);

    /// <summary>Signature and documentation of the symbol at <paramref name="cursor"/>, or null; cursor as for completions.</summary>
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

/// <summary>Completion candidates, best first, and the span of <c>code</c> (UTF-16 offsets) they replace.</summary>
public sealed record Completions(IReadOnlyList<CompletionMatch> Matches, int CursorStart, int CursorEnd);

/// <summary>
/// One candidate: the text that replaces the span, its kind in the words Jupyter front ends choose icons by
/// (method, property, field, class, module, keyword, instance, param, …) and, for the first few, its signature.
/// </summary>
public sealed record CompletionMatch(string Text, string Kind, string? Signature);

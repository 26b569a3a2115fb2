using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Execution;

/// <summary>Turns compiler diagnostics and exceptions from a cell into <see cref="CellError"/>s in the cell's own line numbers.</summary>
internal static partial class CellErrors
{
    /// <summary>Compilation errors of the cell, each with its line and column.</summary>
    public static CellError Compilation(CompilationErrorException e)
    {
        var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0) errors = [.. e.Diagnostics];
        var lines = errors.Select(d =>
        {
            var position = d.Location.GetLineSpan().StartLinePosition;
            return $"(line {position.Line + 1}, column {position.Character + 1}): {d.Id}: {d.GetMessage()}";
        }).ToList();
        int? line = errors.Count > 0 && errors[0].Location.IsInSource
            ? errors[0].Location.GetLineSpan().StartLinePosition.Line + 1
            : null;
        return new CellError("CompilationError", lines.FirstOrDefault() ?? e.Message, lines, line);
    }

    /// <summary>
    /// An exception thrown by cell code: type, message, and the stack frames down to the last one in a cell (the
    /// engine's and Roslyn's own frames are left out), with cell line numbers.
    /// </summary>
    /// <param name="e">The exception.</param>
    /// <param name="cellFiles">Maps the file path of each cell's code to its execution count.</param>
    /// <param name="currentCell">File path of the cell that ran.</param>
    public static CellError Runtime(Exception e, Func<string, int?> cellFiles, string currentCell)
    {
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
        var lastCellFrame = Array.FindLastIndex(frames, f => f.GetFileName() is { } file && cellFiles(file) is not null);
        var kept = lastCellFrame >= 0 ? frames[..(lastCellFrame + 1)] : frames;
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        traceback.AddRange(kept.Where(f => f.GetMethod() is not null).Select(f => "   at " + Describe(f, cellFiles)));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        var failing = kept.FirstOrDefault(f => f.GetFileName() == currentCell);
        int? line = failing?.GetFileLineNumber() is > 0 and var l ? l : null;
        // The short type name, like a Jupyter ename ("ZeroDivisionError"); the traceback gives the full name.
        return new CellError(e.GetType().Name, e.Message, traceback, line);
    }

    private static string Describe(StackFrame frame, Func<string, int?> cellFiles)
    {
        var method = frame.GetMethod()!;
        var type = method.DeclaringType;
        var name = $"{type?.FullName}.{method.Name}";
        // Roslyn names script classes "Submission#N" and the cell body an async state machine in <Initialize>.
        name = SubmissionPrefix().Replace(name, "");
        name = name.Contains("<Initialize>", StringComparison.Ordinal) ? "cell" : StateMachine().Replace(name, "$1");
        var file = frame.GetFileName();
        if (file is not null && cellFiles(file) is { } cell) return $"{name} in cell [{cell}], line {frame.GetFileLineNumber()}";
        return file is null ? name : $"{name} in {Path.GetFileName(file)}:line {frame.GetFileLineNumber()}";
    }

    [GeneratedRegex(@"Submission#\d+\+?")]
    private static partial Regex SubmissionPrefix();

    [GeneratedRegex(@"<(\w+)>d__\d+\.MoveNext")]
    private static partial Regex StateMachine();
}

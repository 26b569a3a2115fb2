using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands.Progress;

/// <summary>
/// What `course run` shows while a notebook runs: one line per finished cell, and for a long cell where it has got.
/// On a terminal that is a live Spectre.Console progress bar fed by the cell's training progress
/// (<see cref="LiveRunProgress"/>); when the output is redirected (CI logs) it is plain lines with no ANSI codes
/// (<see cref="PlainRunProgress"/>).
/// </summary>
internal abstract class RunProgress(IAnsiConsole console) : IRunObserver, IDisposable
{
    protected IAnsiConsole Console { get; } = console;

    /// <summary>The running cell, e.g. "cell 12 [5/20]" (its place among all cells, then among code cells).</summary>
    protected string Running { get; private set; } = "";

    /// <summary>Live progress when <paramref name="console"/> is an interactive ANSI terminal, plain lines otherwise.</summary>
    public static RunProgress For(IAnsiConsole console, TimeProvider time) =>
        console.Profile.Capabilities is { Ansi: true, Interactive: true } ? new LiveRunProgress(console) : new PlainRunProgress(console, time);

    public virtual void CellStarted(int number, int codeCellIndex, int codeCells) => Running = $"cell {number} [{codeCellIndex}/{codeCells}]";

    public virtual void CellFinished(CellOutcome outcome)
    {
        var seconds = $"{outcome.Duration.TotalSeconds:F2} s";
        if (outcome.Status == CellStatus.Ok)
            WriteLine($"  ✓ {Running} {seconds}", $"  [green]✓[/] {Markup.Escape(Running)} [grey]{seconds}[/]");
        else
        {
            var line = $"  ✗ {Running} {seconds} {outcome.Error?.Name}: {outcome.Error?.Message}{(outcome.Error?.Line is { } at ? $" (line {at})" : "")}";
            WriteLine(line, $"[red]{Markup.Escape(line)}[/]");
        }
    }

    /// <summary>Writes one line: <paramref name="markup"/> where colours show, <paramref name="text"/> in a log.</summary>
    protected abstract void WriteLine(string text, string markup);

    public abstract void Progress(CellProgress progress);

    public abstract void Dispose();
}

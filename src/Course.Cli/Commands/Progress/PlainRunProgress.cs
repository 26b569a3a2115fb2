using Course.Hosting;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands.Progress;

/// <summary>
/// Progress for a log: while a cell runs, a line every <see cref="Interval"/> with how long it has run and, when it
/// trains, the latest epoch, batch, loss, throughput and time left. Lines are never rewritten, so a CI log reads
/// top to bottom.
/// </summary>
internal sealed class PlainRunProgress : RunProgress
{
    /// <summary>Time between two "still running" lines of the same cell.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly TimeProvider time;
    private readonly ITimer heartbeat;
    private readonly Lock gate = new();
    private long cellStarted;
    private bool cellRunning;
    private CellProgress? latest;

    public PlainRunProgress(IAnsiConsole console, TimeProvider time) : base(console)
    {
        this.time = time;
        heartbeat = time.CreateTimer(_ => Beat(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override void CellStarted(int number, int codeCellIndex, int codeCells)
    {
        lock (gate)
        {
            base.CellStarted(number, codeCellIndex, codeCells);
            latest = null;
            cellStarted = time.GetTimestamp();
            cellRunning = true;
            heartbeat.Change(Interval, Interval);
        }
    }

    public override void CellFinished(CellOutcome outcome)
    {
        lock (gate)
        {
            heartbeat.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            cellRunning = false;
            base.CellFinished(outcome);
        }
    }

    public override void Progress(CellProgress progress)
    {
        lock (gate) latest = progress;
    }

    private void Beat()
    {
        lock (gate)
        {
            // A tick already on its way when the cell ended.
            if (!cellRunning) return;
            var seconds = time.GetElapsedTime(cellStarted).TotalSeconds;
            var doing = latest is { } p ? $": {p}" : "";
            WriteLine($"  … {Running} still running ({seconds:F0} s){doing}", "");
        }
    }

    // Straight to the output: Spectre would wrap a long line at its assumed 80 columns, and a log has no columns.
    protected override void WriteLine(string text, string markup)
    {
        var output = Console.Profile.Out.Writer;
        output.WriteLine(text);
        output.Flush();
    }

    public override void Dispose() => heartbeat.Dispose();
}

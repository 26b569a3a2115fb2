using Course.Hosting;
using Course.Notebooks.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Course.Cli.Commands.Progress;

/// <summary>
/// Progress on a terminal: from the first progress report of a cell until it ends, a Spectre.Console progress bar
/// redrawn in place: the cell, epoch, batch, loss and throughput, the share done, the time elapsed and the trainer's
/// estimate of the time left. The bar is cleared when the cell ends, which leaves the cell's one ✓ line.
/// </summary>
internal sealed class LiveRunProgress(IAnsiConsole console) : RunProgress(console)
{
    private const string RemainingSeconds = "remaining-seconds";
    private readonly Lock gate = new();
    private TaskCompletionSource? finished;
    private Task? display;
    private ProgressTask? bar;
    private volatile string detail = "";

    public override void Progress(CellProgress progress)
    {
        lock (gate)
        {
            bar ??= Show();
            bar.Description = Markup.Escape($"{Running}  {progress.Stage}");
            detail = progress.Detail;
            bar.IsIndeterminate = progress.Fraction is null;
            if (progress.Fraction is { } fraction) bar.Value = Math.Clamp(fraction, 0, 1) * bar.MaxValue;
            bar.State.Update<double>(RemainingSeconds, _ => progress.Remaining?.TotalSeconds ?? double.NaN);
        }
    }

    public override void CellFinished(CellOutcome outcome)
    {
        Hide();
        base.CellFinished(outcome);
    }

    // Starts the display; it runs on its own until Hide ends it.
    private ProgressTask Show()
    {
        finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var added = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var end = finished.Task;
        display = Console.Progress()
            .AutoClear(true)
            // Short columns first, so an 80-column terminal shows the bar and times; the numbers come last and wrap.
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(),
                new ElapsedTimeColumn(), new TimeLeftColumn(), new DetailColumn(() => detail))
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(Running));
                task.State.Update<double>(RemainingSeconds, _ => double.NaN);
                added.SetResult(task);
                await end;
            });
        return added.Task.GetAwaiter().GetResult();
    }

    private void Hide()
    {
        Task? shown;
        lock (gate)
        {
            shown = display;
            finished?.TrySetResult();
            display = null;
            finished = null;
            bar = null;
        }
        shown?.GetAwaiter().GetResult();
    }

    protected override void WriteLine(string text, string markup) => Console.MarkupLine(markup);

    public override void Dispose() => Hide();

    private sealed class DetailColumn(Func<string> detail) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(detail());
    }

    // The trainer's own estimate (it knows the batches left), not Spectre's guess from the bar's speed.
    private sealed class TimeLeftColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var seconds = task.State.Get<double>(RemainingSeconds);
            return new Text(double.IsFinite(seconds) ? $"{CellProgress.Duration(TimeSpan.FromSeconds(seconds))} left" : "-:-- left", new Style(Color.Blue));
        }
    }
}

using System.Globalization;
using Course.Cli.Commands.Progress;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Running;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace Course.Cli.Tests.Running;

/// <summary>
/// What `course run` prints while a cell runs: plain lines in a log (asserted exactly, with a fake clock), a live
/// Spectre.Console bar on a terminal (Spectre's test console in terminal mode).
/// </summary>
public sealed class RunProgressTests
{
    private static readonly CellProgress Epoch2 = new("epoch 2/3", 0.5, TimeSpan.FromSeconds(42), "batch 10/20  loss 0.1234  1000 samples/s");
    private static readonly CellOutcome Finished = new(7, CellStatus.Ok, null, TimeSpan.FromSeconds(31.5));

    private static TestConsole Log() => new();

    private static TestConsole Terminal()
    {
        // 80 columns, what a terminal (and Spectre, when it cannot tell) starts with.
        return new TestConsole().Interactive().SupportsAnsi(true).EmitAnsiSequences().Width(80);
    }

    [Fact]
    public void A_log_gets_plain_lines_the_latest_training_progress_every_15_s_and_nothing_after_the_cell()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var console = Log();
        var time = new FakeTimeProvider();
        using var progress = RunProgress.For(console, time);
        Assert.IsType<PlainRunProgress>(progress);

        progress.CellStarted(7, 3, 9);
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal("", console.Output);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Progress(Epoch2 with { Stage = "epoch 1/3" });
        progress.Progress(Epoch2);
        time.Advance(TimeSpan.FromSeconds(15));
        progress.CellFinished(Finished);
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(
            "  … cell 7 [3/9] still running (15 s)\n" +
            "  … cell 7 [3/9] still running (30 s): epoch 2/3  batch 10/20  loss 0.1234  1000 samples/s  ETA 0:42\n" +
            "  ✓ cell 7 [3/9] 31.50 s\n",
            console.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_log_line_is_never_wrapped_and_a_failed_cell_says_why()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var console = Log();
        var time = new FakeTimeProvider();
        using var progress = RunProgress.For(console, time);
        var longDetail = string.Join("  ", Enumerable.Range(1, 20).Select(i => $"metric{i} {i}"));

        progress.CellStarted(2, 1, 4);
        progress.Progress(Epoch2 with { Detail = longDetail, Remaining = null, Fraction = null });
        time.Advance(PlainRunProgress.Interval);
        progress.CellFinished(new CellOutcome(2, CellStatus.Error, new CellError("ArgumentException", "shapes [2, 3] and [4] differ", [], 5), TimeSpan.FromSeconds(16)));

        Assert.Equal(
            $"  … cell 2 [1/4] still running (15 s): epoch 2/3  {longDetail}\n" +
            "  ✗ cell 2 [1/4] 16.00 s ArgumentException: shapes [2, 3] and [4] differ (line 5)\n",
            console.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_terminal_gets_a_live_bar_with_epoch_loss_and_time_left_cleared_when_the_cell_ends()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var console = Terminal();
        using var progress = RunProgress.For(console, new FakeTimeProvider());
        Assert.IsType<LiveRunProgress>(progress);

        progress.CellStarted(7, 3, 9);
        progress.Progress(Epoch2 with { Stage = "epoch 1/3", Fraction = 0.1 });
        progress.Progress(Epoch2);
        progress.CellFinished(Finished);

        var output = console.Output;
        // The last state is drawn when the bar stops, so it is in the output however fast the test ran.
        Assert.Contains("cell 7 [3/9]  epoch 2/3", output);
        Assert.Contains("loss 0.1234", output);
        Assert.Contains("━━━━", output);
        Assert.Contains("50%", output);
        Assert.Contains("0:42 left", output);
        Assert.Contains("\u001b[", output);
        Assert.DoesNotContain("still running", output);
        // The bar is cleared, then the cell's own line follows it.
        Assert.EndsWith("31.50 s", output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')[^1].Replace("\u001b[0m", "").TrimEnd());
    }

    [Fact]
    public void Training_with_no_epoch_limit_shows_a_bar_without_a_share_and_an_unknown_time_left()
    {
        var console = Terminal();
        using var progress = RunProgress.For(console, new FakeTimeProvider());

        progress.CellStarted(1, 1, 1);
        progress.Progress(new CellProgress("epoch 4", null, null, "batch 3/20  loss 0.5000  10 samples/s"));
        progress.CellFinished(Finished);

        Assert.Contains("epoch 4", console.Output);
        Assert.Contains("batch 3/20", console.Output);
        Assert.Contains("-:-- left", console.Output);
    }

    [Fact]
    public void Cells_without_progress_never_start_a_bar()
    {
        var console = Terminal();
        using var progress = RunProgress.For(console, new FakeTimeProvider());

        progress.CellStarted(1, 1, 2);
        progress.CellFinished(Finished);
        progress.CellStarted(2, 2, 2);
        progress.CellFinished(Finished);

        Assert.DoesNotContain("left", console.Output);
        Assert.Equal(2, console.Output.Split('✓').Length - 1);
    }
}

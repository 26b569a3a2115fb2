using Course.Data;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;

namespace Course.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ProgressTests
{
    public ProgressTests() => TorchRuntime.EnsureLoaded();

    private sealed class RecordingSink : IOutputSink
    {
        public List<(MimeBundle Bundle, string? Id, bool Update)> Displays { get; } = [];
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) { lock (Displays) Displays.Add((bundle, displayId, update)); }
        public List<CellProgress> Progress { get; } = [];
        void IOutputSink.Progress(CellProgress progress) { lock (Progress) Progress.Add(progress); }
    }

    private sealed class EpochCounter : IProgressReporter
    {
        public List<int> Seen { get; } = [];
        public void EpochCompleted(History history) => Seen.Add(history.Epochs.Count);
    }

    [Fact]
    public void In_a_notebook_progress_is_one_output_updated_in_place_and_reporters_see_every_epoch()
    {
        using var train = Synthetic.Line(500, seed: 1);
        var sink = new RecordingSink();
        var counter = new EpochCounter();
        using (CellContext.Enter(sink, CancellationToken.None))
        {
            using var model = torch.nn.Linear(1, 1);
            Trainer.Fit(model, train, options: new TrainOptions { Loss = Loss.MeanSquaredError, Epochs = 3, BatchSize = 50, Reporters = [counter] });
        }
        Assert.Equal([1, 2, 3], counter.Seen);
        Assert.False(sink.Displays[0].Update);
        Assert.All(sink.Displays.Skip(1), d => Assert.True(d.Update));
        Assert.Single(sink.Displays.Select(d => d.Id).Distinct());
        string html = sink.Displays[^1].Bundle.Data["text/html"];
        Assert.Contains("<table>", html);
        Assert.Equal(3, html.Split("<tr><td>").Length - 1);
    }

    [Fact]
    public void In_a_notebook_the_host_is_told_the_epoch_share_done_and_time_left_and_the_last_report_ends_the_run()
    {
        using var train = Synthetic.Line(500, seed: 1);
        var sink = new RecordingSink();
        using (CellContext.Enter(sink, CancellationToken.None))
        {
            using var model = torch.nn.Linear(1, 1);
            Trainer.Fit(model, train, options: new TrainOptions { Loss = Loss.MeanSquaredError, Epochs = 3, BatchSize = 50 });
        }
        // At least the last batch of each epoch is reported, whatever the speed.
        Assert.Equal(["epoch 1/3", "epoch 2/3", "epoch 3/3"], sink.Progress.Select(p => p.Stage).Distinct());
        Assert.Equal(sink.Progress.Select(p => p.Fraction).Order(), sink.Progress.Select(p => p.Fraction));
        var last = sink.Progress[^1];
        Assert.Equal(1.0, last.Fraction!.Value, 12);
        Assert.Equal(TimeSpan.Zero, last.Remaining);
        Assert.StartsWith("batch 10/10  loss ", last.Detail);
        Assert.Equal($"{last.Stage}  {last.Detail}  ETA 0:00", last.ToString());
    }

    [Fact]
    public void An_interrupted_cell_stops_training()
    {
        using var train = Synthetic.Line(5000, seed: 1);
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        using var _ = CellContext.Enter(new RecordingSink(), interrupt.Token);
        using var model = torch.nn.Linear(1, 1);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Fit(model, train, options: new TrainOptions { Loss = Loss.MeanSquaredError, Quiet = true }));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData(" yes ", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Quick_mode_reads_the_usual_spellings(string? value, bool expected) =>
        Assert.Equal(expected, CourseMode.IsOn(value));
}

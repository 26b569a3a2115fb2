using Course.Charts;
using Course.Data;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Course.Platform;
using Course.Training;
using TorchSharp;

namespace Course.Tests.Charts;

public class LiveChartTrainerTests
{
    public LiveChartTrainerTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Trainer_redraws_one_live_chart_per_epoch_in_place()
    {
        using var train = Synthetic.Line(300, seed: 3);
        var sink = new Sink();
        var live = new LiveTrainingChart();
        using (CellContext.Enter(sink, CancellationToken.None))
        {
            using var model = torch.nn.Linear(1, 1);
            var history = Trainer.Fit(model, train, options: new TrainOptions { Loss = Loss.MeanSquaredError, Epochs = 3, BatchSize = 50, Reporters = [live], Quiet = true });
            Assert.Equal(history.Epochs.Select(e => e.TrainLoss), ChartJson.Numbers(ChartJson.Traces(live.Chart())[0].GetProperty("y")));
            Assert.Single(ChartJson.Traces(Plots.TrainingCurves(history)));  // regression: loss only
        }
        Assert.Equal(3, live.Epochs);
        Assert.Equal([false, true, true], sink.Updates.Select(u => u.Update));
        Assert.Single(sink.Updates.Select(u => u.Id).Distinct());
    }

    private sealed class Sink : IOutputSink
    {
        public List<(string? Id, bool Update)> Updates { get; } = [];
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) => Updates.Add((displayId, update));
    }
}

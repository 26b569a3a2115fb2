using Course.Charts;
using Course.Data;
using Course.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static Course.Charts.ChartStyle;
using static TorchSharp.torch;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Training;

/// <summary>
/// The learning-rate range test (L. N. Smith, "Cyclical Learning Rates for Training Neural Networks", WACV 2017):
/// one short run whose learning rate grows exponentially at every step, recording the loss. The loss falls once
/// the rate is large enough to make progress and explodes once it is too large; a good rate sits well before the
/// explosion, on the steep downward part.
/// </summary>
public static class LearningRateRangeTest
{
    /// <summary>
    /// Runs the test on a fresh <paramref name="model"/> (its weights are changed: use a throwaway copy) for at most one
    /// pass over <paramref name="train"/>, stopping early when the smoothed loss exceeds <paramref name="explodeFactor"/>
    /// × its minimum (or becomes NaN).
    /// </summary>
    /// <param name="model">A freshly initialised model.</param>
    /// <param name="train">Training examples; one pass at most.</param>
    /// <param name="optimizer">Optimizer factory; its learning rate is overwritten at every step.</param>
    /// <param name="minLearningRate">Rate of the first step.</param>
    /// <param name="maxLearningRate">Rate the last step of the pass would reach.</param>
    /// <param name="batchSize">Examples per step.</param>
    /// <param name="seed">Seed for initialisation order and shuffling.</param>
    /// <param name="explodeFactor">Stop once the smoothed loss exceeds this multiple of the best smoothed loss.</param>
    /// <param name="smoothing">Weight of the past in the exponential moving average of the loss (0 = raw losses).</param>
    public static LearningRateRangeResult Run(nn.Module<Tensor, Tensor> model, TensorDataset train, Func<IEnumerable<Parameter>, optim.Optimizer> optimizer,
        double minLearningRate = 1e-5, double maxLearningRate = 10, int batchSize = 64, long seed = 0, double explodeFactor = 4, double smoothing = 0.9)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(minLearningRate > 0 && maxLearningRate > minLearningRate))
            throw new ArgumentException($"Need 0 < minLearningRate < maxLearningRate; got {minLearningRate} and {maxLearningRate}.");
        if (smoothing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "must be in [0, 1), e.g. 0.9");
        int steps = (int)((train.Count + batchSize - 1) / batchSize);
        if (steps < 2) throw new ArgumentException($"{train.Count} examples at batch size {batchSize} make one step; the test needs several. Use more data or a smaller batch.");
        double growth = Math.Pow(maxLearningRate / minLearningRate, 1.0 / (steps - 1));
        var rates = new List<double>();
        var losses = new List<double>();
        double average = 0, best = double.PositiveInfinity;

        bool Record(TrainingContext context)
        {
            rates.Add(context.LearningRate);
            // Bias-corrected moving average, so the first steps are not pulled towards 0.
            average = smoothing * average + (1 - smoothing) * context.BatchLoss;
            double smoothed = average / (1 - Math.Pow(smoothing, losses.Count + 1));
            losses.Add(smoothed);
            best = Math.Min(best, smoothed);
            SetRate(context.Optimizer, minLearningRate * Math.Pow(growth, losses.Count));
            return smoothed > explodeFactor * best || !double.IsFinite(smoothed);
        }

        var options = new TrainOptions
        {
            Optimizer = p => SetRate(optimizer(p), minLearningRate),
            Epochs = 1, BatchSize = batchSize, Seed = seed, Quiet = true,
        };
        try
        {
            Trainer.Fit(model, train, null, options with { Callbacks = [new StopWhen(Record, "the loss exploded")] });
        }
        catch (TrainingDivergedException)
        {
            // Divergence is the expected end of a range test: the rates so far are the result.
        }
        return new LearningRateRangeResult(rates, losses);
    }

    private static optim.Optimizer SetRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
        return optimizer;
    }
}

/// <summary>The learning rate of each step of a range test and the smoothed training loss it produced.</summary>
public sealed record LearningRateRangeResult(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses)
{
    /// <summary>The rate at which the smoothed loss was lowest: already too large to train with.</summary>
    public double MinimumLossRate => LearningRates[IndexOfMinimum];

    /// <summary>The usual pick: a tenth of <see cref="MinimumLossRate"/>, where the loss is still falling steeply.</summary>
    public double Suggested => MinimumLossRate / 10;

    private int IndexOfMinimum => Losses.Select((l, i) => (l, i)).MinBy(p => p.l).i;

    /// <summary>Loss against learning rate on a logarithmic axis, with the minimum and the suggestion marked.</summary>
    public GenericChart Chart(string title = "Learning-rate range test")
    {
        var curve = PChart.Line<double, double, string>(LearningRates, Losses, Name: "smoothed training loss")
            .WithTraceProperty("line", Obj(("color", Colors.Blue), ("width", 2)));
        double low = Losses.Min(), high = Losses.Take(IndexOfMinimum + 1).Max();
        GenericChart Marker(string name, double rate, string color) =>
            PChart.Line<double, double, string>([rate, rate], [low, high], Name: $"{name} = {rate:G2}")
                .WithTraceProperty("line", Obj(("color", color), ("dash", "dash"), ("width", 1.5)));
        var chart = PChart.Combine([curve, Marker("minimum", MinimumLossRate, Colors.Red), Marker("suggested", Suggested, Colors.Green)])
            .Styled(title, "learning rate (log scale)", "training loss");
        Axis(chart.GetLayout(), "xaxis").SetProperty("type", "log");
        return chart;
    }
}

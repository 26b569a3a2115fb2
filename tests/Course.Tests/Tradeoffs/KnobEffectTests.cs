using Course.Charts;
using Course.Experiments;
using Course.Metrics;
using Course.Platform;
using static Course.Tests.Charts.ChartJson;

namespace Course.Tests.Tradeoffs;

public sealed class KnobEffectTests
{
    public KnobEffectTests() => TorchRuntime.EnsureLoaded();

    private static ResultTable Table() => new("batch size",
    [
        Run("16", 1, 0.90, 10.0), Run("16", 2, 0.92, 11.0), Run("16", 3, 0.91, 10.5),
        Run("256", 1, 0.80, 2.0), Run("256", 2, 0.82, 2.2), Run("256", 3, 0.81, 2.1),
    ]);

    private static RunResult Run(string value, int seed, double accuracy, double seconds) =>
        new("batch size", value, seed, new Dictionary<string, double> { ["Accuracy"] = accuracy, ["TrainSeconds"] = seconds }, seconds + 0.5);

    [Fact]
    public void A_change_beyond_two_standard_errors_has_a_direction_and_a_smaller_one_is_noise()
    {
        Assert.Equal("↑", KnobEffect.Direction(new MeanStd(0.90, 0.01, 3), new MeanStd(0.95, 0.01, 3)));
        Assert.Equal("↓", KnobEffect.Direction(new MeanStd(0.90, 0.01, 3), new MeanStd(0.85, 0.01, 3)));
        // Two standard errors of the difference: 2·sqrt(0.01²/3 + 0.01²/3) ≈ 0.0163.
        Assert.Equal("≈ (noise)", KnobEffect.Direction(new MeanStd(0.90, 0.01, 3), new MeanStd(0.915, 0.01, 3)));
        Assert.Equal("↑", KnobEffect.Direction(new MeanStd(0.90, 0.01, 3), new MeanStd(0.917, 0.01, 3)));
    }

    [Fact]
    public void From_reads_both_settings_of_a_sweep_and_reports_the_change()
    {
        var effect = KnobEffect.From(Table(), "batch size", "16", "256", "Accuracy", "TrainSeconds");
        Assert.Equal("16 → 256", effect.Change);
        Assert.Equal("↓", effect.Accuracy);
        Assert.Equal("↓", effect.Time);
        Assert.Equal(-10.0, effect.AccuracyPoints, 9);
        Assert.Equal(2.1 / 10.5, effect.TimeRatio, 9);
        var byRunTime = KnobEffect.From(Table(), "batch size", "16", "256", "Accuracy");
        Assert.Equal(2.6 / 11.0, byRunTime.TimeRatio, 9);
    }

    [Fact]
    public void An_unknown_setting_or_metric_is_named_with_what_exists()
    {
        var setting = Assert.Throws<ArgumentException>(() => KnobEffect.From(Table(), "batch", "16", "64", "Accuracy"));
        Assert.Contains("'64'", setting.Message);
        Assert.Contains("16, 256", setting.Message);
        var metric = Assert.Throws<ArgumentException>(() => KnobEffect.From(Table(), "batch", "16", "256", "accuracy"));
        Assert.Contains("Accuracy, TrainSeconds", metric.Message);
    }

    [Fact]
    public void The_knob_chart_puts_accuracy_left_and_time_right_with_error_bars()
    {
        var chart = KnobChart.AccuracyAndTime(Table(), "Accuracy", "TrainSeconds");
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal(0.91, Numbers(traces[0].GetProperty("y"))[0], 9);
        Assert.Equal(10.5, Numbers(traces[1].GetProperty("y"))[0], 9);
        Assert.Equal("x2", traces[1].GetProperty("xaxis").GetString());
        Assert.Equal(0.01, Numbers(traces[0].GetProperty("error_y").GetProperty("array"))[0], 9);
        Assert.Equal("TrainSeconds", Layout(chart).GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
    }
}

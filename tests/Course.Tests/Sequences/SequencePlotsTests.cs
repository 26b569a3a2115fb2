using Course.Charts;
using Course.Models;
using Course.Platform;
using Course.Tests.Charts;
using Course.Tests.Data;
using static TorchSharp.torch;

namespace Course.Tests.Sequences;

[Collection(TorchCollection.Name)]
public sealed class SequencePlotsTests
{
    [Fact]
    public void Lines_draws_each_series_a_baseline_log_axis_and_marks()
    {
        var chart = Plots.Lines(
            [Series.Steps("RNN", [1e-6, 1e-3, 1.0]), new Series("LSTM", [1, 2, 3], [0.1, 0.2, 0.3], SeriesStyle.Dashed)],
            "title", "t", "norm", logY: true, baseline: (0.5, "baseline"), markX: [2.0]);

        var traces = ChartJson.Traces(chart);
        Assert.Equal(["RNN", "LSTM", "baseline"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.0, 2, 3], ChartJson.Numbers(traces[0].GetProperty("x")));
        Assert.Equal("dash", traces[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal([0.5, 0.5], ChartJson.Numbers(traces[2].GetProperty("y")));
        Assert.Equal([1.0, 3.0], ChartJson.Numbers(traces[2].GetProperty("x")));
        var layout = ChartJson.Layout(chart);
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(2.0, layout.GetProperty("shapes")[0].GetProperty("x0").GetDouble());
    }

    [Fact]
    public void Lines_refuses_mismatched_series_and_non_positive_values_on_a_log_axis()
    {
        var mismatched = Assert.Throws<ArgumentException>(() => Plots.Lines([new Series("a", [1, 2], [1])], "t", "x", "y"));
        Assert.Contains("2 x values and 1 y values", mismatched.Message);
        var zero = Assert.Throws<ArgumentException>(() => Plots.Lines([Series.Steps("a", [0.0, 1])], "t", "x", "y", logY: true));
        Assert.Contains("log-scale", zero.Message);
        Assert.Throws<ArgumentException>(() => Plots.Lines([], "t", "x", "y"));
    }

    [Fact]
    public void Gates_chart_has_one_line_per_gate_and_refuses_a_plain_rnn()
    {
        TorchRuntime.EnsureLoaded();
        using var lstm = new SequenceRegressor(2, 3, kind: RecurrentKind.Lstm);
        var chart = SequencePlots.Gates(GateTrace.Record(lstm, randn(5, 2)), markedSteps: [2, 4]);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(4, traces.Length);
        Assert.Equal(5, ChartJson.Numbers(traces[0].GetProperty("y")).Length);
        Assert.Equal(2, ChartJson.Layout(chart).GetProperty("shapes").GetArrayLength());

        using var rnn = new SequenceRegressor(2, 3, kind: RecurrentKind.Rnn);
        Assert.Throws<ArgumentException>(() => SequencePlots.Gates(GateTrace.Record(rnn, randn(5, 2))));
    }
}

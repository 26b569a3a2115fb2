using Course.Charts;
using Course.Metrics;
using Course.Platform;
using static Course.Tests.Charts.ChartJson;
using static TorchSharp.torch;

namespace Course.Tests.Charts;

public class PlotsTests
{
    public PlotsTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Training_curves_have_loss_and_accuracy_panels()
    {
        var chart = Plots.TrainingCurves([1.0, 0.5, 0.3], [1.1, 0.7, 0.6], [0.7, 0.85, 0.9], [0.68, 0.8, 0.82]);
        var traces = Traces(chart);
        Assert.Equal(["train loss", "validation loss", "train accuracy", "validation accuracy"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.Equal([1.0, 2, 3], Numbers(traces[0].GetProperty("x")));
        Assert.Equal([0.68, 0.8, 0.82], Numbers(traces[3].GetProperty("y")));
        Assert.Equal("y2", traces[3].GetProperty("yaxis").GetString());
        Assert.False(traces[0].TryGetProperty("yaxis", out _));
        Assert.Equal("dash", traces[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("accuracy", Layout(chart).GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Repeated_seeds_become_mean_with_error_bars()
    {
        var chart = Plots.CompareRuns([new("lr=0.1", [0.5, 0.9]), new("lr=0.1", [0.7, 0.9]), new("lr=0.01", [0.4, 0.6])]);
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal("lr=0.1 (mean of 2 seeds)", traces[0].GetProperty("name").GetString());
        Assert.Equal([0.6, 0.9], Numbers(traces[0].GetProperty("y")), new ToleranceComparer(1e-12));
        var errors = Numbers(traces[0].GetProperty("error_y").GetProperty("array"));
        Assert.Equal(Math.Sqrt(0.02), errors[0], 12); // sample sd of 0.5 and 0.7
        Assert.Equal(0, errors[1], 12);
        Assert.False(traces[1].TryGetProperty("error_y", out _));
    }

    [Fact]
    public void Confusion_heatmap_writes_every_count()
    {
        var cm = ConfusionMatrix.FromClasses([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], labelNames: ["cat", "dog"]);
        var chart = Plots.ConfusionMatrix(cm);
        var trace = Assert.Single(Traces(chart));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(["cat", "dog"], trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([[1.0, 1], [1, 2]], trace.GetProperty("z").EnumerateArray().Select(Numbers));
        var annotations = Layout(chart).GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString());
        Assert.Equal(["1", "1", "1", "2"], annotations);
    }

    [Fact]
    public void Digit_grid_is_one_heatmap_with_gaps_and_red_captions_for_mistakes()
    {
        var images = rand(12, 1, 28, 28);
        var labels = tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1 });
        var predicted = labels.clone();
        predicted[3] = tensor(8L);
        var chart = Plots.Digits(images, labels, predicted, columns: 5);
        var trace = Assert.Single(Traces(chart));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().ToArray();
        Assert.Equal(3 * (28 + 8), z.Length);      // 3 rows of tiles, each with room for its caption
        Assert.Equal(5 * (28 + 2), z[0].GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, z[0][0].ValueKind); // caption room is empty
        Assert.Equal(images[0, 0, 0, 0].item<float>(), z[8][0].GetDouble(), 6);
        var captions = Layout(chart).GetProperty("annotations").EnumerateArray().ToArray();
        Assert.Equal(12, captions.Length);
        Assert.Equal("3→8", captions[3].GetProperty("text").GetString());
        Assert.Equal("#ef553b", captions[3].GetProperty("font").GetProperty("color").GetString());
    }

    [Fact]
    public void Loss_surface_is_a_contour_with_paths_on_top()
    {
        var path = new Trajectory("SGD", [(2.0, 2.0), (1.0, 0.5), (0.1, 0.1)]);
        var chart = Plots.LossSurface((x, y) => x * x + 3 * y * y, (-3, 3), (-3, 3), [path], resolution: 11);
        var traces = Traces(chart);
        Assert.Equal("contour", traces[0].GetProperty("type").GetString());
        var z = traces[0].GetProperty("z").EnumerateArray().ToArray();
        Assert.Equal(11, z.Length);
        Assert.Equal(0, z[5][5].GetDouble(), 12);    // centre of the grid is the minimum
        Assert.Equal(36, z[0][0].GetDouble(), 12);   // (-3)² + 3·(-3)²
        Assert.Equal("SGD", traces[1].GetProperty("name").GetString());
        Assert.Equal([2.0, 1.0, 0.1], Numbers(traces[1].GetProperty("x")));
        Assert.Equal("star", traces[1].GetProperty("marker").GetProperty("symbol")[2].GetString());
    }

    [Fact]
    public void Tradeoff_marks_the_front_and_greys_the_rest()
    {
        var chart = Plots.Tradeoff([new("a", 0.99, 10, 50), new("b", 0.98, 4, 10), new("c", 0.97, 5, 12)]);
        var traces = Traces(chart);
        Assert.Equal(["front: accuracy vs. time", "Pareto front (accuracy, time, size)", "dominated"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["b", "a"], traces[1].GetProperty("text").EnumerateArray().Select(e => e.GetString()).OrderBy(s => s).Reverse());
        Assert.Equal([4.0, 10], Numbers(traces[0].GetProperty("x")));
        Assert.Equal(["c"], traces[2].GetProperty("text").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Live_chart_accumulates_epochs()
    {
        var live = new LiveTrainingChart();
        live.Report(1.0, 1.2, 0.6, 0.55);
        live.Report(0.6, 0.9, 0.8, 0.75);
        Assert.Equal(2, live.Epochs);
        var traces = Traces(live.Chart());
        Assert.Equal(4, traces.Length);
        Assert.Equal([1.2, 0.9], Numbers(traces[1].GetProperty("y")));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}

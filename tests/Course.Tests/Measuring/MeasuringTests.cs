using Course.Charts;
using Course.Experiments;
using Course.Measuring;
using Course.Metrics;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Measuring;

public class MeasuringTests
{
    public MeasuringTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Selection_bias_appears_only_when_choosing_by_score()
    {
        // 20 models that are all exactly 80 % accurate; each is right on a different random 80 % of 2,000 examples.
        var random = new Random(7);
        var models = Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.8).ToArray()).ToList();
        var result = SelectionBias.Measure(models, selectionSize: 200, repeats: 300, seed: 3);
        // Independent models: the best of 20 noisy scores is about 1.87 standard errors above the truth,
        // and one standard error on 200 examples is sqrt(0.8·0.2/200) = 2.83 points, so about 5.3 points.
        Assert.InRange(result.Optimism, 0.04, 0.065);
        Assert.InRange(result.SelectedOnFreshSet, 0.78, 0.82);
        Assert.InRange(Math.Abs(result.AnyModelGap), 0, 0.01);
        Assert.Contains("optimism", result.ToString());
    }

    [Fact]
    public void Selection_bias_prints_signed_points_and_a_plain_zero()
    {
        var text = new SelectionBiasResult(18, 2000, 0.9257, 0.9195, -0.00004).ToString();
        Assert.Contains("optimism +0.62 points", text);
        Assert.Contains("not chosen by score: 0.00 points", text);
        Assert.Contains("not chosen by score: -1.23 points", new SelectionBiasResult(18, 2000, 0.9, 0.9, -0.0123).ToString());
    }

    [Fact]
    public void Selection_bias_rejects_unusable_input()
    {
        bool[] a = [true, false, true], b = [true, true];
        Assert.Throws<ArgumentException>(() => SelectionBias.Measure([a], 1));
        Assert.Throws<ArgumentException>(() => SelectionBias.Measure([a, b], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionBias.Measure([a, a], 3));
    }

    [Fact]
    public void Pipeline_diagram_is_inline_svg_with_every_stage()
    {
        var bundle = PipelineDiagram.Render();
        var html = bundle.Data["text/html"];
        Assert.StartsWith("<svg", html);
        foreach (var stage in PipelineDiagram.Training) Assert.Contains($">{stage.Name}</text>", html);
        Assert.Contains("stroke-dasharray", html); // the optimizer → model feedback arrow
        Assert.Contains("data (examples + labels) → preprocessing", bundle.PlainText);
        var custom = PipelineDiagram.Render([new("a <b>", "x\ny"), new("c")], feedbackFrom: null);
        Assert.Contains("a &lt;b&gt;", custom.Data["text/html"]);
        Assert.DoesNotContain("stroke-dasharray", custom.Data["text/html"]);
        Assert.Throws<ArgumentException>(() => PipelineDiagram.Render([]));
    }

    [Fact]
    public void Precision_recall_and_timing_charts_carry_the_data()
    {
        var scores = tensor(new[] { 0.9, 0.8, 0.4, 0.3, 0.1 });
        var labels = tensor(new long[] { 1, 0, 1, 0, 0 });
        var sweep = PrecisionRecallCurve.Sweep(scores, labels, 5);
        var json = Plotly.NET.GenericChart.toChartHTML(Plots.PrecisionRecall(sweep, 0.4, [("best", sweep[1])]));
        Assert.Contains("always \\\"yes\\\"", json);
        Assert.Contains("best", json);
        var timing = new TimingResult([1.0, 2, 3], LatencyStats.From([1.0, 2, 3]));
        var timingHtml = Plotly.NET.GenericChart.toChartHTML(Plots.Timings(timing, firstCallMs: 50));
        Assert.Contains("first call 50 ms", timingHtml);
        Assert.Contains("\"log\"", timingHtml);
        Assert.Throws<ArgumentException>(() => Plots.PrecisionRecall([]));
    }
}

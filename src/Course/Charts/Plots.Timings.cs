using Course.Metrics;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

public static partial class Plots
{
    /// <summary>
    /// Every timed repeat in run order as a point, with the median and p95 as horizontal lines, so one can see how far
    /// a single run may land from the typical one. <paramref name="firstCallMs"/>, when given, is drawn as a separate
    /// marker at repeat 0: the naive measurement of a cold first call.
    /// </summary>
    public static GenericChart Timings(TimingResult timing, double? firstCallMs = null, string title = "Timed repeats")
    {
        ArgumentNullException.ThrowIfNull(timing);
        var runs = Enumerable.Range(1, timing.SamplesMs.Count).Select(i => (double)i).ToArray();
        double last = runs.Length + 1;
        var charts = new List<GenericChart>
        {
            PChart.Point<double, double, string>(runs, timing.SamplesMs, Name: "timed repeat")
                .WithTraceProperty("marker", Obj(("color", Colors.Blue), ("size", 6))),
            PChart.Line<double, double, string>([0.0, last], [timing.Summary.Median, timing.Summary.Median], Name: $"median {timing.Summary.Median:0.###} ms")
                .WithTraceProperty("line", Obj(("color", Colors.Green), ("width", 2))),
            PChart.Line<double, double, string>([0.0, last], [timing.Summary.P95, timing.Summary.P95], Name: $"p95 {timing.Summary.P95:0.###} ms")
                .WithTraceProperty("line", Obj(("color", Colors.Orange), ("dash", "dash"))),
        };
        if (firstCallMs is double first)
            charts.Add(PChart.Point<double, double, string>([0.0], [first], Name: $"first call {first:0.###} ms")
                .WithTraceProperty("marker", Obj(("color", Colors.Red), ("size", 11), ("symbol", "x"))));
        var chart = PChart.Combine(charts).Styled(title, "repeat (0 = the cold first call)", "milliseconds", width: 760, height: 420);
        // A cold first call can be 100× a warm one: a log axis keeps both readable.
        if (firstCallMs is not null) Axis(chart.GetLayout(), "yaxis").SetProperty("type", "log");
        return chart;
    }
}

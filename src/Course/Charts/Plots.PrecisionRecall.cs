using Course.Metrics;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

public static partial class Plots
{
    /// <summary>
    /// Precision against recall over a threshold sweep (<see cref="PrecisionRecallCurve.Sweep"/>); hovering shows the
    /// threshold. <paramref name="marked"/> points (e.g. the default 0.5 threshold) are drawn as labelled markers, and
    /// a dotted line shows the precision of always answering "yes" (the share of positives).
    /// </summary>
    public static GenericChart PrecisionRecall(IReadOnlyList<PrPoint> points, double? positiveRate = null,
        IEnumerable<(string Label, PrPoint Point)>? marked = null, string title = "Precision–recall curve")
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("No points: sweep some thresholds first (PrecisionRecallCurve.Sweep).", nameof(points));
        var charts = new List<GenericChart>
        {
            PChart.Line<double, double, string>(points.Select(p => p.Recall), points.Select(p => p.Precision), Name: "threshold sweep",
                    MultiText: points.Select(p => $"threshold {p.Threshold:0.###}").ToArray())
                .WithTraceProperty("line", Obj(("color", Colors.Blue), ("width", 2)))
                .WithTraceProperty("hovertemplate", "%{text}<br>recall %{x:.3f}<br>precision %{y:.3f}<extra></extra>"),
        };
        if (positiveRate is double rate)
            charts.Add(PChart.Line<double, double, string>([0.0, 1.0], [rate, rate], Name: $"always \"yes\" (precision {rate:0.000})")
                .WithTraceProperty("line", Obj(("color", Colors.Grey), ("dash", "dot"))));
        var marks = marked?.ToList() ?? [];
        if (marks.Count > 0)
            charts.Add(PChart.Point<double, double, string>(marks.Select(m => m.Point.Recall), marks.Select(m => m.Point.Precision), Name: "chosen thresholds",
                    MultiText: marks.Select(m => m.Label).ToArray())
                .WithTraceProperty("mode", "markers+text")
                .WithTraceProperty("textposition", "bottom left")
                .WithTraceProperty("marker", Obj(("color", Colors.Red), ("size", 10))));
        var chart = PChart.Combine(charts).Styled(title, "recall (share of real positives found)", "precision (share of alarms that are right)", width: 720, height: 480);
        var layout = chart.GetLayout();
        Axis(layout, "xaxis").SetProperty("range", new[] { 0.0, 1.02 });
        Axis(layout, "yaxis").SetProperty("range", new[] { 0.0, 1.02 });
        return chart;
    }
}

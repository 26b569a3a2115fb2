using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>One model or setting on the accuracy/speed/size trade-off: accuracy (0..1), time per prediction (ms) and size (MB).</summary>
public sealed record TradeoffPoint(string Name, double Accuracy, double Milliseconds, double SizeMB);

public static partial class Plots
{
    /// <summary>
    /// Accuracy against time, marker area proportional to model size. Points on the Pareto front (no other point is
    /// at least as accurate, as fast and as small) are coloured and named; the dashed line joins the accuracy-vs-time
    /// front, the best accuracy reachable for each time budget.
    /// </summary>
    public static GenericChart Tradeoff(IEnumerable<TradeoffPoint> points, string title = "Accuracy vs. speed vs. size")
    {
        var all = points.ToList();
        if (all.Count == 0) throw new ArgumentException("No points to plot.", nameof(points));
        var front = Pareto.Front(all, p => p.Accuracy, p => p.Milliseconds, p => p.SizeMB).ToHashSet();
        var timeFront = Pareto.Front(all, p => p.Accuracy, p => p.Milliseconds).OrderBy(p => p.Milliseconds).ToList();
        double largest = Math.Max(all.Max(p => p.SizeMB), 1e-9);
        int Size(TradeoffPoint p) => (int)Math.Round(10 + 30 * Math.Sqrt(p.SizeMB / largest));

        GenericChart Group(string name, IReadOnlyList<TradeoffPoint> group, string color, bool labelled) =>
            PChart.Point<double, double, string>(group.Select(p => p.Milliseconds), group.Select(p => p.Accuracy), Name: name,
                    MultiText: group.Select(p => p.Name).ToArray())
                .WithTraceProperty("mode", labelled ? "markers+text" : "markers")
                .WithTraceProperty("textposition", "top center")
                .WithTraceProperty("marker", Obj(("color", color), ("size", group.Select(Size).ToArray()), ("opacity", 0.8),
                    ("line", Obj(("color", "#333"), ("width", 1)))))
                .WithTraceProperty("hovertemplate", "%{text}<br>accuracy %{y:.4f}<br>%{x:.3f} ms<extra></extra>");

        var charts = new List<GenericChart>
        {
            PChart.Line<double, double, string>(timeFront.Select(p => p.Milliseconds), timeFront.Select(p => p.Accuracy), Name: "front: accuracy vs. time")
                .WithTraceProperty("line", Obj(("color", Colors.Grey), ("dash", "dash"), ("shape", "hv"))),
            Group("Pareto front (accuracy, time, size)", all.Where(front.Contains).ToList(), Colors.Green, labelled: true),
        };
        var dominated = all.Where(p => !front.Contains(p)).ToList();
        if (dominated.Count > 0) charts.Add(Group("dominated", dominated, Colors.Grey, labelled: false));
        return PChart.Combine(charts).Styled(title, "time per prediction (ms)", "accuracy", width: 820, height: 520);
    }
}

using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>One named line of (x, y) points, e.g. accuracy against sparsity for one method.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

public static partial class Plots
{
    /// <summary>Several named lines with markers on numeric axes (optionally logarithmic), for "metric against knob" charts.</summary>
    public static GenericChart Lines(IEnumerable<Series> series, string xTitle, string yTitle, string title, bool logX = false, bool logY = false)
    {
        var all = series.ToList();
        if (all.Count == 0) throw new ArgumentException("No series to plot.", nameof(series));
        foreach (var s in all)
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"Series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values; give one of each per point.", nameof(series));
        var chart = PChart.Combine(all.Select((s, i) => PChart.Line<double, double, string>(s.X, s.Y, ShowMarkers: true, Name: s.Name)
            .WithTraceProperty("line", Obj(("color", Colors.Cycle[i % Colors.Cycle.Length]), ("width", 2)))
            .WithTraceProperty("marker", Obj(("color", Colors.Cycle[i % Colors.Cycle.Length]), ("size", 8)))))
            .Styled(title, xTitle, yTitle);
        if (logX) Axis(chart.GetLayout(), "xaxis").SetProperty("type", "log");
        if (logY) Axis(chart.GetLayout(), "yaxis").SetProperty("type", "log");
        return chart;
    }

    /// <summary>Renames the axes of a chart (e.g. <see cref="Tradeoff"/> drawn against training time instead of prediction time).</summary>
    public static GenericChart WithAxisTitles(this GenericChart chart, string xTitle, string yTitle)
    {
        var layout = chart.GetLayout();
        Axis(layout, "xaxis").SetProperty("title", Obj(("text", xTitle)));
        Axis(layout, "yaxis").SetProperty("title", Obj(("text", yTitle)));
        return chart;
    }
}

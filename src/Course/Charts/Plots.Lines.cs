using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>How a <see cref="Series"/> is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line.</summary>
    Line,
    /// <summary>A dashed line (a reference: a floor, a theoretical curve).</summary>
    Dashed,
    /// <summary>Points only (data).</summary>
    Markers,
    /// <summary>A line with a marker at each point (few, measured points).</summary>
    LineAndMarkers,
}

/// <summary>One named curve or point cloud: x and y values of the same length.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style = SeriesStyle.Line)
{
    /// <summary>Values at positions 1, 2, 3, ... (time steps, layers or epochs counted from 1).</summary>
    public static Series Steps(string name, IReadOnlyList<double> y, SeriesStyle style = SeriesStyle.Line) =>
        new(name, Enumerable.Range(1, y.Count).Select(t => (double)t).ToArray(), y, style);

    /// <summary>
    /// The same series without its zero and negative points, which a log axis cannot show. A gradient that underflows
    /// float32 is exactly 0: left out, the curve ends where it fell off the scale.
    /// </summary>
    public Series Positive()
    {
        var kept = Enumerable.Range(0, Y.Count).Where(i => Y[i] > 0).ToArray();
        return this with { X = kept.Select(i => X[i]).ToArray(), Y = kept.Select(i => Y[i]).ToArray() };
    }
}

public static partial class Plots
{
    /// <summary>
    /// Several series on one pair of axes, each in its own colour, optionally with logarithmic axes. The
    /// all-purpose chart for lesson plots: a fitted line over data, a measured quantity against a setting, a
    /// gradient against a logit. <paramref name="baseline"/> adds a horizontal dashed reference (e.g. the error of
    /// always predicting the mean); <paramref name="markX"/> adds vertical dotted lines (e.g. marked time steps).
    /// </summary>
    public static GenericChart Lines(IEnumerable<Series> series, string title, string xTitle, string yTitle, bool logX = false, bool logY = false,
        (double Value, string Label)? baseline = null, IEnumerable<double>? markX = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one series to plot.", nameof(series));
        if (logY && list.Any(s => s.Y.Any(v => v <= 0)))
            throw new ArgumentException("A log-scale axis cannot show zero or negative values; drop them or use logY: false.", nameof(series));
        if (baseline is { } b)
        {
            double left = list.Min(s => s.X.Count == 0 ? 0 : s.X.Min()), right = list.Max(s => s.X.Count == 0 ? 1 : s.X.Max());
            list.Add(new Series(b.Label, [left, right], [b.Value, b.Value], SeriesStyle.Dashed));
        }
        var traces = list.Select((s, i) => Trace(s, baseline is not null && i == list.Count - 1 ? Colors.Grey : Colors.Cycle[i % Colors.Cycle.Length])).ToList();
        var chart = PChart.Combine(traces).Styled(title, xTitle, yTitle);
        var layout = chart.GetLayout();
        if (logX) Axis(layout, "xaxis").SetProperty("type", "log");
        if (logY) Axis(layout, "yaxis").SetProperty("type", "log");
        if (markX is not null)
            layout.SetProperty("shapes", markX.Select(x => Obj(("type", "line"), ("x0", x), ("x1", x), ("yref", "paper"), ("y0", 0), ("y1", 1),
                ("line", Obj(("color", Colors.Grey), ("dash", "dot"), ("width", 1))))).ToArray());
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

    /// <summary>Charts side by side in one row (each keeps its own axes), e.g. the same data fitted three ways.</summary>
    public static GenericChart Panels(IReadOnlyList<GenericChart> charts, string title, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Count == 0) throw new ArgumentException("Give at least one chart to place.", nameof(charts));
        return PChart.Grid(charts, 1, charts.Count).Styled(title, width: Math.Max(800, 380 * charts.Count), height: height);
    }

    private static GenericChart Trace(Series s, string color)
    {
        if (s.X.Count != s.Y.Count)
            throw new ArgumentException($"Series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values; give one y per x.");
        if (s.Style == SeriesStyle.Markers)
            return PChart.Point<double, double, string>(s.X, s.Y, Name: s.Name)
                .WithTraceProperty("marker", Obj(("color", color), ("size", 5), ("opacity", 0.6)));
        return PChart.Line<double, double, string>(s.X, s.Y, ShowMarkers: s.Style == SeriesStyle.LineAndMarkers, Name: s.Name)
            .WithTraceProperty("line", Obj(("color", color), ("width", 2), ("dash", s.Style == SeriesStyle.Dashed ? "dash" : "solid")))
            .WithTraceProperty("marker", Obj(("color", color)));
    }
}

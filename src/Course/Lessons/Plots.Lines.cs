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
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style = SeriesStyle.Line);

public static partial class Plots
{
    /// <summary>
    /// Several series on one pair of axes, each in its own colour, optionally with logarithmic axes. The
    /// all-purpose chart for lesson plots: a fitted line over data, a measured quantity against a setting, a
    /// gradient against a logit.
    /// </summary>
    public static GenericChart Lines(IEnumerable<Series> series, string title, string xTitle, string yTitle, bool logX = false, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one series to plot.", nameof(series));
        var traces = list.Select((s, i) => Trace(s, Colors.Cycle[i % Colors.Cycle.Length])).ToList();
        var chart = PChart.Combine(traces).Styled(title, xTitle, yTitle);
        if (logX) Axis(chart.GetLayout(), "xaxis").SetProperty("type", "log");
        if (logY) Axis(chart.GetLayout(), "yaxis").SetProperty("type", "log");
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

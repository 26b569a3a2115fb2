using Course.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Sequences;

/// <summary>One named line of (x, y) points for <see cref="SequencePlots.Lines"/>.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal positions (time step, sequence length, ...).</param>
/// <param name="Y">Values, one per position.</param>
/// <param name="Dashed">Draw dashed (e.g. a prediction against a solid truth).</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false)
{
    /// <summary>Values at positions 1, 2, 3, ... (time steps counted from 1).</summary>
    public static Series Steps(string name, IReadOnlyList<double> y, bool dashed = false) =>
        new(name, Enumerable.Range(1, y.Count).Select(t => (double)t).ToArray(), y, dashed);
}

/// <summary>Charts for sequence models: values against time step or sequence length, with reference lines.</summary>
public static class SequencePlots
{
    /// <summary>
    /// Several lines on one chart. <paramref name="logY"/> uses a log-scale y axis (for gradients that shrink
    /// by orders of magnitude); <paramref name="baseline"/> draws a horizontal dashed reference (e.g. the error
    /// of always predicting the mean); <paramref name="markX"/> draws vertical dotted lines (e.g. marked steps).
    /// </summary>
    public static GenericChart Lines(IEnumerable<Series> series, string title, string xTitle, string yTitle, bool logY = false,
        (double Value, string Label)? baseline = null, IEnumerable<double>? markX = null, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("No series to draw: give at least one.", nameof(series));
        foreach (var s in list)
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"Series \"{s.Name}\" has {s.X.Count} x values but {s.Y.Count} y values: give one y per x.", nameof(series));
        if (logY && list.Any(s => s.Y.Any(v => v <= 0)))
            throw new ArgumentException("A log-scale axis cannot show zero or negative values; drop them or use logY: false.", nameof(series));

        var traces = list.Select((s, i) => Line(s.Name, s.X, s.Y, ChartStyle.Colors.Cycle[i % ChartStyle.Colors.Cycle.Length], s.Dashed)).ToList();
        if (baseline is { } b)
        {
            double left = list.Min(s => s.X.Count == 0 ? 0 : s.X.Min()), right = list.Max(s => s.X.Count == 0 ? 1 : s.X.Max());
            traces.Add(Line(b.Label, [left, right], [b.Value, b.Value], ChartStyle.Colors.Grey, dashed: true));
        }
        var chart = PChart.Combine(traces).Styled(title, xTitle, yTitle);
        var layout = chart.GetLayout();
        if (logY) Axis(layout, "yaxis").SetProperty("type", "log");
        if (logX) Axis(layout, "xaxis").SetProperty("type", "log");
        if (markX is not null)
            layout.SetProperty("shapes", markX.Select(x => Obj(("type", "line"), ("x0", x), ("x1", x), ("yref", "paper"), ("y0", 0), ("y1", 1),
                ("line", Obj(("color", ChartStyle.Colors.Grey), ("dash", "dot"), ("width", 1))))).ToArray());
        return chart;
    }

    /// <summary>
    /// Each gate of a <see cref="GateTrace"/>, averaged over hidden units, against the time step; dotted lines
    /// at <paramref name="markedSteps"/> (1-based), e.g. the two marked positions of the adding problem.
    /// </summary>
    public static GenericChart Gates(GateTrace trace, IEnumerable<int>? markedSteps = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Gates.Count == 0) throw new ArgumentException("A plain RNN has no gates to draw: trace an LSTM or GRU.", nameof(trace));
        var series = trace.Gates.Keys.Select(g => Series.Steps($"{g} gate", trace.MeanOverUnits(g)));
        return Lines(series, title ?? $"{trace.Kind} gates while reading one sequence (mean over {trace.Hidden[0].Length} units)",
            "time step t", "activation", markX: markedSteps?.Select(t => (double)t));
    }

    private static GenericChart Line(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string color, bool dashed) =>
        PChart.Line<double, double, string>(x, y, ShowMarkers: x.Count <= 30, Name: name)
            .WithTraceProperty("line", Obj(("color", color), ("dash", dashed ? "dash" : "solid"), ("width", 2)))
            .WithTraceProperty("marker", Obj(("color", color)));
}

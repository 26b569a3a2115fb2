using Course.Charts;
using Course.Experiments;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>One knob's two sides in one picture: accuracy (left) and time (right) per setting, mean ± sd over seeds.</summary>
public static class KnobChart
{
    /// <summary>
    /// Accuracy and time per setting of <paramref name="table"/>, side by side with error bars. <paramref name="seconds"/>
    /// names the time metric; null uses the run time the sweep measured.
    /// </summary>
    public static GenericChart AccuracyAndTime(ResultTable table, string accuracy, string? seconds = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var left = table.Chart(accuracy);
        var summary = table.Summary();
        var time = summary.Select(s => seconds is null ? s.Seconds : s.Metrics[seconds]).ToList();
        var right = Plots.MeanWithErrorBars(summary.Select(s => s.Value).ToList(), time.Select(t => t.Mean).ToList(),
            time.Select(t => t.StdDev).ToList(), table.Parameter, seconds ?? "seconds");
        right.WithTraceProperty("xaxis", "x2").WithTraceProperty("yaxis", "y2")
            .WithTraceProperty("marker", Obj(("color", Colors.Red), ("size", 9)))
            .WithTraceProperty("line", Obj(("color", Colors.Red)));
        var chart = PChart.Combine([left, right]).Styled(title ?? $"{table.Parameter}: accuracy and time (mean ± sd over seeds)", table.Parameter, accuracy);
        Axis(chart.GetLayout(), "xaxis").SetProperty("type", "category");
        Plots.SideBySide(chart, table.Parameter, seconds ?? "seconds");
        Axis(chart.GetLayout(), "xaxis2").SetProperty("type", "category");
        return chart;
    }
}

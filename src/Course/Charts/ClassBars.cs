using Course.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>One bar per class for one or more series side by side: class balance, per-class accuracy and the like.</summary>
public static class ClassBars
{
    /// <summary>
    /// A grouped bar chart with the classes (<paramref name="classes"/>, e.g. "0" … "9") along the x axis and one
    /// bar per series in each group.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="yTitle">What the bars measure, e.g. "share of examples".</param>
    /// <param name="classes">Class names, one per value in each series.</param>
    /// <param name="series">Name and one value per class for each series.</param>
    /// <exception cref="ArgumentException">No series, or a series whose length differs from the number of classes.</exception>
    public static GenericChart Chart(string title, string yTitle, IReadOnlyList<string> classes, params (string Name, IReadOnlyList<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (series.Length == 0) throw new ArgumentException("Give at least one series of values to draw.", nameof(series));
        foreach (var (name, values) in series)
            if (values.Count != classes.Count)
                throw new ArgumentException($"Series \"{name}\" has {values.Count} values for {classes.Count} classes; give one value per class.", nameof(series));
        var bars = series.Select((s, i) => PChart.Column<double, string, string>(s.Values, Keys: classes.ToArray(), Name: s.Name)
            .WithTraceProperty("marker", ChartStyle.Obj(("color", ChartStyle.Colors.Cycle[i % ChartStyle.Colors.Cycle.Length]))));
        var chart = PChart.Combine(bars).Styled(title, "class", yTitle, width: 720, height: 380);
        chart.GetLayout().SetProperty("barmode", "group");
        // Class names such as "0" … "9" are categories, not numbers to space on a scale.
        ChartStyle.Axis(chart.GetLayout(), "xaxis").SetProperty("type", "category");
        return chart;
    }
}

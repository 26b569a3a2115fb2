using Course.Metrics;
using Course.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>One named curve of per-epoch values (e.g. validation accuracy of one run); runs with the same name are seeds of one setting.</summary>
public sealed record RunCurve(string Name, IReadOnlyList<double> Values);

/// <summary>
/// The course's charts. Each returns a Plotly.NET <see cref="GenericChart"/> that a notebook cell displays by
/// returning it (or with <c>display(chart)</c>); charts render offline. Inputs are plain arrays and records.
/// </summary>
public static partial class Plots
{
    /// <summary>
    /// Loss per epoch (train solid, validation dashed) and, when accuracies are given, a second panel with accuracy.
    /// Diverging train and validation curves are the picture of overfitting.
    /// </summary>
    public static GenericChart TrainingCurves(IReadOnlyList<double> trainLoss, IReadOnlyList<double>? validationLoss = null,
        IReadOnlyList<double>? trainAccuracy = null, IReadOnlyList<double>? validationAccuracy = null, string title = "Training curves")
    {
        ArgumentNullException.ThrowIfNull(trainLoss);
        bool accuracyPanel = trainAccuracy is not null || validationAccuracy is not null;
        var traces = new List<GenericChart> { Curve("train loss", trainLoss, Colors.Blue, dashed: false, panel: 1) };
        if (validationLoss is not null) traces.Add(Curve("validation loss", validationLoss, Colors.Red, dashed: true, panel: 1));
        if (trainAccuracy is not null) traces.Add(Curve("train accuracy", trainAccuracy, Colors.Blue, dashed: false, panel: 2));
        if (validationAccuracy is not null) traces.Add(Curve("validation accuracy", validationAccuracy, Colors.Red, dashed: true, panel: 2));
        var chart = PChart.Combine(traces).Styled(title, "epoch", "loss");
        if (accuracyPanel) SideBySide(chart, "epoch", "accuracy");
        return chart;
    }

    /// <summary>Training curves of a finished (or running) Trainer run.</summary>
    public static GenericChart TrainingCurves(History history, string title = "Training curves")
    {
        var e = history.Epochs;
        if (e.Count == 0) throw new ArgumentException("The history has no epochs yet: train for at least one epoch.", nameof(history));
        static IReadOnlyList<double>? All(IEnumerable<double?> values) { var v = values.ToList(); return v.All(x => x is not null) ? v.Select(x => x!.Value).ToList() : null; }
        return TrainingCurves(e.Select(r => r.TrainLoss).ToList(), All(e.Select(r => r.ValidationLoss)),
            All(e.Select(r => r.TrainAccuracy)), All(e.Select(r => r.ValidationAccuracy)), title);
    }

    /// <summary>
    /// Several runs' per-epoch values on one chart. Curves sharing a name are repeats with different seeds: they are
    /// drawn as their mean with ±1 standard deviation error bars, so a difference smaller than the bars is noise.
    /// </summary>
    public static GenericChart CompareRuns(IEnumerable<RunCurve> runs, string metric = "validation accuracy", string title = "Runs compared")
    {
        var groups = runs.GroupBy(r => r.Name).ToList();
        if (groups.Count == 0) throw new ArgumentException("No runs to compare.", nameof(runs));
        var traces = groups.Select((group, i) =>
        {
            var curves = group.ToList();
            int epochs = curves.Min(c => c.Values.Count);
            var means = Enumerable.Range(0, epochs).Select(e => curves.Average(c => c.Values[e])).ToArray();
            var name = curves.Count > 1 ? $"{group.Key} (mean of {curves.Count} seeds)" : group.Key;
            var chart = Curve(name, means, Colors.Cycle[i % Colors.Cycle.Length], dashed: false, panel: 1);
            if (curves.Count > 1)
                chart.WithTraceProperty("error_y", ErrorBars(Enumerable.Range(0, epochs).Select(e => MeanStd.Of(curves.Select(c => c.Values[e]).ToList()).StdDev).ToArray()));
            return chart;
        });
        return PChart.Combine(traces).Styled(title, "epoch", metric);
    }

    /// <summary>Mean ± standard deviation per setting (e.g. per swept parameter value) as points with error bars.</summary>
    public static GenericChart MeanWithErrorBars(IReadOnlyList<string> settings, IReadOnlyList<double> means, IReadOnlyList<double> stdDevs,
        string xTitle, string yTitle, string? title = null)
    {
        if (settings.Count != means.Count || means.Count != stdDevs.Count)
            throw new ArgumentException($"{settings.Count} settings, {means.Count} means and {stdDevs.Count} deviations: give one of each per setting.");
        var chart = PChart.Line<string, double, string>(settings, means, ShowMarkers: true, Name: yTitle)
            .WithTraceProperty("error_y", ErrorBars(stdDevs))
            .WithTraceProperty("marker", Obj(("color", Colors.Blue), ("size", 9)));
        var styled = chart.Styled(title ?? $"{yTitle} by {xTitle} (mean ± sd)", xTitle, yTitle);
        // Numeric settings (1e-3, 1e-2, ...) are shown as categories in the order swept, evenly spaced and labelled as written.
        Axis(styled.GetLayout(), "xaxis").SetProperty("type", "category");
        return styled;
    }

    internal static GenericChart Curve(string name, IReadOnlyList<double> values, string color, bool dashed, int panel)
    {
        var epochs = Enumerable.Range(1, values.Count).ToArray();
        var chart = PChart.Line<int, double, string>(epochs, values, ShowMarkers: values.Count <= 30, Name: name)
            .WithTraceProperty("line", Obj(("color", color), ("dash", dashed ? "dash" : "solid"), ("width", 2)))
            .WithTraceProperty("marker", Obj(("color", color)));
        if (panel == 2) chart.WithTraceProperty("xaxis", "x2").WithTraceProperty("yaxis", "y2");
        return chart;
    }

    /// <summary>Puts traces on axes x2/y2 in a right-hand panel next to the main one.</summary>
    internal static void SideBySide(GenericChart chart, string xTitle, string yTitle)
    {
        var layout = chart.GetLayout();
        Axis(layout, "xaxis").SetProperty("domain", new[] { 0.0, 0.45 });
        var x2 = Axis(layout, "xaxis2");
        x2.SetProperty("domain", new[] { 0.55, 1.0 });
        x2.SetProperty("anchor", "y2");
        x2.SetProperty("title", Obj(("text", xTitle)));
        var y2 = Axis(layout, "yaxis2");
        y2.SetProperty("anchor", "x2");
        y2.SetProperty("title", Obj(("text", yTitle)));
        layout.SetProperty("width", 1000);
    }

    internal static DynamicObj.DynamicObj ErrorBars(IReadOnlyList<double> halfWidths) =>
        Obj(("type", "data"), ("array", halfWidths.ToArray()), ("visible", true), ("thickness", 1.5), ("width", 4));

}

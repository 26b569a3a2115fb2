using Course.Notebooks;
using Plotly.NET;

namespace Course.Charts;

/// <summary>
/// Training curves that redraw in place after every epoch: create it before training, call <see cref="Report"/>
/// once per epoch (e.g. from the Trainer's progress hook), and the same output updates instead of printing a
/// new chart each time. Outside a notebook each update prints a one-line summary.
/// </summary>
public sealed class LiveTrainingChart(string title = "Training (live)")
{
    private readonly List<double> trainLoss = [], validationLoss = [], trainAccuracy = [], validationAccuracy = [];
    private DisplayHandle? handle;

    /// <summary>Epochs reported so far.</summary>
    public int Epochs => trainLoss.Count;

    /// <summary>Records one epoch's numbers and redraws the chart. Optional values may be left out; leave them out consistently.</summary>
    public void Report(double trainLoss, double? validationLoss = null, double? trainAccuracy = null, double? validationAccuracy = null)
    {
        this.trainLoss.Add(trainLoss);
        if (validationLoss is { } vl) this.validationLoss.Add(vl);
        if (trainAccuracy is { } ta) this.trainAccuracy.Add(ta);
        if (validationAccuracy is { } va) this.validationAccuracy.Add(va);
        var chart = Chart();
        if (handle is null) handle = Display.Show(chart);
        else handle.Update(chart);
    }

    /// <summary>The chart of everything reported so far.</summary>
    public GenericChart Chart() => Plots.TrainingCurves(trainLoss,
        validationLoss.Count > 0 ? validationLoss : null,
        trainAccuracy.Count > 0 ? trainAccuracy : null,
        validationAccuracy.Count > 0 ? validationAccuracy : null,
        $"{title}: epoch {Epochs}");
}

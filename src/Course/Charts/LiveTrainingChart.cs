using Course.Hosting;
using Course.Training;
using Plotly.NET;

namespace Course.Charts;

/// <summary>
/// Training curves that redraw in place after every epoch, so the same output updates instead of a new chart
/// each time. Pass it to the Trainer (<c>Reporters = [new LiveTrainingChart()]</c>) or call <see cref="Report"/>
/// yourself once per epoch. Outside a notebook each update prints the chart's text form.
/// </summary>
public sealed class LiveTrainingChart(string title = "Training (live)") : IProgressReporter
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

    /// <summary>Called by the Trainer after each epoch: reports the newest epoch.</summary>
    public void EpochCompleted(History history)
    {
        if (history.Last is { } e) Report(e.TrainLoss, e.ValidationLoss, e.TrainAccuracy, e.ValidationAccuracy);
    }

    /// <summary>The chart of everything reported so far.</summary>
    public GenericChart Chart() => Plots.TrainingCurves(trainLoss,
        validationLoss.Count > 0 ? validationLoss : null,
        trainAccuracy.Count > 0 ? trainAccuracy : null,
        validationAccuracy.Count > 0 ? validationAccuracy : null,
        $"{title}: epoch {Epochs}");
}

namespace Course.Training;

/// <summary>
/// Stops training after the first batch for which <paramref name="condition"/> is true, e.g. when a time budget is spent,
/// with <paramref name="reason"/> as <see cref="History.StopReason"/>. With <see cref="TrainOptions.Epochs"/> = null it is
/// the only limit.
/// </summary>
/// <param name="condition">Checked after every optimizer step.</param>
/// <param name="reason">Why training stopped, for the history.</param>
public sealed class StopWhen(Func<TrainingContext, bool> condition, string reason) : ITrainingCallback
{
    /// <summary>True when the condition ended the last run.</summary>
    public bool Fired { get; private set; }

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext context) => Fired = false;

    /// <inheritdoc />
    public void OnBatchEnd(TrainingContext context)
    {
        if (Fired || !condition(context)) return;
        Fired = true;
        context.StopRequested = true;
        context.StopReason = reason;
    }
}

namespace Course.Training;

/// <summary>
/// Shows a run as it goes: a progress line, a live loss chart. Add one to <see cref="TrainOptions.Reporters"/>;
/// the trainer calls <see cref="Report"/> a few times per second at most and <see cref="EpochCompleted"/> after
/// every epoch. Implement only what you need.
/// </summary>
public interface IProgressReporter
{
    /// <summary>Where training is within the run (throttled by the trainer; always sent at each epoch's end).</summary>
    void Report(TrainingProgress progress) { }

    /// <summary>After each epoch, with the history so far (e.g. to redraw a loss chart).</summary>
    void EpochCompleted(History history) { }

    /// <summary>Once, when training ends (normally, early, or by an error).</summary>
    void Completed(History history) { }
}

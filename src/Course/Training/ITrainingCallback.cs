namespace Course.Training;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/>. Implement only what you need (the others do nothing). Setting
/// <see cref="TrainingContext.StopRequested"/> in <see cref="OnBatchEnd"/> ends training after that batch (the partial
/// epoch is recorded and validated); in <see cref="OnEpochEnd"/>, after that epoch.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch, after the optimizer exists.</summary>
    void OnTrainBegin(TrainingContext context) { }

    /// <summary>
    /// After backward and before the optimizer step: the batch's gradients are in the parameters, so this is where they
    /// are measured or changed (<see cref="GradientNormRecorder"/>, <see cref="GradientClipping"/>). Runs in list order.
    /// </summary>
    void OnAfterBackward(TrainingContext context) { }

    /// <summary>After each optimizer step (gradients of that step are still in the parameters).</summary>
    void OnBatchEnd(TrainingContext context) { }

    /// <summary>After each epoch's record was added to <see cref="TrainingContext.History"/>.</summary>
    void OnEpochEnd(TrainingContext context) { }

    /// <summary>After the last epoch, also when training stopped early.</summary>
    void OnTrainEnd(TrainingContext context) { }
}

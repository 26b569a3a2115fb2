namespace Course.Training;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/>. Implement only what you need (the others do nothing); set
/// <see cref="TrainingContext.StopRequested"/> to end training after the current epoch.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch, after the optimizer exists.</summary>
    void OnTrainBegin(TrainingContext context) { }

    /// <summary>After each optimizer step (gradients of that step are still in the parameters).</summary>
    void OnBatchEnd(TrainingContext context) { }

    /// <summary>After each epoch's record was added to <see cref="TrainingContext.History"/>.</summary>
    void OnEpochEnd(TrainingContext context) { }

    /// <summary>After the last epoch, also when training stopped early.</summary>
    void OnTrainEnd(TrainingContext context) { }
}

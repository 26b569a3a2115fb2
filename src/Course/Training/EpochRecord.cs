namespace Course.Training;

/// <summary>What one epoch measured. Accuracies are null for regression; validation values null without validation data.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (with dropout etc. active, weights changing).</param>
/// <param name="TrainAccuracy">Fraction of training examples classified correctly during the epoch.</param>
/// <param name="ValidationLoss">Loss on the validation data after the epoch (evaluation mode).</param>
/// <param name="ValidationAccuracy">Accuracy on the validation data after the epoch.</param>
/// <param name="SamplesPerSecond">Training examples processed per second (forward, backward, step).</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double? TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double SamplesPerSecond,
    double Seconds,
    double LearningRate);

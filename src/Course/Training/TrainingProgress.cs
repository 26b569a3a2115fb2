namespace Course.Training;

/// <summary>A snapshot of a running training loop for progress displays.</summary>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean training loss so far in this epoch.</param>
/// <param name="Accuracy">Training accuracy so far in this epoch (null for regression).</param>
/// <param name="SamplesPerSecond">Training throughput in this epoch.</param>
/// <param name="Remaining">Estimated time until the last planned epoch ends.</param>
public sealed record TrainingProgress(
    int Epoch, int? Epochs, int Batch, int Batches, double Loss, double? Accuracy, double SamplesPerSecond, TimeSpan? Remaining)
{
    /// <summary>One line, e.g. "epoch 2/3  batch 100/469  loss 0.1234  acc 96.10%  12,345 samples/s  ETA 0:42".</summary>
    public override string ToString() =>
        $"epoch {Epoch}{(Epochs is { } total ? $"/{total}" : "")}  batch {Batch}/{Batches}  loss {Loss:F4}" +
        (Accuracy is { } a ? $"  acc {a:P2}" : "") +
        $"  {SamplesPerSecond:N0} samples/s" + (Remaining is { } left ? $"  ETA {Format(left)}" : "");

    internal static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
}

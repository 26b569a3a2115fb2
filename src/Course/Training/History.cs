namespace Course.Training;

/// <summary>Everything a training run measured, epoch by epoch: the raw material for the course's charts and tables.</summary>
public sealed class History
{
    private readonly List<EpochRecord> epochs = [];

    /// <summary>Creates an empty history for a run minimising <paramref name="loss"/>.</summary>
    public History(Loss loss) => Loss = loss;

    /// <summary>The loss that was minimised.</summary>
    public Loss Loss { get; }

    /// <summary>One record per epoch, in order (the last one partial when a callback stopped training inside it).</summary>
    public IReadOnlyList<EpochRecord> Epochs => epochs;

    /// <summary>The epoch with the lowest validation loss (training loss when there was no validation data); 0 before any epoch.</summary>
    public int BestEpoch =>
        epochs.Count == 0 ? 0 : epochs.MinBy(e => e.ValidationLoss ?? e.TrainLoss)!.Epoch;

    /// <summary>The record of <see cref="BestEpoch"/>, or null before any epoch.</summary>
    public EpochRecord? Best => epochs.Count == 0 ? null : epochs[BestEpoch - 1];

    /// <summary>The last completed epoch, or null before any.</summary>
    public EpochRecord? Last => epochs.Count == 0 ? null : epochs[^1];

    /// <summary>Why training ended before its last epoch (e.g. by early stopping), or null if it ran them all.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>Total wall-clock seconds of all epochs.</summary>
    public double TotalSeconds => epochs.Sum(e => e.Seconds);

    internal void Add(EpochRecord record) => epochs.Add(record);

    /// <inheritdoc />
    public override string ToString()
    {
        var lines = epochs.Select(e =>
            $"epoch {e.Epoch,3}: train {Loss.Name} {e.TrainLoss:F4}" +
            (e.TrainAccuracy is { } ta ? $" acc {ta:P2}" : "") +
            (e.ValidationLoss is { } vl ? $" | val {vl:F4}" : "") +
            (e.ValidationAccuracy is { } va ? $" acc {va:P2}" : "") +
            $" | {e.SamplesPerSecond:N0} samples/s, {e.Seconds:F1} s");
        string tail = StopReason is null ? "" : $"\nstopped: {StopReason}";
        return string.Join("\n", lines) + $"\nbest epoch: {BestEpoch}" + tail;
    }
}

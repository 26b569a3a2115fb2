using Course.Hosting;

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
    public override string ToString() => ToCellProgress().ToString();

    /// <summary>Share of the planned run done, 0 to 1; without an epoch limit, the share of the current epoch.</summary>
    public double Fraction => Epochs is { } total ? (Epoch - 1 + (double)Batch / Batches) / total : (double)Batch / Batches;

    /// <summary>This snapshot for a host that shows progress beside the cell (<c>course run</c> on a terminal).</summary>
    public CellProgress ToCellProgress() => new(Stage, Epochs is null ? null : Fraction, Remaining, Detail);

    private string Stage => $"epoch {Epoch}{(Epochs is { } total ? $"/{total}" : "")}";

    private string Detail => $"batch {Batch}/{Batches}  loss {Loss:F4}" + (Accuracy is { } a ? $"  acc {a:P2}" : "") + $"  {SamplesPerSecond:N0} samples/s";
}

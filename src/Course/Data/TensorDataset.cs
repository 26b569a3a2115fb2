using TorchSharp;
using static TorchSharp.torch;

using Course.Training;

namespace Course.Data;

/// <summary>Examples held as two tensors: features (first dimension = example) and labels or targets.</summary>
/// <param name="Features">Inputs, e.g. images [N, 1, 28, 28] as float32.</param>
/// <param name="Labels">Targets, e.g. class indices [N] as int64.</param>
public sealed record TensorDataset(Tensor Features, Tensor Labels) : IDisposable
{
    /// <summary>
    /// Which part of the data this is — "train", "validation" or "test" — or null when unknown. Carried by
    /// <see cref="Take"/>, <see cref="Select"/> and <see cref="To"/>; <see cref="EvaluationLog"/> records it for every evaluation,
    /// so a check can tell whether a choice touched the test set.
    /// </summary>
    public string? SplitName { get; init; }

    /// <summary>Number of examples.</summary>
    public long Count => Features.shape[0];

    /// <summary>The examples at the given indices (a copy).</summary>
    public TensorDataset Select(Tensor indices) => new(Features.index_select(0, indices), Labels.index_select(0, indices)) { SplitName = SplitName };

    /// <summary>The first <paramref name="count"/> examples (a view; disposing it leaves this dataset intact).</summary>
    public TensorDataset Take(long count) =>
        new(Features.narrow(0, 0, Math.Min(count, Count)), Labels.narrow(0, 0, Math.Min(count, Count))) { SplitName = SplitName };

    /// <summary>
    /// A seeded random split into training and validation examples. The same seed gives the same split on
    /// every machine, so a validation score can be compared across runs. The validation part is named "validation";
    /// the training part keeps this dataset's <see cref="SplitName"/>.
    /// </summary>
    public (TensorDataset Train, TensorDataset Validation) Split(double validationFraction, long seed)
    {
        if (validationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be between 0 and 1 (exclusive), e.g. 0.1");
        long validation = (long)Math.Round(Count * validationFraction);
        using var generator = new Generator((ulong)seed);
        using var order = randperm(Count, generator: generator);
        using var validationIndices = order.narrow(0, 0, validation);
        using var trainIndices = order.narrow(0, validation, Count - validation);
        return (Select(trainIndices), Select(validationIndices) with { SplitName = "validation" });
    }

    /// <summary>Moves both tensors to a device (a new dataset; this one is unchanged).</summary>
    public TensorDataset To(Device device) => new(Features.to(device), Labels.to(device)) { SplitName = SplitName };

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}

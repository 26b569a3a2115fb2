using static TorchSharp.torch;

namespace Course.Data;

/// <summary>One mini-batch: features and labels (or targets) for a few examples.</summary>
/// <param name="Features">Inputs, first dimension = example.</param>
/// <param name="Labels">Class indices or regression targets.</param>
public sealed record Batch(Tensor Features, Tensor Labels) : IDisposable
{
    /// <summary>Number of examples in the batch.</summary>
    public long Count => Features.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}

using System.Collections;
using Course.Platform;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Data;

/// <summary>
/// Cuts a <see cref="TensorDataset"/> into mini-batches, like PyTorch's DataLoader. Each pass (each
/// <c>foreach</c>) visits every example exactly once; with <c>shuffle</c> the order is a fresh permutation
/// drawn from a generator seeded once, so the sequence of orders repeats for the same seed.
/// A batch belongs to the loader and is disposed when the next one is produced: clone what you keep.
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>, IDisposable
{
    private readonly Generator? generator;

    /// <summary>Creates a loader.</summary>
    /// <param name="data">The examples.</param>
    /// <param name="batchSize">Examples per batch; the last batch may be smaller unless <paramref name="dropLast"/>.</param>
    /// <param name="shuffle">Visit examples in a new random order on each pass (training); false keeps their order (evaluation).</param>
    /// <param name="seed">Seed for the shuffling; null takes one from <see cref="Seeds.Next"/>.</param>
    /// <param name="transform">Applied to each batch's features on the fly, e.g. <see cref="Augment.ShiftAndRotate"/>.</param>
    /// <param name="dropLast">Skip a final batch smaller than <paramref name="batchSize"/>.</param>
    /// <param name="device">Move each batch to this device (the dataset itself stays where it is).</param>
    public DataLoader(TensorDataset data, int batchSize, bool shuffle = false, long? seed = null,
        Func<Tensor, Tensor>? transform = null, bool dropLast = false, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a batch needs at least one example, e.g. 64");
        if (data.Count == 0) throw new ArgumentException("the dataset is empty: there is nothing to load", nameof(data));
        if (data.Labels.shape[0] != data.Count)
            throw new ArgumentException($"the dataset has {data.Count} feature rows but {data.Labels.shape[0]} labels", nameof(data));
        Data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Transform = transform;
        DropLast = dropLast;
        Device = device;
        if (shuffle)
        {
            TorchRuntime.EnsureLoaded();
            generator = new Generator((ulong)(seed ?? Seeds.Next()));
        }
    }

    /// <summary>The examples this loader reads.</summary>
    public TensorDataset Data { get; }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each pass uses a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The per-batch feature transform, if any.</summary>
    public Func<Tensor, Tensor>? Transform { get; }

    /// <summary>Whether a final short batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Where batches are moved, or null to leave them on the dataset's device.</summary>
    public Device? Device { get; }

    /// <summary>Batches per pass.</summary>
    public int BatchCount => (int)(DropLast ? Data.Count / BatchSize : (Data.Count + BatchSize - 1) / BatchSize);

    /// <summary>Examples per pass (fewer than the dataset when the last batch is dropped).</summary>
    public long ExampleCount => DropLast ? (long)BatchCount * BatchSize : Data.Count;

    /// <inheritdoc />
    public IEnumerator<Batch> GetEnumerator()
    {
        Tensor? order = Shuffle ? randperm(Data.Count, generator: generator) : null;
        Batch? current = null;
        try
        {
            for (long start = 0; start < ExampleCount; start += BatchSize)
            {
                current?.Dispose();
                current = null;
                long size = Math.Min(BatchSize, Data.Count - start);
                current = Make(order, start, size);
                yield return current;
            }
        }
        finally
        {
            current?.Dispose();
            order?.Dispose();
        }
    }

    private Batch Make(Tensor? order, long start, long size)
    {
        using var scope = NewDisposeScope();
        Tensor x, y;
        if (order is null)
        {
            x = Data.Features.narrow(0, start, size);
            y = Data.Labels.narrow(0, start, size);
        }
        else
        {
            var indices = order.narrow(0, start, size);
            x = Data.Features.index_select(0, indices);
            y = Data.Labels.index_select(0, indices);
        }
        if (Device is not null)
        {
            x = x.to(Device);
            y = y.to(Device);
        }
        if (Transform is not null) x = Transform(x);
        return new Batch(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public void Dispose() => generator?.Dispose();
}

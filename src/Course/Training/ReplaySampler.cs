using Course.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// Experience replay against catastrophic forgetting (notebook 07): keep a small memory of an old task's examples
/// and mix some of them into every pass over the new task, so the gradients keep "reminding" the network of both.
/// </summary>
public static class ReplaySampler
{
    /// <summary>A seeded random <paramref name="size"/> examples of <paramref name="task"/> to remember (a copy).</summary>
    public static TensorDataset Memory(TensorDataset task, long size, long seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (size < 1 || size > task.Count)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"a memory holds between 1 and all {task.Count:N0} examples of the task");
        using var generator = new Generator((ulong)seed);
        using var order = randperm(task.Count, generator: generator);
        using var kept = order.narrow(0, 0, size);
        return task.Select(kept);
    }

    /// <summary>
    /// How many remembered examples join <paramref name="newExamples"/> new ones so that they make up
    /// <paramref name="share"/> of the mix: r / (n + r) = share, so r = n · share / (1 − share), rounded.
    /// </summary>
    public static long ReplayCount(long newExamples, double share)
    {
        if (newExamples < 0) throw new ArgumentOutOfRangeException(nameof(newExamples), newExamples, "cannot be negative");
        if (share is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(share), share, "the replayed share of the mix must be in [0, 1), e.g. 0.1");
        return (long)Math.Round(newExamples * share / (1 - share));
    }

    /// <summary>
    /// The new task's examples plus <see cref="ReplayCount"/> examples drawn from <paramref name="memory"/> (without
    /// replacement while the memory lasts, then again from a fresh permutation), so that <paramref name="share"/> of the
    /// result is replay. The trainer shuffles it, so old and new examples meet in every mini-batch.
    /// </summary>
    /// <exception cref="ArgumentException">Features or label shapes of the two datasets differ.</exception>
    public static TensorDataset Mix(TensorDataset current, TensorDataset memory, double share, long seed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(memory);
        if (!current.Features.shape.Skip(1).SequenceEqual(memory.Features.shape.Skip(1)))
            throw new ArgumentException($"memory examples are [{string.Join(", ", memory.Features.shape.Skip(1))}] but the new task's are " +
                $"[{string.Join(", ", current.Features.shape.Skip(1))}]: replay needs examples of the same shape", nameof(memory));
        long replay = ReplayCount(current.Count, share);
        if (replay == 0) return new TensorDataset(current.Features.clone(), current.Labels.clone());
        if (memory.Count == 0) throw new ArgumentException("the memory is empty: nothing to replay", nameof(memory));
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var rounds = new List<Tensor>();
        for (long left = replay; left > 0; left -= memory.Count)
            rounds.Add(randperm(memory.Count, generator: generator).narrow(0, 0, Math.Min(left, memory.Count)));
        var picked = cat(rounds, 0);
        var features = cat([current.Features, memory.Features.index_select(0, picked)], 0);
        var labels = cat([current.Labels, memory.Labels.index_select(0, picked)], 0);
        return new TensorDataset(features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Bytes the tensors of <paramref name="memory"/> occupy: the price of remembering, in RAM.</summary>
    public static long Bytes(TensorDataset memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return memory.Features.NumberOfElements * memory.Features.ElementSize + memory.Labels.NumberOfElements * memory.Labels.ElementSize;
    }
}

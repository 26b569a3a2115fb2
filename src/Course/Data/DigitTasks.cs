using TorchSharp;
using static TorchSharp.torch;

namespace Course.Data;

/// <summary>
/// Carves tasks out of a labelled dataset, as notebook 07 does with MNIST: "digits 0–4" as task A, "digits 5–9" as
/// task B, and "only n labelled examples per class" for the small-data regime of transfer learning.
/// </summary>
public static class DigitTasks
{
    /// <summary>
    /// The examples whose label is one of <paramref name="classes"/> (a copy, in the original order, labels unchanged: a
    /// model with outputs for every class can then learn task after task).
    /// </summary>
    /// <exception cref="ArgumentException">No class given, a class listed twice, or no example has any of them.</exception>
    public static TensorDataset Only(TensorDataset data, IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0) throw new ArgumentException("name at least one class, e.g. [5, 6, 7, 8, 9]", nameof(classes));
        if (classes.Distinct().Count() != classes.Count)
            throw new ArgumentException($"a class is listed twice in [{string.Join(", ", classes)}]", nameof(classes));
        using var scope = NewDisposeScope();
        var mask = zeros_like(data.Labels, dtype: ScalarType.Bool);
        foreach (int c in classes) mask = mask.logical_or(data.Labels.eq(c));
        var indices = mask.nonzero().squeeze(1);
        if (indices.shape[0] == 0)
            throw new ArgumentException($"no example has a label in [{string.Join(", ", classes)}]; the data has {data.Count:N0} examples", nameof(classes));
        var features = data.Features.index_select(0, indices);
        var labels = data.Labels.index_select(0, indices);
        return new TensorDataset(features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// A seeded random <paramref name="perClass"/> examples of every class present (a copy, classes interleaved by a
    /// final shuffle), so "50 labels per class" means the same examples on every machine.
    /// </summary>
    /// <exception cref="ArgumentException">A class has fewer than <paramref name="perClass"/> examples.</exception>
    public static TensorDataset PerClass(TensorDataset data, int perClass, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (perClass < 1) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "take at least one example per class");
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var chosen = new List<Tensor>();
        foreach (long c in data.Labels.unique().Item1.data<long>().ToArray())
        {
            var members = data.Labels.eq(c).nonzero().squeeze(1);
            if (members.shape[0] < perClass)
                throw new ArgumentException($"class {c} has only {members.shape[0]:N0} examples, fewer than the {perClass:N0} asked for; " +
                    "ask for fewer per class or use a larger dataset", nameof(perClass));
            chosen.Add(members.index_select(0, randperm(members.shape[0], generator: generator).narrow(0, 0, perClass)));
        }
        var all = cat(chosen, 0);
        var mixed = all.index_select(0, randperm(all.shape[0], generator: generator));
        var result = data.Select(mixed);
        return new TensorDataset(result.Features.MoveToOuterDisposeScope(), result.Labels.MoveToOuterDisposeScope());
    }
}

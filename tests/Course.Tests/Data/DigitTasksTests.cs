using Course.Data;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class DigitTasksTests
{
    public DigitTasksTests() => TorchRuntime.EnsureLoaded();

    // Example i has feature i and label labels[i], so a result shows exactly which examples it holds.
    private static TensorDataset Labelled(params long[] labels) =>
        new(arange(labels.Length, dtype: ScalarType.Float32).unsqueeze(1), tensor(labels));

    private static long[] Positions(TensorDataset data) => data.Features.squeeze(1).data<float>().Select(v => (long)v).ToArray();

    [Fact]
    public void Only_keeps_the_examples_of_the_named_classes_in_their_order_with_their_labels()
    {
        using var data = Labelled(3, 7, 0, 7, 9, 5, 3);
        using var task = DigitTasks.Only(data, [7, 5]);
        Assert.Equal([1, 3, 5], Positions(task));
        Assert.Equal([7, 7, 5], task.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Only_refuses_no_class_a_repeated_class_and_a_class_no_example_has()
    {
        using var data = Labelled(1, 2, 3);
        Assert.Contains("at least one class", Assert.Throws<ArgumentException>(() => DigitTasks.Only(data, [])).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => DigitTasks.Only(data, [2, 2])).Message);
        Assert.Contains("no example has a label in [8, 9]", Assert.Throws<ArgumentException>(() => DigitTasks.Only(data, [8, 9])).Message);
    }

    [Fact]
    public void PerClass_takes_n_distinct_examples_of_every_class_the_same_ones_for_the_same_seed()
    {
        using var data = Labelled([.. Enumerable.Range(0, 60).Select(i => (long)(i % 3))]);   // 20 examples of each of 0, 1, 2
        using var a = DigitTasks.PerClass(data, 5, seed: 4);
        using var b = DigitTasks.PerClass(data, 5, seed: 4);
        using var c = DigitTasks.PerClass(data, 5, seed: 5);
        Assert.Equal(15, a.Count);
        Assert.Equal([5L, 5, 5], a.Labels.bincount(null).data<long>().ToArray());
        var positions = Positions(a);
        Assert.Equal(15, positions.Distinct().Count());
        // Each example keeps its own label: position i has label i mod 3.
        Assert.Equal(positions.Select(p => p % 3), a.Labels.data<long>().ToArray());
        Assert.Equal(positions, Positions(b));
        Assert.NotEqual(positions, Positions(c));
    }

    [Fact]
    public void PerClass_says_which_class_is_too_small()
    {
        using var data = Labelled(0, 0, 0, 1);
        var error = Assert.Throws<ArgumentException>(() => DigitTasks.PerClass(data, 2, seed: 1));
        Assert.Contains("class 1 has only 1 examples, fewer than the 2 asked for", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitTasks.PerClass(data, 0, seed: 1));
    }
}

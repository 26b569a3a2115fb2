using Course.Data;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class DataLoaderTests
{
    public DataLoaderTests() => TorchRuntime.EnsureLoaded();

    // Example i has feature i and label 1000 + i, so a batch shows exactly which examples it holds.
    private static TensorDataset Numbered(int count) =>
        new(arange(count, dtype: ScalarType.Float32).unsqueeze(1), arange(count, dtype: ScalarType.Int64) + 1000);

    private static List<long> Pass(DataLoader loader, List<long>? sizes = null)
    {
        var seen = new List<long>();
        foreach (var batch in loader)
        {
            sizes?.Add(batch.Count);
            var features = batch.Features.squeeze(1).data<float>().Select(v => (long)v).ToArray();
            var labels = batch.Labels.data<long>().ToArray();
            Assert.Equal(features.Select(f => f + 1000), labels);
            seen.AddRange(features);
        }
        return seen;
    }

    [Fact]
    public void Every_example_appears_exactly_once_per_epoch_in_a_new_order()
    {
        using var data = Numbered(103);
        using var loader = new DataLoader(data, batchSize: 10, shuffle: true, seed: 5);
        var sizes = new List<long>();
        var first = Pass(loader, sizes);
        var second = Pass(loader);
        Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), first.Order());
        Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), second.Order());
        Assert.NotEqual(first, second);
        Assert.Equal(11, loader.BatchCount);
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3], sizes);
    }

    [Fact]
    public void The_same_seed_gives_the_same_orders_and_another_seed_does_not()
    {
        using var data = Numbered(50);
        using var a = new DataLoader(data, 8, shuffle: true, seed: 42);
        using var b = new DataLoader(data, 8, shuffle: true, seed: 42);
        using var c = new DataLoader(data, 8, shuffle: true, seed: 43);
        Assert.Equal(Pass(a), Pass(b));
        Assert.Equal(Pass(a), Pass(b));
        Assert.NotEqual(Pass(a), Pass(c));
    }

    [Fact]
    public void Without_shuffle_the_order_is_kept_and_drop_last_skips_the_short_batch()
    {
        using var data = Numbered(25);
        using var loader = new DataLoader(data, 10, dropLast: true);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), Pass(loader));
        Assert.Equal(2, loader.BatchCount);
    }

    [Fact]
    public void A_batch_is_disposed_when_the_next_one_arrives_and_at_the_end()
    {
        using var data = Numbered(30);
        using var loader = new DataLoader(data, 10, shuffle: true, seed: 1);
        var batches = new List<Batch>();
        foreach (var batch in loader)
        {
            Assert.False(batch.Features.IsInvalid);
            batches.Add(batch);
        }
        Assert.All(batches, b => Assert.True(b.Features.IsInvalid && b.Labels.IsInvalid));
        Assert.False(data.Features.IsInvalid);
    }

    [Fact]
    public void The_transform_is_applied_to_each_batch_of_features()
    {
        using var data = Numbered(20);
        using var loader = new DataLoader(data, 7, transform: x => x * 2);
        var doubled = new List<float>();
        foreach (var batch in loader) doubled.AddRange(batch.Features.data<float>().ToArray());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 2f * i), doubled);
    }

    [Fact]
    public void Bad_arguments_say_what_is_wrong()
    {
        using var data = Numbered(5);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(data, 0));
        Assert.Contains("at least one example", e.Message);
    }

    [Fact]
    public void Split_is_disjoint_covers_everything_and_repeats_for_a_seed()
    {
        using var data = Numbered(1000);
        var (train, validation) = data.Split(0.2, seed: 3);
        var (train2, _) = data.Split(0.2, seed: 3);
        using (train) using (validation) using (train2)
        {
            var t = train.Features.squeeze(1).data<float>().ToArray();
            var v = validation.Features.squeeze(1).data<float>().ToArray();
            Assert.Equal(800, t.Length);
            Assert.Equal(200, v.Length);
            Assert.Empty(t.Intersect(v));
            Assert.Equal(1000, t.Union(v).Distinct().Count());
            Assert.Equal(t, train2.Features.squeeze(1).data<float>().ToArray());
        }
    }
}

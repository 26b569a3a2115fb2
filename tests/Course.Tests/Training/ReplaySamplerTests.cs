using Course.Data;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ReplaySamplerTests
{
    public ReplaySamplerTests() => TorchRuntime.EnsureLoaded();

    // Examples numbered from `first`: feature = number, label = number mod 10.
    private static TensorDataset Numbered(int count, int first = 0) =>
        new(arange(first, first + count, dtype: ScalarType.Float32).unsqueeze(1), arange(first, first + count, dtype: ScalarType.Int64).remainder(10));

    private static long[] Numbers(TensorDataset data) => data.Features.squeeze(1).data<float>().Select(v => (long)v).ToArray();

    [Theory]
    [InlineData(500, 0.1, 56)]
    [InlineData(100, 0.5, 100)]
    [InlineData(1000, 0.0, 0)]
    [InlineData(90, 0.25, 30)]
    public void The_replayed_count_makes_up_the_share_of_the_mix(long newExamples, double share, long expected) =>
        Assert.Equal(expected, ReplaySampler.ReplayCount(newExamples, share));

    [Fact]
    public void Mix_keeps_every_new_example_and_adds_distinct_remembered_ones_repeatably()
    {
        using var current = Numbered(90);
        using var memory = Numbered(50, first: 1000);
        using var mix = ReplaySampler.Mix(current, memory, 0.25, seed: 3);
        using var again = ReplaySampler.Mix(current, memory, 0.25, seed: 3);
        var numbers = Numbers(mix);
        Assert.Equal(120, numbers.Length);
        Assert.Equal(Enumerable.Range(0, 90).Select(i => (long)i), numbers.Take(90));
        var replayed = numbers.Skip(90).ToArray();
        Assert.Equal(30, replayed.Distinct().Count());
        Assert.All(replayed, n => Assert.InRange(n, 1000, 1049));
        Assert.Equal(replayed.Select(n => n % 10), mix.Labels.data<long>().Skip(90));
        Assert.Equal(numbers, Numbers(again));
    }

    [Fact]
    public void A_memory_smaller_than_the_replay_is_gone_through_again()
    {
        using var current = Numbered(100);
        using var memory = Numbered(30, first: 500);
        using var mix = ReplaySampler.Mix(current, memory, 0.4, seed: 1);   // 67 replayed from 30: twice each, then 7 more
        var counts = Numbers(mix).Skip(100).GroupBy(n => n).Select(g => g.Count()).ToList();
        Assert.Equal(30, counts.Count);
        Assert.Equal(67, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 2, 3));
    }

    [Fact]
    public void Memory_is_a_seeded_sample_of_the_task_and_its_bytes_are_its_tensors()
    {
        using var task = Numbered(200);
        using var memory = ReplaySampler.Memory(task, 20, seed: 9);
        Assert.Equal(20, Numbers(memory).Distinct().Count());
        Assert.Equal(Numbers(memory), Numbers(ReplaySampler.Memory(task, 20, seed: 9)));
        Assert.Equal(20 * 1 * 4 + 20 * 8, ReplaySampler.Bytes(memory));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplaySampler.Memory(task, 201, seed: 1));
    }

    [Fact]
    public void Bad_shares_and_mismatched_examples_are_refused_with_the_reason()
    {
        using var current = Numbered(10);
        using var images = new TensorDataset(zeros(5, 1, 28, 28), zeros(5, dtype: ScalarType.Int64));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplaySampler.ReplayCount(10, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplaySampler.ReplayCount(10, -0.1));
        Assert.Contains("replay needs examples of the same shape", Assert.Throws<ArgumentException>(() => ReplaySampler.Mix(current, images, 0.5, 1)).Message);
    }
}

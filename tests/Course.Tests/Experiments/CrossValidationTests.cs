using Course.Data;
using Course.Experiments;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Experiments;

public sealed class CrossValidationTests
{
    public CrossValidationTests() => TorchRuntime.EnsureLoaded();

    // Examples numbered 0 … count − 1: feature = number, label = number mod 10.
    private static TensorDataset Numbered(int count) =>
        new(arange(count, dtype: ScalarType.Float32).unsqueeze(1), arange(count, dtype: ScalarType.Int64).remainder(10)) { SplitName = "train" };

    private static long[] Numbers(TensorDataset data) => data.Features.squeeze(1).data<float>().Select(v => (long)v).ToArray();

    [Theory]
    [InlineData(10, 3)]
    [InlineData(1000, 5)]
    [InlineData(7, 7)]
    public void Folds_hold_every_index_once_in_sizes_that_differ_by_at_most_one(int count, int k)
    {
        var folds = CrossValidation.FoldIndices(count, k, seed: 4);
        Assert.Equal(k, folds.Length);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), folds.SelectMany(f => f).Order());
        Assert.InRange(folds.Max(f => f.Length) - folds.Min(f => f.Length), 0, 1);
        Assert.Equal(count, folds.Sum(f => f.Length));
    }

    [Fact]
    public void Folds_are_repeatable_per_seed_and_cut_the_same_shuffle_as_Split()
    {
        var folds = CrossValidation.FoldIndices(50, 5, seed: 9);
        Assert.Equal(folds, CrossValidation.FoldIndices(50, 5, seed: 9));
        Assert.NotEqual(folds, CrossValidation.FoldIndices(50, 5, seed: 10));
        using var data = Numbered(50);
        var (_, validation) = data.Split(0.2, seed: 9);   // the first 10 of the same permutation
        Assert.Equal(folds[0], Numbers(validation));
    }

    [Fact]
    public void Run_trains_on_the_other_folds_and_scores_on_each_fold_once()
    {
        using var data = Numbered(23);
        var folds = CrossValidation.FoldIndices(23, 4, seed: 2);
        var seen = new List<(long[] Train, long[] Validation, string? TrainName, string? ValidationName)>();
        var result = CrossValidation.Run(data, 4, seed: 2, (train, validation) =>
        {
            seen.Add((Numbers(train), Numbers(validation), train.SplitName, validation.SplitName));
            Assert.Equal(Numbers(train).Select(n => n % 10), train.Labels.data<long>());
            return validation.Count / 100.0;
        });
        Assert.Equal(4, seen.Count);
        for (int f = 0; f < 4; f++)
        {
            Assert.Equal(folds[f], seen[f].Validation);
            Assert.Equal(folds.Where((_, other) => other != f).SelectMany(x => x).Order(), seen[f].Train.Order());
            Assert.Equal(("train", "validation"), (seen[f].TrainName, seen[f].ValidationName));
        }
        Assert.Equal(folds.Select(f => f.Length / 100.0), result.Scores);
        Assert.Equal(4, result.K);
        Assert.Equal(0.0575, result.Estimate.Mean, 12);   // 23 / 4 / 100
        Assert.Equal(4, result.Seconds.Count);
        Assert.Equal(result.Seconds.Sum(), result.TotalSeconds, 12);
        Assert.Equal(23, data.Count);   // the folds were copies: the data is intact
        Assert.Equal(Enumerable.Range(0, 23).Select(i => (long)i), Numbers(data));
    }

    [Theory]
    [InlineData(10, 1, "at least 2 folds")]
    [InlineData(10, 0, "at least 2 folds")]
    [InlineData(4, 5, "leave a fold empty")]
    public void Too_few_or_too_many_folds_is_one_clear_error(int count, int k, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.FoldIndices(count, k, seed: 0));
        Assert.Contains(message, error.Message);
        using var data = Numbered(count);
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.Run(data, k, 0, (_, _) => 1));
    }

    [Fact]
    public void A_score_that_is_not_a_number_names_its_fold()
    {
        using var data = Numbered(12);
        int calls = 0;
        var error = Assert.Throws<InvalidOperationException>(() => CrossValidation.Run(data, 3, 0, (_, _) => ++calls == 2 ? double.NaN : 0.5));
        Assert.Contains("Fold 2 of 3", error.Message);
        Assert.Throws<ArgumentNullException>(() => CrossValidation.Run(data, 3, 0, null!));
    }
}

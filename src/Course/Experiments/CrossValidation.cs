using System.Diagnostics;
using Course.Data;
using Course.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Experiments;

/// <summary>What k-fold cross-validation measured: one score and one training time per fold.</summary>
/// <param name="Scores">Each fold's validation score (fold 1 first).</param>
/// <param name="Seconds">Each fold's time: training and scoring.</param>
public sealed record CrossValidationResult(IReadOnlyList<double> Scores, IReadOnlyList<double> Seconds)
{
    /// <summary>Number of folds.</summary>
    public int K => Scores.Count;

    /// <summary>The cross-validation estimate: the mean of the fold scores, with their spread.</summary>
    public MeanStd Estimate => MeanStd.Of(Scores.ToList());

    /// <summary>The whole cost: every fold's training and scoring.</summary>
    public double TotalSeconds => Seconds.Sum();

    /// <inheritdoc/>
    public override string ToString() => $"{K}-fold estimate {Estimate} ({TotalSeconds:0.00} s for {K} trainings)";
}

/// <summary>
/// k-fold cross-validation (notebook 05): shuffle the examples once, cut them into k folds of nearly equal size, and
/// train k models, each validated on one fold and trained on the other k − 1. Every example is validated on exactly
/// once, so the estimate rests on all the data instead of one held-out share — at the price of k trainings.
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// The validation indices of each fold: a seeded permutation of 0 … <paramref name="count"/> − 1 (the same
    /// <c>randperm</c> as <see cref="TensorDataset.Split"/>), fold f taking positions ⌊f·n/k⌋ up to ⌊(f+1)·n/k⌋, so
    /// fold sizes differ by at most one and together hold every index once.
    /// </summary>
    public static long[][] FoldIndices(long count, int k, long seed)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, "k-fold needs at least 2 folds (k = 5 or 10 is usual); for one split use TensorDataset.Split");
        if (count < k)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"{k} folds of {count} examples would leave a fold empty: use at most {count} folds or more data");
        using var generator = new Generator((ulong)seed);
        using var order = randperm(count, generator: generator);
        var shuffled = order.data<long>().ToArray();
        return Enumerable.Range(0, k).Select(f => shuffled[(int)(f * count / k)..(int)((f + 1) * count / k)]).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="trainAndScore"/>(train, validation) once per fold of <see cref="FoldIndices"/> and collects
    /// the scores and times. The fold datasets are copies made for the call and disposed after it. The validation part
    /// is named "validation" (see <see cref="Training.EvaluationLog"/>); the training part keeps the data's split name.
    /// </summary>
    /// <param name="data">All the examples there are to learn from (never the test set: that would tune on it).</param>
    /// <param name="k">Number of folds, between 2 and the number of examples.</param>
    /// <param name="seed">Seed of the shuffle that assigns examples to folds.</param>
    /// <param name="trainAndScore">Trains a fresh model on the first dataset and returns its score on the second (e.g. accuracy).</param>
    /// <exception cref="InvalidOperationException"><paramref name="trainAndScore"/> returned NaN or ±∞.</exception>
    public static CrossValidationResult Run(TensorDataset data, int k, long seed, Func<TensorDataset, TensorDataset, double> trainAndScore)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trainAndScore);
        var folds = FoldIndices(data.Count, k, seed);
        var (scores, seconds) = (new List<double>(), new List<double>());
        for (int f = 0; f < k; f++)
        {
            long[] trainIndices = folds.Where((_, other) => other != f).SelectMany(fold => fold).ToArray();
            using var trainPart = Part(data, trainIndices);
            using var validationPart = Part(data, folds[f]) with { SplitName = "validation" };
            var clock = Stopwatch.StartNew();
            double score = trainAndScore(trainPart, validationPart);
            seconds.Add(clock.Elapsed.TotalSeconds);
            if (!double.IsFinite(score))
                throw new InvalidOperationException($"Fold {f + 1} of {k} scored {score}: the function must return a number, e.g. the validation accuracy.");
            scores.Add(score);
        }
        return new CrossValidationResult(scores, seconds);
    }

    private static TensorDataset Part(TensorDataset data, long[] indices)
    {
        using var index = tensor(indices);
        return data.Select(index);
    }
}

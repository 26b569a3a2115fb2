using System.Diagnostics;
using Course.Data;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// What a prequential ("predict, then learn") run measured: for each batch of a stream, the accuracy of the model
/// on that batch <em>before</em> it learned from it, and what the learning after it cost.
/// </summary>
/// <param name="Accuracy">Accuracy on batch i, scored before any training on batch i.</param>
/// <param name="LearnSeconds">Wall time the learner spent after batch i (0 when it did nothing).</param>
/// <param name="ExamplesTrained">Examples the learner passed through training after batch i (one per example per epoch).</param>
public sealed record PrequentialRun(IReadOnlyList<double> Accuracy, IReadOnlyList<double> LearnSeconds, IReadOnlyList<long> ExamplesTrained)
{
    /// <summary>Total training time over the stream.</summary>
    public double TotalSeconds => LearnSeconds.Sum();

    /// <summary>Total examples trained on: the compute, independent of the machine's speed.</summary>
    public long TotalExamplesTrained => ExamplesTrained.Sum();

    /// <summary>Mean prequential accuracy of batches <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public double MeanAccuracy(int from, int to)
    {
        if (from < 0 || to > Accuracy.Count || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"batches [{from}, {to}) are not a non-empty range of the {Accuracy.Count} scored");
        return Accuracy.Skip(from).Take(to - from).Average();
    }

    /// <summary>Each batch's accuracy averaged with the <paramref name="window"/> − 1 before it (fewer at the start), for plotting.</summary>
    public IReadOnlyList<double> Smoothed(int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "average over at least one batch");
        return Enumerable.Range(0, Accuracy.Count).Select(i => MeanAccuracy(Math.Max(0, i - window + 1), i + 1)).ToList();
    }
}

/// <summary>
/// Prequential evaluation of a learner on a stream (notebook 07): every batch is first a test (the model has not
/// seen it) and then training data. No separate test set is needed, and the score follows the stream as it drifts.
/// </summary>
public static class Prequential
{
    /// <summary>The stream cut into consecutive batches of <paramref name="batchSize"/> (views, in order; the last may be shorter).</summary>
    public static IReadOnlyList<TensorDataset> Batches(TensorDataset stream, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a batch needs at least one example");
        var batches = new List<TensorDataset>();
        for (long start = 0; start < stream.Count; start += batchSize)
        {
            long size = Math.Min(batchSize, stream.Count - start);
            batches.Add(new TensorDataset(stream.Features.narrow(0, start, size), stream.Labels.narrow(0, start, size)));
        }
        return batches;
    }

    /// <summary>
    /// For each batch i: scores <paramref name="model"/>() on it, then calls <paramref name="learn"/>(i), which may train
    /// (usually with <see cref="Trainer.Fit"/>) or swap the model, and returns how many examples it trained on.
    /// </summary>
    /// <param name="stream">The batches, in the order they arrive.</param>
    /// <param name="model">The model to score now (a function, so a learner that retrains from scratch can replace it).</param>
    /// <param name="learn">Learns after batch i has been scored; returns the examples trained on (0 for none).</param>
    public static PrequentialRun Run(IReadOnlyList<TensorDataset> stream, Func<nn.Module<Tensor, Tensor>> model, Func<int, long> learn)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(learn);
        if (stream.Count == 0) throw new ArgumentException("the stream has no batches", nameof(stream));
        var accuracy = new double[stream.Count];
        var seconds = new double[stream.Count];
        var examples = new long[stream.Count];
        for (int i = 0; i < stream.Count; i++)
        {
            accuracy[i] = Trainer.Evaluate(model(), stream[i]).Accuracy
                ?? throw new InvalidOperationException("prequential accuracy needs a classification stream (integer labels)");
            var clock = Stopwatch.StartNew();
            examples[i] = learn(i);
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        return new PrequentialRun(accuracy, seconds, examples);
    }

    /// <summary>
    /// One online step: trains <paramref name="model"/> on exactly <paramref name="batch"/>, once, as one mini-batch. With a
    /// stateless optimizer (plain SGD, the default here) a sequence of these is exactly online SGD; Fit makes a new
    /// optimizer per call, so Adam's moment estimates would restart every batch.
    /// </summary>
    /// <returns>The number of examples trained on.</returns>
    public static long Update(nn.Module<Tensor, Tensor> model, TensorDataset batch, double learningRate, TrainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return 0;
        var step = (options ?? new TrainOptions()) with
        {
            Epochs = 1, BatchSize = (int)batch.Count, Quiet = true,
            Optimizer = p => optim.SGD(p, learningRate),
        };
        Trainer.Fit(model, batch, null, step);
        return batch.Count;
    }
}

using System.Diagnostics;
using Course.Data;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>What a run under a wall-clock budget achieved: validation score, how much it trained, how long it took.</summary>
/// <param name="Validation">Loss and accuracy on the validation data after training.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="Samples">Training examples processed (counting repeats over epochs).</param>
/// <param name="Seconds">Training time (validation excluded).</param>
public sealed record BudgetResult(Evaluation Validation, int Steps, long Samples, double Seconds)
{
    /// <summary>Passes over the training data (fractional).</summary>
    public double Epochs(long trainCount) => (double)Samples / trainCount;
}

/// <summary>
/// Training for a fixed wall-clock time instead of a fixed number of epochs: the fair way to ask "which setting
/// gets the best model in the time I have?", because fast settings get more steps.
/// </summary>
public static class TimeBudget
{
    /// <summary>
    /// Trains until <paramref name="seconds"/> of training time have passed (checked after every batch, so the run
    /// overshoots by at most one batch), then evaluates on <paramref name="validation"/>.
    /// There is no epoch limit (<see cref="TrainOptions.Epochs"/> is ignored); progress display is off.
    /// </summary>
    public static BudgetResult Fit(nn.Module<Tensor, Tensor> model, TensorDataset train, TensorDataset validation, TrainOptions options, double seconds)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validation);
        if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "the budget must be a positive number of seconds, e.g. 2.0");
        int steps = 0;
        var clock = Stopwatch.StartNew();
        var budget = new StopWhen(_ =>
        {
            steps++;
            return clock.Elapsed.TotalSeconds >= seconds;
        }, $"the time budget of {seconds} s was spent");
        Trainer.Fit(model, train, null, options with { Epochs = null, Quiet = true, Callbacks = [.. options.Callbacks, budget] });
        double elapsed = clock.Elapsed.TotalSeconds;
        long samples = SamplesIn(steps, train.Count, options.BatchSize);
        return new BudgetResult(Trainer.Evaluate(model, validation, options.Loss, options.EvaluationBatchSize), steps, samples, elapsed);
    }

    // Every epoch has ceil(N / B) batches, the last one possibly short.
    private static long SamplesIn(int steps, long count, int batchSize)
    {
        long perEpoch = (count + batchSize - 1) / batchSize;
        long full = steps / perEpoch, rest = steps % perEpoch;
        return full * count + Math.Min(rest * batchSize, count);
    }
}

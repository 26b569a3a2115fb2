using Course.Data;
using Course.Hosting;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Tradeoffs;

/// <summary>
/// Runs <see cref="Trainer.Fit"/> with a condition checked after every batch. Callbacks can only end training at an
/// epoch boundary, so a stop inside an epoch (time budget spent, loss exploding) cancels the run between batches
/// through <see cref="TrainOptions.Cancellation"/>; the model keeps the weights of the last completed step.
/// </summary>
internal static class InsideEpochStop
{
    /// <summary>True when <paramref name="stop"/> ended the run; false when all epochs completed.</summary>
    public static bool Fit(nn.Module<Tensor, Tensor> model, TensorDataset train, TrainOptions options, Func<TrainingContext, bool> stop,
        bool divergenceStops = false)
    {
        using var requested = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        var watcher = new Watcher(stop, requested);
        try
        {
            Trainer.Fit(model, train, null, options with { Cancellation = requested.Token, Callbacks = [.. options.Callbacks, watcher] });
            return false;
        }
        catch (OperationCanceledException) when (watcher.Fired && !options.Cancellation.IsCancellationRequested && !CellContext.Cancellation.IsCancellationRequested)
        {
            return true;
        }
        catch (TrainingDivergedException) when (divergenceStops)
        {
            return true;
        }
    }

    private sealed class Watcher(Func<TrainingContext, bool> stop, CancellationTokenSource requested) : ITrainingCallback
    {
        public bool Fired { get; private set; }

        public void OnBatchEnd(TrainingContext context)
        {
            if (Fired || !stop(context)) return;
            Fired = true;
            requested.Cancel();
        }
    }
}

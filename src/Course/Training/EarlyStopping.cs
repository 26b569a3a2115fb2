using TorchSharp;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// Stops training when the validation loss (training loss without validation data) has not improved by at
/// least <c>minDelta</c> for <c>patience</c> epochs, and optionally puts back the weights of the best epoch.
/// </summary>
/// <param name="patience">Epochs without improvement tolerated before stopping.</param>
/// <param name="minDelta">Smallest decrease of the loss that counts as an improvement.</param>
/// <param name="restoreBest">At the end, copy the best epoch's weights back into the model.</param>
public sealed class EarlyStopping(int patience = 3, double minDelta = 0.0, bool restoreBest = true) : ITrainingCallback, IDisposable
{
    private Dictionary<string, Tensor>? bestWeights;
    private double best = double.PositiveInfinity;
    private int waited;

    /// <summary>The epoch whose weights are (or would be) restored; 0 before any epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch after which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext context)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least 1 epoch");
        Dispose();
        best = double.PositiveInfinity;
        waited = 0;
        BestEpoch = StoppedEpoch = 0;
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context)
    {
        var record = context.History.Last!;
        double loss = record.ValidationLoss ?? record.TrainLoss;
        if (loss < best - minDelta)
        {
            best = loss;
            BestEpoch = record.Epoch;
            waited = 0;
            if (restoreBest) Snapshot(context.Model);
            return;
        }
        if (++waited >= patience)
        {
            StoppedEpoch = record.Epoch;
            context.StopRequested = true;
            context.StopReason = $"early stopping: no improvement of the {(record.ValidationLoss is null ? "training" : "validation")} loss " +
                $"by {minDelta} for {patience} epochs after epoch {BestEpoch}";
        }
    }

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext context)
    {
        if (!restoreBest || bestWeights is null) return;
        using var noGrad = no_grad();
        foreach (var (name, tensor) in context.Model.state_dict())
            if (bestWeights.TryGetValue(name, out var saved)) tensor.copy_(saved);
    }

    private void Snapshot(nn.Module model)
    {
        Dispose();
        bestWeights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>Frees the saved copy of the best weights.</summary>
    public void Dispose()
    {
        if (bestWeights is null) return;
        foreach (var tensor in bestWeights.Values) tensor.Dispose();
        bestWeights = null;
    }
}

namespace Course.Training;

/// <summary>
/// The training loss became NaN or infinite: the weights are now garbage, so training stops at once and says
/// where it happened and what usually causes it.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a loss value seen at an epoch and batch (both 1-based).</summary>
    public TrainingDivergedException(int epoch, int batch, int batchesPerEpoch, double loss)
        : base($"Training diverged: the loss became {Describe(loss)} at epoch {epoch}, batch {batch} of {batchesPerEpoch}. " +
               "Usual causes: the learning rate is too high (try 10× smaller); inputs are not normalised " +
               "(scale them to mean 0, std 1 or to [0, 1]); exploding gradients (clip them: TrainOptions.ClipGradNorm = 1.0); " +
               "or a log/division by zero in a custom loss.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>1-based epoch at which the loss stopped being finite.</summary>
    public int Epoch { get; }

    /// <summary>1-based batch within that epoch.</summary>
    public int Batch { get; }

    /// <summary>The offending loss value (NaN or ±∞).</summary>
    public double Loss { get; }

    private static string Describe(double loss) => double.IsNaN(loss) ? "NaN" : loss > 0 ? "+∞" : "−∞";
}

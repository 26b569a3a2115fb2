namespace Course.Training;

/// <summary>
/// The training loss became NaN or infinite: the weights are now garbage, so training stops at once and says
/// where it happened and what usually causes it.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a loss value seen at an epoch and batch (both 1-based).</summary>
    public TrainingDivergedException(int epoch, int batch, int batchesPerEpoch, double loss)
        : this($"the loss became {Describe(loss)} at epoch {epoch}, batch {batch} of {batchesPerEpoch}", epoch, batch, loss)
    {
    }

    private TrainingDivergedException(string what, int epoch, int batch, double loss)
        : base($"Training diverged: {what}. {Causes}")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>1-based epoch at which the loss stopped being finite.</summary>
    public int Epoch { get; }

    /// <summary>1-based batch within that epoch; 0 when the validation loss diverged.</summary>
    public int Batch { get; }

    /// <summary>The offending loss value (NaN or ±∞); NaN when the weights diverged.</summary>
    public double Loss { get; }

    /// <summary>The step of <paramref name="batch"/> left NaN or ±∞ in the weights (first seen in <paramref name="parameter"/>).</summary>
    internal static TrainingDivergedException InWeights(int epoch, int batch, int batchesPerEpoch, string parameter) =>
        new($"the step of epoch {epoch}, batch {batch} of {batchesPerEpoch} left NaN or ∞ in the weights (first in {parameter}), " +
            "though that batch's loss was still finite", epoch, batch, double.NaN);

    /// <summary>The validation loss after <paramref name="epoch"/> is NaN or ±∞ while the training loss was finite.</summary>
    internal static TrainingDivergedException InValidation(int epoch, double loss) =>
        new($"the validation loss became {Describe(loss)} after epoch {epoch} (the training loss was still finite; " +
            "check the validation data for NaN or values far outside the training range)", epoch, 0, loss);

    private const string Causes =
        "Usual causes: the learning rate is too high (try 10× smaller); inputs are not normalised " +
        "(scale them to mean 0, std 1 or to [0, 1]); exploding gradients (clip them: add new GradientClipping(1.0) to " +
        "TrainOptions.Callbacks); or a log/division by zero in a custom loss.";

    private static string Describe(double loss) => double.IsNaN(loss) ? "NaN" : loss > 0 ? "+∞" : "−∞";
}

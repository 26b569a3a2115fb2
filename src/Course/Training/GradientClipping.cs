using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// Gradient clipping: before each optimizer step, rescales the gradients so their total L2 norm is at most
/// <paramref name="maxNorm"/> (TorchSharp's <c>clip_grad_norm_</c>). Caps the step length when gradients explode.
/// </summary>
/// <param name="maxNorm">The largest total gradient norm let through, e.g. 1.0.</param>
public sealed class GradientClipping(double maxNorm) : ITrainingCallback
{
    /// <summary>The largest total gradient norm let through.</summary>
    public double MaxNorm { get; } = maxNorm > 0 && double.IsFinite(maxNorm)
        ? maxNorm
        : throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "the clipping norm must be a positive number, e.g. 1.0");

    /// <inheritdoc />
    public void OnAfterBackward(TrainingContext context) => nn.utils.clip_grad_norm_(context.Model.parameters(), MaxNorm);
}

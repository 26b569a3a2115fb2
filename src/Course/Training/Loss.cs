using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// What the trainer minimises, and whether outputs are class scores (then accuracy is reported too).
/// Use <see cref="CrossEntropy"/> or <see cref="MeanSquaredError"/>, or make your own.
/// </summary>
/// <param name="Name">Shown in progress and tables, e.g. "cross-entropy".</param>
/// <param name="Compute">(model output, labels) → mean loss over the batch, a scalar tensor.</param>
/// <param name="IsClassification">True when outputs are logits [N, classes] and labels class indices [N].</param>
public sealed record Loss(string Name, Func<Tensor, Tensor, Tensor> Compute, bool IsClassification)
{
    /// <summary>Cross-entropy on logits and int64 class indices: classification.</summary>
    public static Loss CrossEntropy { get; } = new("cross-entropy", (output, labels) => nn.functional.cross_entropy(output, labels), true);

    /// <summary>Mean squared error on predictions and targets of the same shape: regression.</summary>
    public static Loss MeanSquaredError { get; } = new("MSE", (output, targets) => nn.functional.mse_loss(output, targets), false);

    /// <inheritdoc />
    public override string ToString() => Name;
}

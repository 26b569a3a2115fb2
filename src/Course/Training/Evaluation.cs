namespace Course.Training;

/// <summary>How a model did on a dataset: mean loss, and accuracy for classification.</summary>
/// <param name="Loss">Mean loss per example.</param>
/// <param name="Accuracy">Fraction classified correctly, or null for regression.</param>
/// <param name="Count">Examples evaluated.</param>
public sealed record Evaluation(double Loss, double? Accuracy, long Count)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"loss {Loss:F4}" + (Accuracy is { } a ? $", accuracy {a:P2}" : "") + $" on {Count:N0} examples";
}

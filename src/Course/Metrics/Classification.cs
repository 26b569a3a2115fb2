using TorchSharp;
using static TorchSharp.torch;

namespace Course.Metrics;

/// <summary>
/// Classification metrics on TorchSharp tensors. Every method takes either logits/probabilities
/// <c>[N, classes]</c> (the predicted class is the arg-max) or predicted class indices <c>[N]</c>,
/// together with true labels <c>[N]</c>.
/// </summary>
public static class Classification
{
    /// <summary>Fraction of examples whose predicted class equals the label.</summary>
    public static double Accuracy(Tensor logitsOrPredictions, Tensor labels)
    {
        var (predicted, actual) = Classes(logitsOrPredictions, labels);
        if (actual.Length == 0) throw new ArgumentException("Accuracy of zero examples is undefined: the labels tensor is empty.", nameof(labels));
        int correct = 0;
        for (int i = 0; i < actual.Length; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / actual.Length;
    }

    /// <summary>Precision, recall and F1 of one class (<paramref name="positive"/>) against all others.</summary>
    public static PrecisionRecall Binary(Tensor logitsOrPredictions, Tensor labels, int positive = 1) =>
        ConfusionMatrix.From(logitsOrPredictions, labels).ForClass(positive);

    /// <summary>Unweighted mean of per-class precision, recall and F1 (every class counts the same, however rare).</summary>
    public static PrecisionRecall Macro(Tensor logitsOrPredictions, Tensor labels) =>
        ConfusionMatrix.From(logitsOrPredictions, labels).Macro();

    /// <summary>Standard error of an accuracy <paramref name="accuracy"/> measured on <paramref name="n"/> examples: sqrt(p(1-p)/n).</summary>
    public static double StandardError(double accuracy, int n)
    {
        if (accuracy is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "An accuracy is a fraction between 0 and 1 (pass 0.99, not 99).");
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of examples must be positive.");
        return Math.Sqrt(accuracy * (1 - accuracy) / n);
    }

    /// <summary>
    /// The <paramref name="k"/> wrong predictions the model was most sure of (highest softmax probability for the
    /// wrong class), most confident first. <paramref name="logits"/> must be <c>[N, classes]</c>.
    /// </summary>
    public static IReadOnlyList<Mistake> MostConfidentlyWrong(Tensor logits, Tensor labels, int k = 10)
    {
        if (logits.dim() != 2) throw new ArgumentException($"Confident mistakes need logits of shape [N, classes]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        using var scope = NewDisposeScope();
        var probabilities = nn.functional.softmax(logits.detach().cpu().to_type(ScalarType.Float64), 1);
        var (confidence, predicted) = probabilities.max(1);
        var p = predicted.data<long>().ToArray();
        var c = confidence.data<double>().ToArray();
        var actual = Labels(labels, p.Length);
        return Enumerable.Range(0, p.Length)
            .Where(i => p[i] != actual[i])
            .OrderByDescending(i => c[i])
            .Take(k)
            .Select(i => new Mistake(i, (int)actual[i], (int)p[i], c[i]))
            .ToList();
    }

    /// <summary>Predicted and true class indices as arrays, validating shapes.</summary>
    internal static (long[] Predicted, long[] Actual) Classes(Tensor logitsOrPredictions, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var t = logitsOrPredictions.detach().cpu();
        var predicted = t.dim() switch
        {
            2 => t.argmax(1),
            1 when t.is_floating_point() => throw new ArgumentException(
                "Got a 1-D floating-point tensor: pass logits [N, classes] or predicted class indices (integers), or use PrecisionRecallCurve for scores.", nameof(logitsOrPredictions)),
            1 => t,
            _ => throw new ArgumentException($"Expected logits [N, classes] or predictions [N]; got shape [{string.Join(", ", t.shape)}].", nameof(logitsOrPredictions)),
        };
        var p = predicted.to_type(ScalarType.Int64).data<long>().ToArray();
        return (p, Labels(labels, p.Length));
    }

    private static long[] Labels(Tensor labels, long count)
    {
        if (labels.dim() != 1 || labels.shape[0] != count)
            throw new ArgumentException($"Labels must be a 1-D tensor with one label per prediction ({count}); got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        using var cpu = labels.detach().cpu().to_type(ScalarType.Int64);
        return cpu.data<long>().ToArray();
    }
}

/// <summary>Precision (of the predicted positives, how many are right), recall (of the real positives, how many were found) and their harmonic mean F1.</summary>
public sealed record PrecisionRecall(double Precision, double Recall, double F1)
{
    /// <summary>F1 from precision and recall; 0 when both are 0.</summary>
    public static PrecisionRecall Of(double precision, double recall) =>
        new(precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));

    /// <inheritdoc/>
    public override string ToString() => $"precision {Precision:0.000}, recall {Recall:0.000}, F1 {F1:0.000}";
}

/// <summary>One confidently wrong example: where it is in the data set, its label, the prediction, and the predicted probability.</summary>
public sealed record Mistake(int Index, int True, int Predicted, double Confidence)
{
    /// <inheritdoc/>
    public override string ToString() => $"#{Index}: true {True}, predicted {Predicted} ({Confidence * 100:0.0}% sure)";
}

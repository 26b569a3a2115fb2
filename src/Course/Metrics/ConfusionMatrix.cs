using System.Text;
using static TorchSharp.torch;

namespace Course.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs. Rows are true classes, columns predictions, so the diagonal
/// holds the correct answers. Labels name the classes for display.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    /// <summary>A matrix from counts <c>[true, predicted]</c> and optional class names (default "0", "1", ...).</summary>
    public ConfusionMatrix(int[,] counts, IReadOnlyList<string>? labels = null)
    {
        if (counts.GetLength(0) != counts.GetLength(1))
            throw new ArgumentException($"A confusion matrix is square; got {counts.GetLength(0)}×{counts.GetLength(1)}.", nameof(counts));
        this.counts = (int[,])counts.Clone();
        Labels = labels?.ToArray() ?? Enumerable.Range(0, Classes).Select(i => i.ToString()).ToArray();
        if (Labels.Count != Classes)
            throw new ArgumentException($"{Labels.Count} labels for {Classes} classes: give one name per class.", nameof(labels));
    }

    /// <summary>
    /// Builds the matrix from logits <c>[N, classes]</c> or predictions <c>[N]</c> and labels <c>[N]</c>.
    /// <paramref name="classes"/> defaults to the logits' width (or one more than the largest class seen);
    /// <paramref name="labelNames"/> name the classes for display.
    /// </summary>
    public static ConfusionMatrix From(Tensor logitsOrPredictions, Tensor labels, int? classes = null, IReadOnlyList<string>? labelNames = null)
    {
        var (predicted, actual) = Classification.Classes(logitsOrPredictions, labels);
        int n = classes ?? labelNames?.Count ?? (logitsOrPredictions.dim() == 2 ? (int)logitsOrPredictions.shape[1] : 0);
        return FromClasses(actual.Select(a => (int)a).ToArray(), predicted.Select(p => (int)p).ToArray(), n == 0 ? null : n, labelNames);
    }

    /// <summary>Builds the matrix from true and predicted class indices.</summary>
    public static ConfusionMatrix FromClasses(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int? classes = null, IReadOnlyList<string>? labelNames = null)
    {
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"{actual.Count} labels but {predicted.Count} predictions: they must pair up.", nameof(predicted));
        int n = classes ?? (actual.Count == 0 ? 0 : Math.Max(actual.Max(), predicted.Max()) + 1);
        var counts = new int[n, n];
        for (int i = 0; i < actual.Count; i++)
        {
            if (actual[i] < 0 || actual[i] >= n || predicted[i] < 0 || predicted[i] >= n)
                throw new ArgumentException($"Example {i} has class {actual[i]} → {predicted[i]}, outside 0..{n - 1}. Pass the right number of classes.");
            counts[actual[i], predicted[i]]++;
        }
        return new ConfusionMatrix(counts, labelNames);
    }

    /// <summary>Number of classes.</summary>
    public int Classes => counts.GetLength(0);

    /// <summary>Class names, in index order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>How many examples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>Total number of examples.</summary>
    public int Total => Enumerable.Range(0, Classes).Sum(RowTotal);

    /// <summary>Fraction on the diagonal.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Enumerable.Range(0, Classes).Sum(i => counts[i, i]) / Total;

    /// <summary>Counts as a jagged array (rows = true class), e.g. for charts.</summary>
    public int[][] ToRows() => Enumerable.Range(0, Classes).Select(r => Enumerable.Range(0, Classes).Select(c => counts[r, c]).ToArray()).ToArray();

    /// <summary>For each class, the fraction of its examples predicted correctly (its recall); NaN for a class with no examples.</summary>
    public double[] PerClassAccuracy() =>
        Enumerable.Range(0, Classes).Select(c => RowTotal(c) == 0 ? double.NaN : (double)counts[c, c] / RowTotal(c)).ToArray();

    /// <summary>Precision, recall and F1 of one class against the rest (0 where undefined).</summary>
    public PrecisionRecall ForClass(int positive)
    {
        if (positive < 0 || positive >= Classes) throw new ArgumentOutOfRangeException(nameof(positive), positive, $"Class must be in 0..{Classes - 1}.");
        int truePositives = counts[positive, positive];
        int predictedPositives = ColumnTotal(positive), actualPositives = RowTotal(positive);
        return PrecisionRecall.Of(
            predictedPositives == 0 ? 0 : (double)truePositives / predictedPositives,
            actualPositives == 0 ? 0 : (double)truePositives / actualPositives);
    }

    /// <summary>Macro average: mean of per-class precision, recall and F1.</summary>
    public PrecisionRecall Macro()
    {
        var each = Enumerable.Range(0, Classes).Select(ForClass).ToList();
        return new PrecisionRecall(each.Average(p => p.Precision), each.Average(p => p.Recall), each.Average(p => p.F1));
    }

    private int RowTotal(int row) => Enumerable.Range(0, Classes).Sum(c => counts[row, c]);
    private int ColumnTotal(int column) => Enumerable.Range(0, Classes).Sum(r => counts[r, column]);

    /// <summary>Aligned text table: rows are true classes, columns predictions.</summary>
    public override string ToString()
    {
        int width = Math.Max(Labels.Max(l => l.Length), counts.Cast<int>().DefaultIfEmpty(0).Max().ToString().Length) + 1;
        var text = new StringBuilder();
        text.Append("true\\pred".PadRight(width + 4));
        foreach (var label in Labels) text.Append(label.PadLeft(width));
        text.AppendLine();
        for (int r = 0; r < Classes; r++)
        {
            text.Append(Labels[r].PadRight(width + 4));
            for (int c = 0; c < Classes; c++) text.Append(counts[r, c].ToString().PadLeft(width));
            text.AppendLine();
        }
        return text.ToString();
    }
}

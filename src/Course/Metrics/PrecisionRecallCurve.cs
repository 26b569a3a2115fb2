using static TorchSharp.torch;

namespace Course.Metrics;

/// <summary>One threshold of a sweep: predicting "positive" when score ≥ threshold gives this precision and recall.</summary>
public sealed record PrPoint(double Threshold, double Precision, double Recall, int TruePositives, int FalsePositives)
{
    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Precision and recall of a binary decision "score ≥ threshold" over a sweep of thresholds.</summary>
public static class PrecisionRecallCurve
{
    /// <summary>
    /// Sweeps <paramref name="thresholds"/> thresholds evenly over [min score, max score], from the highest down,
    /// so recall never decreases along the returned list. <paramref name="scores"/> are one score per example
    /// (e.g. the probability of the positive class); <paramref name="labels"/> are 1/true for positives.
    /// When nothing is predicted positive, precision is reported as 1 (no false alarms), the usual convention.
    /// </summary>
    public static IReadOnlyList<PrPoint> Sweep(Tensor scores, Tensor labels, int thresholds = 101)
    {
        if (thresholds < 2) throw new ArgumentOutOfRangeException(nameof(thresholds), thresholds, "A sweep needs at least 2 thresholds.");
        if (scores.dim() != 1 || labels.dim() != 1 || scores.shape[0] != labels.shape[0])
            throw new ArgumentException($"Scores and labels must be 1-D tensors of the same length; got [{string.Join(", ", scores.shape)}] and [{string.Join(", ", labels.shape)}]. For logits [N, 2] pass softmax(logits)[:, 1].");
        double[] s;
        bool[] positive;
        using (var scope = NewDisposeScope())
        {
            s = scores.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
            positive = labels.detach().cpu().to_type(ScalarType.Float64).data<double>().Select(v => v != 0).ToArray();
        }
        int totalPositives = positive.Count(p => p);
        if (totalPositives == 0) throw new ArgumentException("The labels contain no positive example, so recall is undefined.", nameof(labels));
        double min = s.Min(), max = s.Max();
        var points = new List<PrPoint>(thresholds);
        for (int t = 0; t < thresholds; t++)
        {
            double threshold = max - (max - min) * t / (thresholds - 1);
            int tp = 0, fp = 0;
            for (int i = 0; i < s.Length; i++)
                if (s[i] >= threshold) { if (positive[i]) tp++; else fp++; }
            points.Add(new PrPoint(threshold, tp + fp == 0 ? 1 : (double)tp / (tp + fp), (double)tp / totalPositives, tp, fp));
        }
        return points;
    }
}

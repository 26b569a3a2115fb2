namespace Course.Metrics;

/// <summary>
/// Summary of repeated timings in milliseconds. The median (p50) is the typical run; p95 shows the slow tail;
/// the spread (interquartile range, and standard deviation) says how much to trust a difference between two runs.
/// </summary>
public sealed record LatencyStats(int Count, double Mean, double Median, double P5, double P95, double Min, double Max, double StdDev, double Iqr)
{
    /// <summary>Same as <see cref="Median"/>.</summary>
    public double P50 => Median;

    /// <summary>Summarises timings (milliseconds). Throws for an empty list or a negative/NaN timing.</summary>
    public static LatencyStats From(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No timings to summarise: run the code at least once.", nameof(milliseconds));
        if (sorted.Any(t => double.IsNaN(t) || t < 0)) throw new ArgumentException("Timings must be non-negative numbers (milliseconds).", nameof(milliseconds));
        Array.Sort(sorted);
        var spread = MeanStd.Of(sorted);
        return new LatencyStats(sorted.Length, spread.Mean, Percentile(sorted, 50), Percentile(sorted, 5), Percentile(sorted, 95),
            sorted[0], sorted[^1], spread.StdDev, Percentile(sorted, 75) - Percentile(sorted, 25));
    }

    /// <summary>Percentile with linear interpolation between closest ranks (the common "type 7" definition) of sorted data.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) throw new ArgumentException("Percentile of no data.", nameof(sorted));
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "Percent is between 0 and 100.");
        double rank = percent / 100 * (sorted.Count - 1);
        int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"median {Median:0.###} ms (p5 {P5:0.###}, p95 {P95:0.###}; IQR {Iqr:0.###}, sd {StdDev:0.###}; n={Count})";
}

using System.Globalization;

namespace Course.Metrics;

/// <summary>Mean and sample standard deviation of a metric over the seeds of one setting.</summary>
public sealed record MeanStd(double Mean, double StdDev, int Count)
{
    /// <summary>Mean and standard deviation of the values (deviation 0 for a single value).</summary>
    public static MeanStd Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new MeanStd(double.NaN, double.NaN, 0);
        double mean = values.Average();
        double sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new MeanStd(mean, sd, values.Count);
    }

    /// <inheritdoc/>
    public override string ToString() => Count == 0 ? "—" : Count == 1
        ? Format(Mean)
        : $"{Format(Mean)} ± {Format(StdDev)}";

    internal static string Format(double value) =>
        double.IsNaN(value) ? "—" : Math.Abs(value) >= 1000 || value == Math.Round(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}

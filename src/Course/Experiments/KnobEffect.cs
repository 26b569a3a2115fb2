using Course.Experiments;
using Course.Metrics;

namespace Course.Experiments;

/// <summary>
/// What turning one knob from one setting to another did to accuracy and to time, with each direction decided
/// against the seed-to-seed noise: "↑"/"↓" only when the change exceeds two standard errors of the difference,
/// otherwise "≈ (noise)".
/// </summary>
/// <param name="Knob">The training choice, e.g. "batch size".</param>
/// <param name="Change">From which setting to which, e.g. "32 → 256".</param>
/// <param name="AccuracyFrom">Accuracy at the first setting (mean ± sd over seeds).</param>
/// <param name="AccuracyTo">Accuracy at the second setting.</param>
/// <param name="SecondsFrom">Time at the first setting.</param>
/// <param name="SecondsTo">Time at the second setting.</param>
public sealed record KnobEffect(string Knob, string Change, MeanStd AccuracyFrom, MeanStd AccuracyTo, MeanStd SecondsFrom, MeanStd SecondsTo)
{
    /// <summary>"↑", "↓" or "≈ (noise)" for accuracy.</summary>
    public string Accuracy => Direction(AccuracyFrom, AccuracyTo);

    /// <summary>"↑", "↓" or "≈ (noise)" for time (↑ = slower).</summary>
    public string Time => Direction(SecondsFrom, SecondsTo);

    /// <summary>Accuracy change in percentage points.</summary>
    public double AccuracyPoints => 100 * (AccuracyTo.Mean - AccuracyFrom.Mean);

    /// <summary>Time of the second setting as a multiple of the first.</summary>
    public double TimeRatio => SecondsTo.Mean / SecondsFrom.Mean;

    /// <summary>
    /// Compares two settings of a sweep. <paramref name="seconds"/> names the time metric; null uses the run time the
    /// sweep measured.
    /// </summary>
    public static KnobEffect From(ResultTable table, string knob, string from, string to, string accuracy, string? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var summary = table.Summary();
        SummaryRow Row(string value) => summary.FirstOrDefault(s => s.Value == value)
            ?? throw new ArgumentException($"The {table.Parameter} table has no setting '{value}'; it has: {string.Join(", ", summary.Select(s => s.Value))}.");
        MeanStd Metric(SummaryRow row, string? name) => name is null ? row.Seconds
            : row.Metrics.TryGetValue(name, out var m) ? m
            : throw new ArgumentException($"The {table.Parameter} table has no metric '{name}'; it has: {string.Join(", ", table.MetricNames)}.");
        var (a, b) = (Row(from), Row(to));
        return new KnobEffect(knob, $"{from} → {to}", Metric(a, accuracy), Metric(b, accuracy), Metric(a, seconds), Metric(b, seconds));
    }

    /// <summary>"↑"/"↓" when the means differ by more than two standard errors of their difference, else "≈ (noise)".</summary>
    public static string Direction(MeanStd from, MeanStd to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count == 0 || to.Count == 0) throw new ArgumentException("A setting has no successful runs to compare.");
        double noise = 2 * Math.Sqrt(from.StdDev * from.StdDev / from.Count + to.StdDev * to.StdDev / to.Count);
        double change = to.Mean - from.Mean;
        return Math.Abs(change) <= noise ? "≈ (noise)" : change > 0 ? "↑" : "↓";
    }
}

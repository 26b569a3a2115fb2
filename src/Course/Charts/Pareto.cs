namespace Course.Charts;

/// <summary>Pareto fronts: the options no other option beats on every objective at once.</summary>
public static class Pareto
{
    /// <summary>
    /// The items not dominated by any other, in input order. An item is dominated when another is at least as good on
    /// every objective (higher <paramref name="maximize"/>, lower each of <paramref name="minimize"/>) and strictly
    /// better on one. Identical items do not dominate each other, so all copies of a best item stay.
    /// </summary>
    public static IReadOnlyList<T> Front<T>(IEnumerable<T> items, Func<T, double> maximize, params Func<T, double>[] minimize)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        // Turn every objective into "higher is better" so one comparison serves all.
        var scores = list.Select(item => new[] { maximize(item) }.Concat(minimize.Select(m => -m(item))).ToArray()).ToList();
        if (scores.SelectMany(s => s).Any(double.IsNaN)) throw new ArgumentException("An objective is NaN; the front is undefined. Remove failed runs first.", nameof(items));
        return list.Where((_, i) => !scores.Where((_, j) => j != i).Any(other => Dominates(other, scores[i]))).ToList();
    }

    private static bool Dominates(double[] a, double[] b) =>
        a.Zip(b).All(p => p.First >= p.Second) && a.Zip(b).Any(p => p.First > p.Second);
}

using Course.Data;

namespace Course.Training;

/// <summary>
/// Which data each evaluation scored. <see cref="Trainer.Evaluate"/> (and so validation during training and
/// <see cref="TimeBudget.Fit"/>) reports every call here; a <see cref="Watch"/> collects the calls made while it is open.
/// An exercise check uses it to verify a choice was made on validation data without touching the test set.
/// </summary>
public static class EvaluationLog
{
    private static readonly List<EvaluationWatch> Open = [];

    /// <summary>Starts collecting evaluations; dispose the result to stop.</summary>
    public static EvaluationWatch Watch()
    {
        var watch = new EvaluationWatch();
        lock (Open) Open.Add(watch);
        return watch;
    }

    internal static void Record(TensorDataset data)
    {
        lock (Open)
            foreach (var watch in Open) watch.Add(data.SplitName, data.Count);
    }

    internal static void Close(EvaluationWatch watch)
    {
        lock (Open) Open.Remove(watch);
    }
}

/// <summary>The evaluations made while this watch was open: the split each scored (null when the data has no <see cref="TensorDataset.SplitName"/>) and its size.</summary>
public sealed class EvaluationWatch : IDisposable
{
    private readonly List<(string? Split, long Count)> evaluations = [];

    internal EvaluationWatch() { }

    /// <summary>Every evaluation seen, oldest first.</summary>
    public IReadOnlyList<(string? Split, long Count)> Evaluations { get { lock (evaluations) return [.. evaluations]; } }

    /// <summary>How many evaluations scored the split named <paramref name="split"/>.</summary>
    public int CountOf(string split) { lock (evaluations) return evaluations.Count(e => e.Split == split); }

    internal void Add(string? split, long count) { lock (evaluations) evaluations.Add((split, count)); }

    /// <summary>Stops collecting.</summary>
    public void Dispose() => EvaluationLog.Close(this);
}

using Course.Metrics;

namespace Course.Experiments;

/// <summary>One run of a sweep: the parameter value, the seed, the metrics it returned, how long it took, and the error if it failed.</summary>
public sealed record RunResult(string Parameter, string Value, int Seed, IReadOnlyDictionary<string, double> Metrics, double Seconds, string? Error = null)
{
    /// <summary>True when the run threw instead of returning metrics.</summary>
    public bool Failed => Error is not null;
}

/// <summary>Aggregate of the runs of one parameter value: how many ran, how many failed, and each metric's mean ± sd over successful runs.</summary>
public sealed record SummaryRow(string Value, int Runs, int Failed, IReadOnlyDictionary<string, MeanStd> Metrics, MeanStd Seconds);

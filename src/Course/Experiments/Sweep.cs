using System.Globalization;
using Course.Hosting;
using Course.Metrics;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Experiments;

/// <summary>
/// Runs an experiment for every parameter value × seed and collects the results in a <see cref="ResultTable"/>.
/// Repeating seeds is what turns "B beat A" into "B beat A by more than the noise".
/// </summary>
public static class Sweep
{
    /// <summary>
    /// Calls <paramref name="run"/>(value, seed) for each combination, in order, timing each with the device
    /// synchronised. The run returns its metrics as a record/anonymous object with numeric properties, a
    /// <c>Dictionary&lt;string,double&gt;</c> or a single number. A run that throws is recorded with its error and
    /// the sweep continues (unless <paramref name="stopOnError"/>). Between runs the sweep stops if the cell was
    /// interrupted, throwing <see cref="SweepCancelledException"/> that carries the finished runs.
    /// </summary>
    /// <param name="values">The parameter values to try.</param>
    /// <param name="seeds">The seeds to repeat each value with.</param>
    /// <param name="run">One experiment.</param>
    /// <param name="parameter">Name of the swept parameter, for the table and charts.</param>
    /// <param name="stopOnError">Rethrow the first failure instead of recording it.</param>
    /// <param name="device">Device to synchronise around each run (default: the course device).</param>
    /// <param name="log">Where progress lines go (default: the console, i.e. the cell output).</param>
    public static ResultTable Run<TValue, TMetrics>(IEnumerable<TValue> values, IEnumerable<int> seeds, Func<TValue, int, TMetrics> run,
        string parameter = "value", bool stopOnError = false, Device? device = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var valueList = values.ToList();
        var seedList = seeds.ToList();
        if (valueList.Count == 0 || seedList.Count == 0)
            throw new ArgumentException($"Nothing to run: {valueList.Count} values × {seedList.Count} seeds. Give at least one of each.");
        log ??= Console.Out;
        device ??= TorchRuntime.Device;
        var rows = new List<RunResult>();
        int total = valueList.Count * seedList.Count;
        foreach (var value in valueList)
            foreach (var seed in seedList)
            {
                if (CellContext.Cancellation.IsCancellationRequested)
                    throw new SweepCancelledException(new ResultTable(parameter, rows), total);
                var row = RunOne(parameter, value, seed, run, stopOnError, device);
                rows.Add(row);
                log.WriteLine(row.Failed
                    ? $"[{rows.Count}/{total}] {parameter}={row.Value} seed {seed}: FAILED after {row.Seconds:0.0} s: {row.Error} (continuing)"
                    : $"[{rows.Count}/{total}] {parameter}={row.Value} seed {seed}: {string.Join(", ", row.Metrics.Select(m => $"{m.Key} {MeanStd.Format(m.Value)}"))} ({row.Seconds:0.0} s)");
            }
        return new ResultTable(parameter, rows);
    }

    private static RunResult RunOne<TValue, TMetrics>(string parameter, TValue value, int seed, Func<TValue, int, TMetrics> run, bool stopOnError, Device device)
    {
        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        TMetrics? result = default;
        Exception? error = null;
        var elapsed = Timing.Once(() =>
        {
            try { result = run(value, seed); }
            catch (Exception e) when (!stopOnError && e is not OperationCanceledException) { error = e; }
        }, device);
        if (error is not null)
            return new RunResult(parameter, text, seed, new Dictionary<string, double>(), elapsed.TotalSeconds, $"{error.GetType().Name}: {error.Message}");
        return new RunResult(parameter, text, seed, MetricValues.From(result), elapsed.TotalSeconds);
    }
}

/// <summary>The cell was interrupted during a sweep; <see cref="Partial"/> holds the runs that finished.</summary>
public sealed class SweepCancelledException(ResultTable partial, int planned)
    : OperationCanceledException($"Sweep interrupted after {partial.Rows.Count} of {planned} runs; the finished runs are in the exception's Partial table.")
{
    /// <summary>The runs finished before the interruption.</summary>
    public ResultTable Partial { get; } = partial;
}

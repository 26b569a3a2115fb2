using Course.Charts;
using Course.Models;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>Charts for sequence models that the general <see cref="Plots.Lines"/> does not cover.</summary>
public static class SequencePlots
{
    /// <summary>
    /// Each gate of a <see cref="GateTrace"/>, averaged over hidden units, against the time step; dotted lines
    /// at <paramref name="markedSteps"/> (1-based), e.g. the two marked positions of the adding problem.
    /// </summary>
    public static GenericChart Gates(GateTrace trace, IEnumerable<int>? markedSteps = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Gates.Count == 0) throw new ArgumentException("A plain RNN has no gates to draw: trace an LSTM or GRU.", nameof(trace));
        var series = trace.Gates.Keys.Select(g => Series.Steps($"{g} gate", trace.MeanOverUnits(g)));
        return Plots.Lines(series, title ?? $"{trace.Kind} gates while reading one sequence (mean over {trace.Hidden[0].Length} units)",
            "time step t", "activation", markX: markedSteps?.Select(t => (double)t));
    }
}

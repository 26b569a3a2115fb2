using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

/// <summary>The path an optimizer took over a 2-D loss surface, one (x, y) point per step.</summary>
public sealed record Trajectory(string Name, IReadOnlyList<(double X, double Y)> Points);

public static partial class Plots
{
    /// <summary>
    /// Contour plot of a loss over two parameters with optimizer paths drawn on top (start marked by a circle,
    /// end by a star). <paramref name="z"/> is indexed <c>z[yIndex][xIndex]</c>.
    /// </summary>
    public static GenericChart LossSurface(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<IReadOnlyList<double>> z,
        IEnumerable<Trajectory>? trajectories = null, string title = "Loss surface")
    {
        if (z.Count != ys.Count || z.Any(row => row.Count != xs.Count))
            throw new ArgumentException($"z must have {ys.Count} rows (one per y) of {xs.Count} values (one per x).", nameof(z));
        var charts = new List<GenericChart>
        {
            PChart.Contour<double, double, double, string>(z, Name: "loss", X: xs.ToArray(), Y: ys.ToArray())
                .WithTraceProperty("colorscale", "Viridis")
                .WithTraceProperty("contours", Obj(("coloring", "heatmap")))
                .WithTraceProperty("colorbar", Obj(("title", Obj(("text", "loss"))))),
        };
        int i = 0;
        foreach (var path in trajectories ?? [])
        {
            if (path.Points.Count == 0) continue;
            var color = Colors.Cycle[(i++ + 1) % Colors.Cycle.Length];
            var symbols = path.Points.Select((_, k) => k == 0 ? "circle" : k == path.Points.Count - 1 ? "star" : "circle-open").ToArray();
            var sizes = path.Points.Select((_, k) => k == 0 || k == path.Points.Count - 1 ? 12 : 5).ToArray();
            charts.Add(PChart.Line<double, double, string>(path.Points.Select(p => p.X), path.Points.Select(p => p.Y), ShowMarkers: true, Name: path.Name)
                .WithTraceProperty("line", Obj(("color", color), ("width", 2)))
                .WithTraceProperty("marker", Obj(("color", color), ("symbol", symbols), ("size", sizes))));
        }
        var chart = PChart.Combine(charts).Styled(title, "w₁", "w₂", width: 760, height: 600);
        chart.GetLayout().SetProperty("legend", Obj(("x", 0.0), ("y", -0.15), ("orientation", "h")));
        return chart;
    }

    /// <summary>Samples <paramref name="loss"/> on a <paramref name="resolution"/>² grid over the ranges and plots it with the paths.</summary>
    public static GenericChart LossSurface(Func<double, double, double> loss, (double Min, double Max) xRange, (double Min, double Max) yRange,
        IEnumerable<Trajectory>? trajectories = null, int resolution = 60, string title = "Loss surface")
    {
        if (resolution < 2) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Use at least 2 samples per axis.");
        double[] Grid((double Min, double Max) r) => Enumerable.Range(0, resolution).Select(k => r.Min + (r.Max - r.Min) * k / (resolution - 1)).ToArray();
        var xs = Grid(xRange);
        var ys = Grid(yRange);
        var z = ys.Select(y => (IReadOnlyList<double>)xs.Select(x => loss(x, y)).ToArray()).ToArray();
        return LossSurface(xs, ys, z, trajectories, title);
    }
}

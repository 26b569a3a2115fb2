using Course.Charts;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Optimization;

/// <summary>
/// Runs an optimizer on a function of two parameters and records where it went, for drawing on
/// <see cref="Plots.LossSurface(Func{double, double, double}, ValueTuple{double, double}, ValueTuple{double, double}, IEnumerable{Trajectory}?, int, string)"/>.
/// A run that leaves the finite world (|θ| above <c>divergeAbove</c> or NaN) stops there: that is divergence, and the path shows it.
/// </summary>
public static class Trajectories
{
    /// <summary>Path of a from-scratch <paramref name="rule"/> from <paramref name="start"/> over <paramref name="steps"/> steps (start included).</summary>
    public static Trajectory Record(string name, Func<Tensor, Tensor> loss, (double X, double Y) start, IUpdateRule rule, int steps, double divergeAbove = 1e6)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CheckSteps(steps);
        var theta = tensor(new[] { start.X, start.Y });
        var points = new List<(double, double)> { start };
        for (int k = 0; k < steps; k++)
        {
            theta = Gradients.Advance(rule, loss, theta);
            if (!Add(points, theta, divergeAbove)) break;
        }
        theta.Dispose();
        return new Trajectory(name, points);
    }

    /// <summary>Path of a <c>torch.optim</c> optimizer (made by <paramref name="optimizer"/> from the one 2-D parameter) from <paramref name="start"/>.</summary>
    public static Trajectory Record(string name, Func<Tensor, Tensor> loss, (double X, double Y) start,
        Func<IEnumerable<Parameter>, optim.Optimizer> optimizer, int steps, double divergeAbove = 1e6)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        CheckSteps(steps);
        using var theta = new Parameter(tensor(new[] { start.X, start.Y }));
        using var step = optimizer([theta]);
        var points = new List<(double, double)> { start };
        for (int k = 0; k < steps; k++)
        {
            using var scope = NewDisposeScope();
            step.zero_grad();
            loss(theta).backward();
            step.step();
            if (!Add(points, theta, divergeAbove)) break;
        }
        return new Trajectory(name, points);
    }

    /// <summary>Adds the point; false once it is no longer finite or beyond the divergence bound.</summary>
    private static bool Add(List<(double, double)> points, Tensor theta, double divergeAbove)
    {
        var xy = theta.detach().cpu().data<double>().ToArray();
        bool finite = double.IsFinite(xy[0]) && double.IsFinite(xy[1]) && Math.Abs(xy[0]) <= divergeAbove && Math.Abs(xy[1]) <= divergeAbove;
        if (finite) points.Add((xy[0], xy[1]));
        return finite;
    }

    private static void CheckSteps(int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Record at least one step.");
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Optimization;

/// <summary>How far a from-scratch rule strayed from the library optimizer, step by step.</summary>
/// <param name="Steps">Steps compared.</param>
/// <param name="MaxDifference">Largest |θ_mine − θ_torch| over all steps and parameters.</param>
/// <param name="Differences">That largest difference after each step.</param>
/// <param name="FinalMine">θ after the last step of the from-scratch rule.</param>
/// <param name="FinalTorch">θ after the last step of the library optimizer.</param>
public sealed record StepComparison(int Steps, double MaxDifference, IReadOnlyList<double> Differences, double[] FinalMine, double[] FinalTorch)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Steps} steps, largest |θ_mine − θ_torch| = {MaxDifference:E2}; final θ mine [{string.Join(", ", FinalMine.Select(v => v.ToString("G6")))}] torch [{string.Join(", ", FinalTorch.Select(v => v.ToString("G6")))}]";
}

/// <summary>
/// Runs a from-scratch <see cref="IUpdateRule"/> and a <c>torch.optim</c> optimizer side by side from the same start
/// on the same loss, and measures how far apart their parameters are after every step.
/// </summary>
public static class StepByStep
{
    /// <summary>Compares <paramref name="mine"/> with the optimizer <paramref name="library"/> builds, for <paramref name="steps"/> steps.</summary>
    /// <param name="loss">A scalar function of the parameter vector.</param>
    /// <param name="start">Starting parameters (float64 recommended, so differences measure the algorithm, not rounding).</param>
    /// <param name="mine">The rule under test (fresh state).</param>
    /// <param name="library">Makes the reference optimizer from one parameter, e.g. <c>p =&gt; optim.Adam(p, lr: 0.1)</c>.</param>
    /// <param name="steps">How many updates to compare.</param>
    public static StepComparison Compare(Func<Tensor, Tensor> loss, Tensor start, IUpdateRule mine,
        Func<IEnumerable<Parameter>, optim.Optimizer> library, int steps)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(library);
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Compare at least one step.");
        var theta = start.detach().clone();
        using var parameter = new Parameter(start.detach().clone());
        using var optimizer = library([parameter]);
        var differences = new List<double>(steps);
        for (int k = 0; k < steps; k++)
        {
            theta = Gradients.Advance(mine, loss, theta);
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                loss(parameter).backward();
                optimizer.step();
                differences.Add((theta - parameter.detach()).abs().max().ToDouble());
            }
        }
        var result = new StepComparison(steps, differences.Max(), differences, Values(theta), Values(parameter));
        theta.Dispose();
        return result;
    }

    private static double[] Values(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
}

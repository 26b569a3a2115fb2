using TorchSharp;
using static TorchSharp.torch;

namespace Course.Optimization;

/// <summary>Autograd for a function of one parameter tensor, without a model around it.</summary>
public static class Gradients
{
    /// <summary>The loss value and ∇loss at <paramref name="theta"/> (a detached copy is differentiated; the input is untouched).</summary>
    public static (double Loss, Tensor Gradient) Of(Func<Tensor, Tensor> loss, Tensor theta)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(theta);
        using var point = theta.detach().clone().requires_grad_(true);
        using var value = loss(point);
        if (value.numel() != 1) throw new ArgumentException($"The loss must return one number (a scalar tensor); it returned shape [{string.Join(", ", value.shape)}].", nameof(loss));
        value.backward();
        return (value.ToDouble(), point.grad!.detach().clone());
    }

    /// <summary>The loss at the 2-D point (x, y), as a plain number (for contour plots of <paramref name="loss"/>).</summary>
    public static double ValueAt(Func<Tensor, Tensor> loss, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(loss);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return loss(tensor(new[] { x, y })).ToDouble();
    }

    /// <summary>One step of <paramref name="rule"/> from <paramref name="theta"/>: the new parameters; <paramref name="theta"/> is disposed.</summary>
    internal static Tensor Advance(IUpdateRule rule, Func<Tensor, Tensor> loss, Tensor theta)
    {
        var (_, gradient) = Of(loss, theta);
        using (gradient)
        using (theta)
            return rule.Step(theta, gradient).detach();
    }
}

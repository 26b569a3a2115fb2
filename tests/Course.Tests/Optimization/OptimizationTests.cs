using Course.Optimization;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Optimization;

public class OptimizationTests
{
    public OptimizationTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Bowl(Tensor p) => 0.5 * (p[0].pow(2) + 25 * p[1].pow(2));

    private sealed class PlainGd(double lr) : IUpdateRule
    {
        public Tensor Step(Tensor theta, Tensor gradient) => theta - lr * gradient;
    }

    /// <summary>Gradient descent with the sign flipped: the bug the comparison must catch.</summary>
    private sealed class Ascent(double lr) : IUpdateRule
    {
        public Tensor Step(Tensor theta, Tensor gradient) => theta + lr * gradient;
    }

    [Fact]
    public void Gradient_of_a_quadratic_is_its_analytic_gradient_and_the_input_is_untouched()
    {
        var theta = tensor(new[] { 2.0, -1.0 });
        var (loss, gradient) = Gradients.Of(Bowl, theta);
        Assert.Equal(0.5 * (4 + 25), loss, 12);
        Assert.Equal([2.0, -25.0], gradient.data<double>().ToArray());
        Assert.False(theta.requires_grad);
        Assert.Equal(0.5 * (1 + 25 * 4), Gradients.ValueAt(Bowl, 1, 2), 12);
    }

    [Fact]
    public void Gradient_of_a_non_scalar_loss_is_refused_with_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Gradients.Of(p => p * 2, tensor(new[] { 1.0, 2.0 })));
        Assert.Contains("[2]", e.Message);
    }

    [Fact]
    public void A_correct_rule_matches_torch_sgd_and_a_sign_error_does_not()
    {
        var start = tensor(new[] { -4.0, 1.0 });
        var same = StepByStep.Compare(Bowl, start, new PlainGd(0.05), p => optim.SGD(p, 0.05), 20);
        Assert.Equal(20, same.Differences.Count);
        Assert.True(same.MaxDifference < 1e-12, same.ToString());
        Assert.All(same.FinalMine.Zip(same.FinalTorch), pair => Assert.Equal(pair.Second, pair.First, 12));

        var wrong = StepByStep.Compare(Bowl, start, new Ascent(0.05), p => optim.SGD(p, 0.05), 20);
        Assert.True(wrong.MaxDifference > 1, wrong.ToString());
        Assert.Equal(-4.0, start.data<double>()[0]);
    }

    [Fact]
    public void Trajectory_of_torch_sgd_follows_the_analytic_gd_path()
    {
        var path = Trajectories.Record("gd", Bowl, (-4, 1), p => optim.SGD(p, 0.01), 5);
        Assert.Equal("gd", path.Name);
        Assert.Equal(6, path.Points.Count);
        double x = -4, y = 1;
        for (int k = 1; k <= 5; k++)
        {
            (x, y) = (x - 0.01 * x, y - 0.01 * 25 * y);
            Assert.Equal(x, path.Points[k].X, 12);
            Assert.Equal(y, path.Points[k].Y, 12);
        }
    }

    [Fact]
    public void A_diverging_run_stops_where_it_leaves_the_bound()
    {
        // η = 0.1 > 2/25: the steep coordinate is multiplied by −1.5 every step.
        var path = Trajectories.Record("too large", Bowl, (0, 1), new PlainGd(0.1), 100, divergeAbove: 1000);
        Assert.True(path.Points.Count < 101);
        Assert.All(path.Points, p => Assert.True(Math.Abs(p.Y) <= 1000));
        Assert.Equal(-1.5, path.Points[1].Y, 12);
    }

    [Fact]
    public void Steps_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Trajectories.Record("x", Bowl, (0, 0), new PlainGd(0.1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StepByStep.Compare(Bowl, tensor(new[] { 0.0, 0.0 }), new PlainGd(0.1), p => optim.SGD(p, 0.1), 0));
    }
}

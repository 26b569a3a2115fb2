using Course.Data;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class SyntheticTests
{
    public SyntheticTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Line_has_slope_intercept_and_the_requested_noise()
    {
        using var data = Synthetic.Line(20_000, noiseStd: 0.5, seed: 1);
        Assert.Equal([20_000L, 1], data.Features.shape);
        Assert.Equal([20_000L, 1], data.Labels.shape);
        using var residual = data.Labels - (data.Features * 2 + 1);
        Assert.InRange(residual.std().ToDouble(), 0.49, 0.51);
        Assert.InRange(residual.mean().ToDouble(), -0.01, 0.01);
        Assert.InRange(data.Features.min().ToDouble(), -1, -0.99);
        Assert.InRange(data.Features.max().ToDouble(), 0.99, 1);
    }

    [Fact]
    public void Adding_problem_marks_one_step_per_half_and_predicting_one_scores_a_sixth()
    {
        const int n = 20_000, length = 30;
        using var data = Synthetic.AddingProblem(n, length, seed: 2);
        Assert.Equal([(long)n, length, 2], data.Features.shape);
        Assert.Equal([(long)n, 1], data.Labels.shape);
        using var markers = data.Features.select(2, 1);
        Assert.True(markers.narrow(1, 0, length / 2).sum(1).eq(1).all().ToBoolean());
        Assert.True(markers.narrow(1, length / 2, length - length / 2).sum(1).eq(1).all().ToBoolean());
        using var sum = (data.Features.select(2, 0) * markers).sum(1, keepdim: true);
        Assert.True(sum.allclose(data.Labels));
        using var baseline = nn.functional.mse_loss(ones_like(data.Labels), data.Labels);
        Assert.InRange(baseline.ToDouble(), 0.167 - 0.006, 0.167 + 0.006);
    }

    [Fact]
    public void Sine_windows_continue_the_wave()
    {
        const double period = 25;
        using var data = Synthetic.SineWindows(500, window: 10, period: period, seed: 3);
        Assert.Equal([500L, 10, 1], data.Features.shape);
        Assert.Equal([500L, 1], data.Labels.shape);
        // sin(a + d) = 2 cos(d) sin(a) − sin(a − d): the next value follows from the last two exactly.
        using var last = data.Features.select(1, 9);
        using var before = data.Features.select(1, 8);
        using var predicted = last * (2 * Math.Cos(2 * Math.PI / period)) - before;
        Assert.True(predicted.allclose(data.Labels, atol: 1e-5));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data()
    {
        using var a = Synthetic.AddingProblem(100, 10, seed: 9);
        using var b = Synthetic.AddingProblem(100, 10, seed: 9);
        using var c = Synthetic.AddingProblem(100, 10, seed: 10);
        Assert.True(a.Features.eq(b.Features).all().ToBoolean());
        Assert.False(a.Features.eq(c.Features).all().ToBoolean());
    }
}

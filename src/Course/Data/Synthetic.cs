using Course.Platform;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Data;

/// <summary>
/// Small generated datasets whose right answer is known, so a model's result can be checked against it:
/// a noisy line, the adding problem, and sine-wave forecasting. All are float32 and repeat for a seed.
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// y = slope·x + intercept + noise, x uniform in [−1, 1], noise normal with standard deviation
    /// <paramref name="noiseStd"/>. No model can get a test MSE below noiseStd² (articles 000 and 003 claim otherwise).
    /// </summary>
    /// <returns>Features x [N, 1], targets y [N, 1].</returns>
    public static TensorDataset Line(int count, double noiseStd = 1.0, double slope = 2.0, double intercept = 1.0, long? seed = null)
    {
        Check(count, nameof(count));
        if (noiseStd < 0) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "a standard deviation cannot be negative");
        using var generator = NewGenerator(seed);
        using var scope = NewDisposeScope();
        var x = rand(count, 1, generator: generator) * 2 - 1;
        var y = x * slope + intercept + randn(count, 1, generator: generator) * noiseStd;
        return Detach(x, y);
    }

    /// <summary>
    /// The adding problem (Hochreiter and Schmidhuber, 1997): each step carries a random value in [0, 1) and a
    /// marker; exactly two steps are marked, one in each half of the sequence; the target is the sum of the two
    /// marked values. Predicting the mean (1.0) scores MSE 1/6 ≈ 0.167, the bar a recurrent net must beat, and
    /// the longer the sequence the harder a plain RNN finds it.
    /// </summary>
    /// <returns>Features [N, T, 2] (value, marker), targets [N, 1].</returns>
    public static TensorDataset AddingProblem(int count, int length, long? seed = null)
    {
        Check(count, nameof(count));
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "needs at least 2 time steps (one per half)");
        using var generator = NewGenerator(seed);
        using var scope = NewDisposeScope();
        int half = length / 2;
        var values = rand(count, length, generator: generator);
        var first = randint(0, half, [count, 1], generator: generator);
        var second = randint(half, length, [count, 1], generator: generator);
        using var one = ones(count, 1);
        var markers = zeros(count, length).scatter_(1, first, one).scatter_(1, second, one);
        var target = (values * markers).sum(1, keepdim: true);
        return Detach(stack([values, markers], 2), target);
    }

    /// <summary>
    /// Sine-wave forecasting: windows of <paramref name="window"/> consecutive samples of sin(2πt/period + φ)
    /// with a random phase φ per example (plus optional noise), and the next value as the target.
    /// </summary>
    /// <returns>Features [N, window, 1], targets [N, 1].</returns>
    public static TensorDataset SineWindows(int count, int window = 20, double period = 25, double noiseStd = 0.0, long? seed = null)
    {
        Check(count, nameof(count));
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "a window needs at least one step");
        if (period <= 0) throw new ArgumentOutOfRangeException(nameof(period), period, "the period must be positive, e.g. 25 steps");
        using var generator = NewGenerator(seed);
        using var scope = NewDisposeScope();
        var phase = rand(count, 1, generator: generator, dtype: ScalarType.Float64) * (2 * Math.PI);
        var steps = arange(window + 1, dtype: ScalarType.Float64).unsqueeze(0) * (2 * Math.PI / period);
        var series = (steps + phase).sin().to_type(ScalarType.Float32);
        if (noiseStd > 0) series += randn(series.shape, generator: generator) * noiseStd;
        var x = series.narrow(1, 0, window).unsqueeze(2);
        var y = series.narrow(1, window, 1).contiguous();
        return Detach(x.contiguous(), y);
    }

    private static Generator NewGenerator(long? seed)
    {
        TorchRuntime.EnsureLoaded();
        return new Generator((ulong)(seed ?? Seeds.Next()));
    }

    private static TensorDataset Detach(Tensor features, Tensor labels) =>
        new(features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());

    private static void Check(int count, string name)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(name, count, "needs at least one example");
    }
}

using Course.Data;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Tradeoffs;

[Collection(TorchCollection.Name)]
public sealed class TrainingProbesTests
{
    public TrainingProbesTests() => TorchRuntime.EnsureLoaded();

    // Three separable classes in 8 dimensions: learnable in a few steps, so the probes see a falling loss.
    private static TensorDataset Blobs(int count, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var labels = randint(0, 3, [count], generator: generator, dtype: int64);
        var centres = eye(3, 8) * 3;
        var features = centres.index_select(0, labels) + randn([count, 8], generator: generator);
        return new TensorDataset(features, labels);
    }

    private static nn.Module<Tensor, Tensor> Net() => nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3));

    [Fact]
    public void The_range_test_raises_the_rate_by_a_constant_factor_and_stops_when_the_loss_explodes()
    {
        using var data = Blobs(2000, 1);
        var result = LearningRateRangeTest.Run(Net(), data, p => optim.SGD(p, 1), minLearningRate: 1e-4, maxLearningRate: 1e4, batchSize: 10, seed: 1);
        int pass = 200;
        Assert.Equal(1e-4, result.LearningRates[0], 12);
        double factor = Math.Pow(1e8, 1.0 / (pass - 1));
        for (int i = 1; i < result.LearningRates.Count; i++) Assert.Equal(factor, result.LearningRates[i] / result.LearningRates[i - 1], 6);
        Assert.True(result.Losses.Count < pass, $"a rate of 10⁴ explodes the loss long before the pass ends; ran {result.Losses.Count} steps");
        Assert.True(result.Losses[^1] > 4 * result.Losses.Min() || !double.IsFinite(result.Losses[^1]));
        Assert.True(result.MinimumLossRate is > 1e-3 and < 1e3, $"the loss is lowest at a usable rate, got {result.MinimumLossRate}");
        Assert.Equal(result.MinimumLossRate / 10, result.Suggested, 12);
        Assert.Equal(result.Losses.Count, result.LearningRates.Count);
    }

    [Fact]
    public void The_range_test_refuses_a_rate_range_or_data_it_cannot_use()
    {
        using var data = Blobs(20, 1);
        Assert.Throws<ArgumentException>(() => LearningRateRangeTest.Run(Net(), data, p => optim.SGD(p, 1), minLearningRate: 1, maxLearningRate: 0.1));
        var tooSmall = Assert.Throws<ArgumentException>(() => LearningRateRangeTest.Run(Net(), data, p => optim.SGD(p, 1), batchSize: 64));
        Assert.Contains("smaller batch", tooSmall.Message);
    }

    [Fact]
    public void A_time_budget_stops_inside_an_epoch_and_a_longer_budget_trains_more()
    {
        using var data = Blobs(20_000, 2);
        using var validation = Blobs(500, 3);
        var options = new TrainOptions { BatchSize = 32, Optimizer = p => optim.SGD(p, 0.05), Seed = 1 };
        var shortRun = TimeBudget.Fit(Net(), data, validation, options, 0.05);
        // A whole second: even a machine busy enough to give this test a tenth of a core leaves it hundreds of steps.
        var longRun = TimeBudget.Fit(Net(), data, validation, options, 1.0);
        Assert.True(shortRun.Seconds >= 0.05 && shortRun.Steps >= 1);
        Assert.True(shortRun.Steps < 625, "0.05 s is far less than one epoch of 625 steps, so the run stopped inside the epoch");
        Assert.True(longRun.Steps > shortRun.Steps);
        Assert.Equal((long)longRun.Steps * 32, longRun.Samples); // 20 000 = 625 full batches: no short batch
        Assert.Equal(500, longRun.Validation.Count);
        Assert.True(longRun.Validation.Accuracy > 0.8, $"the model learned the blobs: {longRun.Validation.Accuracy}");
    }

    [Fact]
    public void A_time_budget_must_be_positive()
    {
        using var data = Blobs(100, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeBudget.Fit(Net(), data, data, new TrainOptions(), 0));
    }
}

using Course.Data;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class PrequentialTests
{
    public PrequentialTests() => TorchRuntime.EnsureLoaded();

    // Two classes told apart by the sign of the first feature.
    private static TensorDataset SignStream(int count, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var x = randn([count, 2], generator: generator);
        return new TensorDataset(x, x.select(1, 0).gt(0).to_type(ScalarType.Int64));
    }

    // A linear model that answers "class 1" exactly when the first feature is positive (or, flipped, when it is negative).
    private static nn.Module<Tensor, Tensor> Perfect(bool flipped = false)
    {
        var model = nn.Linear(2, 2);
        using var noGrad = no_grad();
        float s = flipped ? -1 : 1;
        model.weight!.copy_(tensor(new float[,] { { -s, 0 }, { s, 0 } }));
        model.bias!.zero_();
        return model;
    }

    [Fact]
    public void Batches_cut_the_stream_in_order_with_a_short_last_batch()
    {
        using var data = SignStream(10, seed: 1);
        var batches = Prequential.Batches(data, 4);
        Assert.Equal([4L, 4, 2], batches.Select(b => b.Count));
        Assert.True(cat(batches.Select(b => b.Features).ToList(), 0).equal(data.Features).all().ToBoolean());
        Assert.Throws<ArgumentOutOfRangeException>(() => Prequential.Batches(data, 0));
    }

    [Fact]
    public void Each_batch_is_scored_before_the_learner_sees_it()
    {
        using var data = SignStream(60, seed: 2);
        var stream = Prequential.Batches(data, 20);
        var current = Perfect(flipped: true);     // wrong on everything
        var calls = new List<int>();
        var run = Prequential.Run(stream, () => current, i =>
        {
            calls.Add(i);
            current = Perfect();                  // after batch 0 the learner "knows" the rule
            return 20;
        });
        Assert.Equal([0, 1, 2], calls);
        Assert.Equal([0.0, 1.0, 1.0], run.Accuracy);
        Assert.Equal(60, run.TotalExamplesTrained);
        Assert.True(run.LearnSeconds.All(s => s >= 0));
        Assert.Equal(2.0 / 3, run.MeanAccuracy(0, 3), 12);
        Assert.Equal([0.0, 0.5, 1.0], run.Smoothed(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.MeanAccuracy(2, 2));
    }

    [Fact]
    public void Online_updates_learn_the_stream_and_recover_when_its_meaning_flips()
    {
        using var data = SignStream(3_200, seed: 3);
        // From batch 50 on the labels mean the opposite: an abrupt concept drift.
        data.Labels.narrow(0, 1_600, 1_600).neg_().add_(1);
        var stream = Prequential.Batches(data, 32);
        Seeds.Set(3);
        var model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2));
        var run = Prequential.Run(stream, () => model, i => Prequential.Update(model, stream[i], learningRate: 0.2));
        double start = run.MeanAccuracy(0, 5), beforeDrift = run.MeanAccuracy(40, 50), afterDrift = run.MeanAccuracy(50, 53), end = run.MeanAccuracy(90, 100);
        Assert.True(beforeDrift > start + 0.2 && beforeDrift > 0.9, $"learns: {start:P0} at the start, {beforeDrift:P0} before the drift");
        Assert.True(afterDrift < 0.5, $"the drift hurts: {afterDrift:P0} right after it");
        Assert.True(end > 0.9, $"recovers: {end:P0} at the end");
        Assert.Equal(3_200, run.TotalExamplesTrained);
    }

    [Fact]
    public void An_empty_stream_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Prequential.Run([], () => Perfect(), _ => 0));
        Assert.Contains("no batches", error.Message);
    }
}

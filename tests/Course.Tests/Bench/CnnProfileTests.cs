using Course.Bench;
using Course.Data;
using Course.Measuring;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Bench;

// The profile's stages are MnistCnn's forward written out; these tests keep them honest when the model changes. No
// time is asserted: speed is measured in bench/run.sh, never in tests.
[Collection(TorchCollection.Name)]
public sealed class CnnProfileTests
{
    public CnnProfileTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Every_variant_computes_what_the_model_computes_and_times_every_part(bool channelsLast, bool poolFirst)
    {
        manual_seed(5);
        using var model = new MnistCnn();
        // The constructor compares the stages' output with model.call and throws when they differ.
        var profile = new CnnProfile(model, channelsLast, poolFirst);
        using var data = new TensorDataset(rand(96, 1, 28, 28), randint(0, 10, [96]));
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var before = model.parameters().First().detach().clone();
        var parts = profile.Run(data, batchSize: 32, batches: 4, seed: 1, optimizer);

        Assert.Contains(parts, p => p.Name.StartsWith("data"));
        Assert.Contains(parts, p => p.Name.StartsWith("optimizer step"));
        Assert.All(parts, p => Assert.True(p.ForwardMs >= 0 && p.BackwardMs >= 0, p.Name));
        var flops = Flops.Count(model, 1, 28, 28).Layers.ToDictionary(l => l.Name, l => l.Flops);
        foreach (string layer in new[] { "conv1", "conv2", "fc1", "fc2" })
        {
            var part = Assert.Single(parts, p => p.Name == layer);
            Assert.Equal(flops[layer], part.ForwardFlopsPerImage);
            Assert.True(part.BackwardMs > 0, $"{layer} had no backward pass");
        }
        // The steps trained: the weights moved.
        Assert.False(before.allclose(model.parameters().First()));
    }

    [Fact]
    public void A_model_the_stages_do_not_describe_is_refused()
    {
        using var withBatchNorm = new MnistCnn(batchNorm: true);
        // In training mode batch norm normalises by the batch's statistics, which the stages leave out.
        var e = Assert.Throws<InvalidOperationException>(() => new CnnProfile(withBatchNorm));
        Assert.Contains("update CnnProfile", e.Message);
    }

    [Fact]
    public void Training_flops_per_image_come_from_the_layer_shapes()
    {
        using var model = new MnistCnn();
        Assert.Equal(3 * Flops.Count(model, 1, 28, 28).Total, CnnLimit.TrainingFlopsPerImage());
        Assert.Equal(100.0, CnnLimit.Gflops(200_000_000_000, 2_000));
        var samples = CnnLimit.SgemmMs(64, 3);
        Assert.Equal(3, samples.Count);
        Assert.All(samples, ms => Assert.True(ms > 0));
    }
}

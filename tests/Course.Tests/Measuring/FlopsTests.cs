using Course.Measuring;
using Course.Models;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Measuring;

public class FlopsTests
{
    public FlopsTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Formulas_count_a_multiply_add_as_two_operations()
    {
        Assert.Equal(2 * 784 * 128, Flops.Linear(784, 128));
        // 32 outputs per pixel on a 28×28 map, each a dot product of 1·3·3 weights.
        Assert.Equal(2L * 9 * 32 * 28 * 28, Flops.Conv2d(1, 32, 3, 3, 28, 28));
        // Grouped convolution: each output sees only in/groups channels.
        Assert.Equal(2L * (8 / 4) * 9 * 16 * 5 * 5, Flops.Conv2d(8, 16, 3, 3, 5, 5, groups: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Flops.Linear(0, 10));
        Assert.Throws<ArgumentException>(() => Flops.Conv2d(6, 8, 3, 3, 5, 5, groups: 4));
    }

    [Fact]
    public void Seed_cnn_layers_are_found_with_their_real_shapes()
    {
        using var cnn = new MnistCnn();
        var report = Flops.Count(cnn, 1, 28, 28);
        Assert.Equal(["conv1", "conv2", "fc1", "fc2"], report.Layers.Select(l => l.Name));
        Assert.Equal([1L, 28, 28], report.Layers[0].InputShape);
        Assert.Equal([64L, 14, 14], report.Layers[1].OutputShape);
        Assert.Equal([3136L], report.Layers[2].InputShape);
        long expected = Flops.Conv2d(1, 32, 3, 3, 28, 28) + Flops.Conv2d(32, 64, 3, 3, 14, 14) + Flops.Linear(3136, 128) + Flops.Linear(128, 10);
        Assert.Equal(expected, report.Total);
        Assert.Equal(ModelInfo.Parameters(cnn), report.Layers.Sum(l => l.Parameters));
        Assert.Contains("conv2", report.ToString());
    }

    [Fact]
    public void A_training_step_counts_three_forward_passes()
    {
        using var cnn = new MnistCnn();
        var report = Flops.Count(cnn, 1, 28, 28);
        // By hand: conv1 9·32·28·28, conv2 32·9·64·14·14, fc1 3136·128, fc2 128·10 multiply-adds per image.
        const long multiplyAdds = 9L * 32 * 784 + 32L * 9 * 64 * 196 + 3136L * 128 + 128L * 10;
        Assert.Equal(4_241_152, multiplyAdds);
        Assert.Equal(2 * multiplyAdds, report.Total);
        Assert.Equal(3 * 2 * multiplyAdds, report.TrainingTotal);
    }

    [Fact]
    public void Counting_leaves_the_model_as_it_was_and_removes_its_hooks()
    {
        using var mlp = new MnistMlp();
        mlp.train();
        var first = Flops.Count(mlp, 1, 28, 28);
        Assert.True(mlp.training);
        Assert.Equal(2 * (784 * 128 + 128 * 10), first.Total);
        // A second count sees each layer once: the first count's hooks are gone.
        Assert.Equal(first.Layers.Count, Flops.Count(mlp, 1, 28, 28).Layers.Count);
        using var output = mlp.call(zeros(3, 1, 28, 28));
        Assert.Equal([3L, 10], output.shape);
    }

    [Fact]
    public void A_dense_layer_over_a_sequence_counts_every_position()
    {
        using var layer = nn.Linear(8, 4);
        var report = Flops.Count(layer, 5, 8);
        Assert.Equal(5 * Flops.Linear(8, 4), report.Total);
    }

    [Fact]
    public void Bad_input_says_what_to_pass()
    {
        using var mlp = new MnistMlp();
        var e = Assert.Throws<ArgumentException>(() => Flops.Count(mlp));
        Assert.Contains("without the batch dimension", e.Message);
        using var relu = nn.ReLU();
        Assert.Contains("No Conv2d or Linear", Assert.Throws<ArgumentException>(() => Flops.Count(relu, 4)).Message);
    }
}

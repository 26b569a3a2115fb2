using Course.Compression;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Compression;

[Collection(TorchCollection.Name)]
public sealed class PruningTests
{
    public PruningTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Magnitude_mask_zeroes_exactly_the_smallest_weights()
    {
        using var w = tensor(new float[] { 0.5f, -0.1f, 2f, -3f, 0.05f, 1f }).reshape(2, 3);
        using var mask = Pruning.MagnitudeMask(w, 0.5);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 1 }, mask.data<float>().ToArray());
        Assert.Equal(0.5, Pruning.Sparsity(mask));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Magnitude_mask_rejects_a_sparsity_outside_0_to_1(double sparsity)
    {
        using var w = ones(4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Pruning.MagnitudeMask(w, sparsity));
        Assert.Contains("between 0 and 1", e.Message);
    }

    [Fact]
    public void Pruned_weights_stay_zero_when_the_masks_are_reapplied_after_an_update()
    {
        manual_seed(1);
        using var model = new MnistMlp(hidden: 32, dropout: 0);
        using var masks = Pruning.Magnitude(model, 0.75);
        Assert.Equal(0.75, masks.Sparsity, 3);
        var weight = model.named_parameters().First(p => p.name == "hidden.weight").parameter;
        Assert.Equal(0.75, Pruning.Sparsity(weight), 3);
        using (no_grad()) weight.add_(1);            // an optimizer step would revive pruned weights...
        Assert.True(Pruning.Sparsity(weight) < 0.01);
        masks.Apply();                               // ...the callback puts them back to zero
        Assert.Equal(0.75, Pruning.Sparsity(weight), 3);
    }

    [Fact]
    public void Keeping_all_neurons_reproduces_the_model_and_keeping_fewer_shrinks_it()
    {
        manual_seed(2);
        using var model = new MnistMlp(hidden: 16, dropout: 0);
        model.eval();
        using var x = randn(5, 1, 28, 28);
        using var same = Pruning.KeepNeurons(model, 16);
        using var expected = model.call(x);
        using var got = same.call(x);
        Assert.True(got.allclose(expected, rtol: 1e-5, atol: 1e-5));

        using var small = Pruning.KeepNeurons(model, 4);
        Assert.Equal(784 * 4 + 4 + 4 * 10 + 10, ModelInfo.Parameters(small));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pruning.KeepNeurons(model, 17));
    }

    [Fact]
    public void Removing_a_dead_neuron_changes_nothing()
    {
        manual_seed(3);
        using var model = new MnistMlp(hidden: 3, dropout: 0);
        model.eval();
        var weight = model.named_parameters().First(p => p.name == "hidden.weight").parameter;
        using (no_grad()) weight[1].zero_();          // neuron 1 has the smallest L1 norm: 0
        using var small = Pruning.KeepNeurons(model, 2);
        using var x = rand(4, 1, 28, 28);
        using var bias = model.named_parameters().First(p => p.name == "hidden.bias").parameter;
        using (no_grad()) bias[1].fill_(-1);          // and it never fires (ReLU of −1)
        using var expected = model.call(x);
        using var got = small.call(x);
        Assert.True(got.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }
}

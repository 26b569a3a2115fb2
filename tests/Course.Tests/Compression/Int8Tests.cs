using Course.Compression;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Compression;

[Collection(TorchCollection.Name)]
public sealed class Int8Tests
{
    public Int8Tests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Per_tensor_quantization_maps_the_largest_weight_to_127()
    {
        using var w = tensor(new float[] { 0.5f, -1.27f, 0.01f, 0.004f });
        using var q = Int8.PerTensor(w);
        Assert.Equal(ScalarType.Int8, q.Codes.dtype);
        Assert.Equal(new sbyte[] { 50, -127, 1, 0 }, q.Codes.data<sbyte>().ToArray());
        Assert.Equal(0.01, q.Scales.ToDouble(), 6);
        Assert.Equal(4 + 4, q.Bytes);
        using var back = q.Dequantize();
        Assert.True((back - w).abs().max().ToDouble() <= 0.005 + 1e-7);   // at most half a step
    }

    [Fact]
    public void Per_channel_scales_follow_each_row_so_a_small_row_keeps_its_precision()
    {
        using var w = tensor(new float[,] { { 100f, 1f }, { 0.02f, -0.01f } });
        using var perTensor = Int8.PerTensor(w);
        using var perChannel = Int8.PerChannel(w);
        Assert.Equal([2L], perChannel.Scales.shape);
        using var coarse = perTensor.Dequantize();
        using var fine = perChannel.Dequantize();
        Assert.Equal(0f, coarse[1, 0].ToSingle());                  // the small row is rounded away with one scale
        Assert.Equal(0.02f, fine[1, 0].ToSingle(), 4);               // and survives with its own
        Assert.Equal(4 + 2 * 4, perChannel.Bytes);
    }

    [Fact]
    public void Quantizing_a_model_stores_weights_in_a_quarter_of_the_bytes()
    {
        manual_seed(1);
        using var model = new MnistMlp(hidden: 64, dropout: 0);
        var summary = Int8.QuantizeWeights(model, perChannel: true);
        long weights = 784 * 64 + 64 * 10, biases = 64 + 10;
        Assert.Equal(4 * (weights + biases), summary.Float32Bytes);
        Assert.Equal(weights + 4 * (64 + 10) + 4 * biases, summary.Int8Bytes);
        Assert.Equal(2, summary.QuantizedLayers);
        var w = model.named_parameters().First(p => p.name == "hidden.weight").parameter;
        using var row = w[0];
        using var steps = row / (row.abs().max() / 127);
        Assert.True((steps - steps.round()).abs().max().ToDouble() < 1e-3);  // every weight sits on its int8 grid
    }

    [Fact]
    public void Calibrated_activation_quantization_changes_outputs_only_a_little_and_is_removable()
    {
        manual_seed(4);
        using var model = new MnistMlp(hidden: 32, dropout: 0);
        model.eval();
        using var x = rand(8, 1, 28, 28);
        using var exact = model.call(x);
        using (var quantizer = new ActivationQuantizer(model))
        {
            quantizer.Calibrate(model, [x]);
            Assert.Equal(1.0, quantizer.Ranges["hidden"], 2);   // max pixel of rand is just below 1
            using var approx = model.call(x);
            Assert.False(approx.allclose(exact, 0, 0));
            Assert.True((approx - exact).abs().max().ToDouble() < 0.05);
        }
        using var again = model.call(x);
        Assert.True(again.allclose(exact, 0, 0));
    }

    [Fact]
    public void Fake_quantization_clips_beyond_the_range()
    {
        using var x = tensor(new float[] { 3f, -3f, 0.26f });
        using var q = Int8.FakeQuantize(x, Int8.Scale(1.27));
        Assert.Equal(new float[] { 1.27f, -1.27f, 0.26f }, q.data<float>().ToArray().Select(v => MathF.Round(v, 4)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Int8.Scale(-1));
    }
}

using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class ModelTests
{
    public ModelTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void MnistCnn_maps_images_to_ten_logits_with_the_hand_counted_parameters()
    {
        using var model = new MnistCnn();
        using var x = randn(3, 1, 28, 28);
        using var y = model.call(x);
        Assert.Equal([3L, 10], y.shape);
        const long conv1 = 32 * 1 * 3 * 3 + 32;      // 320
        const long conv2 = 64 * 32 * 3 * 3 + 64;     // 18,496
        const long fc1 = 64 * 7 * 7 * 128 + 128;     // 401,536
        const long fc2 = 128 * 10 + 10;              // 1,290
        Assert.Equal(conv1 + conv2 + fc1 + fc2, ModelInfo.Parameters(model));
        Assert.Equal(421_642, ModelInfo.Parameters(model));
        Assert.Equal(4 * 421_642, ModelInfo.SizeInBytes(model));
    }

    [Fact]
    public void MnistCnn_batch_norm_adds_scale_and_shift_per_channel_and_statistics_as_buffers()
    {
        using var model = new MnistCnn(batchNorm: true, dropout: 0.5);
        Assert.Equal(421_642 + 2 * (32 + 64), ModelInfo.Parameters(model));
        // Running mean and variance (float32) per channel, plus one int64 batch counter per layer.
        Assert.Equal(4 * (421_642 + 2 * 96) + 4 * 2 * 96 + 8 * 2, ModelInfo.SizeInBytes(model));
        using var y = model.call(randn(2, 1, 28, 28));
        Assert.Equal([2L, 10], y.shape);
    }

    [Fact]
    public void MnistMlp_counts_its_parameters_and_width_is_configurable()
    {
        using var model = new MnistMlp();
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, ModelInfo.Parameters(model));
        using var wide = new MnistMlp(hidden: 512, dropout: 0);
        Assert.Equal(784 * 512 + 512 + 512 * 10 + 10, ModelInfo.Parameters(wide));
        using var y = wide.call(randn(4, 1, 28, 28));
        Assert.Equal([4L, 10], y.shape);
    }

    [Theory]
    [InlineData(RecurrentKind.Rnn, 1)]
    [InlineData(RecurrentKind.Lstm, 2)]
    [InlineData(RecurrentKind.Gru, 2)]
    public void Sequence_models_give_the_same_answer_fused_and_step_by_step(RecurrentKind kind, int layers)
    {
        using var model = new SequenceClassifier(inputSize: 3, hiddenSize: 8, classes: 5, kind, layers);
        using var x = randn(4, 6, 3);
        using var fused = model.call(x);
        Assert.Equal([4L, 5], fused.shape);
        model.RecordHiddenStates = true;
        using var stepped = model.call(x);
        Assert.True(fused.allclose(stepped, atol: 1e-5));
        Assert.Equal(6, model.HiddenStates.Count);

        stepped.sum().backward();
        Assert.All(model.HiddenStates, h => Assert.NotNull(h.grad));
        Assert.True(model.HiddenStates[0].grad!.abs().sum().ToDouble() > 0, "no gradient reached the first step");
        model.ClearHiddenStates();
    }

    [Fact]
    public void Sequence_regressor_predicts_one_number_per_sequence_by_default()
    {
        using var model = new SequenceRegressor(inputSize: 2, hiddenSize: 16, kind: RecurrentKind.Gru);
        using var y = model.call(randn(7, 12, 2));
        Assert.Equal([7L, 1], y.shape);
        // GRU: 3 gates × (input weights + hidden weights + 2 biases); head 16 → 1.
        Assert.Equal(3 * (16 * 2 + 16 * 16 + 2 * 16) + 16 + 1, ModelInfo.Parameters(model));
    }

    [Fact]
    public void A_sequence_model_rejects_images_with_a_clear_message()
    {
        using var model = new SequenceClassifier(28, 8, 10);
        var e = Assert.Throws<ArgumentException>(() => model.call(randn(2, 1, 28, 28)));
        Assert.Contains("[N, T, features]", e.Message);
    }
}

using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class MixedPrecisionTests
{
    public MixedPrecisionTests() => TorchRuntime.EnsureLoaded();

    private sealed class Probe(Action<TrainingContext> onBatch) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context) => onBatch(context);
    }

    private static History Train(nn.Module<Tensor, Tensor> model, TensorDataset train, TensorDataset? validation, ScalarType precision, params ITrainingCallback[] callbacks) =>
        Trainer.Fit(model, train, validation, new TrainOptions
        {
            Quiet = true, Epochs = 2, BatchSize = 50, Seed = 3, Precision = precision, Callbacks = callbacks,
        });

    [Fact]
    public void Bfloat16_with_float32_masters_learns_like_float32_and_hands_back_a_float32_model()
    {
        var (all, allTest) = Mnist.Load();
        using var _ = all; using var __ = allTest;
        using var train = all.Take(1_500);
        using var test = allTest.Take(500);
        Seeds.Set(3);
        using var reference = new MnistCnn();
        Train(reference, train, null, ScalarType.Float32);
        double float32Accuracy = Trainer.Evaluate(reference, test).Accuracy!.Value;

        Seeds.Set(3);
        using var model = new MnistCnn();
        var seenTypes = new HashSet<ScalarType>();
        var history = Train(model, train, test, ScalarType.BFloat16, new Probe(c => seenTypes.UnionWith(c.Model.parameters().Select(p => p.dtype))));

        // During training the model computes in bfloat16; afterwards it is float32 again.
        Assert.Equal([ScalarType.BFloat16], seenTypes);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        // Validation ran on the bfloat16 model (its input converted by the Trainer).
        Assert.All(history.Epochs, e => Assert.True(e.ValidationAccuracy > 0.5, history.ToString()));
        double accuracy = Trainer.Evaluate(model, test).Accuracy!.Value;
        Assert.True(accuracy > 0.8 && accuracy >= float32Accuracy - 0.03,
            $"bfloat16 {accuracy:P1} against float32 {float32Accuracy:P1} on 500 test images after 2 epochs of 1,500");

        // The weights handed back are the float32 masters: most are not bfloat16 numbers (8-bit mantissa).
        using var weight = model.parameters().First().detach();
        using var rounded = weight.to(ScalarType.BFloat16).to(ScalarType.Float32);
        double notBfloat16 = weight.ne(rounded).to_type(ScalarType.Float32).mean().ToDouble();
        Assert.True(notBfloat16 > 0.5, $"only {notBfloat16:P0} of the first layer's weights carry more than bfloat16's precision");
    }

    [Fact]
    public void Unsupported_precisions_are_refused_with_the_reason_and_the_model_untouched()
    {
        using var data = Synthetic.Line(100, seed: 1);
        using var model = nn.Linear(1, 1);
        var half = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, data, options: new TrainOptions
        {
            Quiet = true, Loss = Loss.MeanSquaredError, Precision = ScalarType.Float16,
        }));
        Assert.Contains("loss scaling", half.Message);
        Assert.Contains("BFloat16", half.Message);
        var integer = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, data, options: new TrainOptions
        {
            Quiet = true, Loss = Loss.MeanSquaredError, Precision = ScalarType.Int32,
        }));
        Assert.Contains("Float32 or ScalarType.BFloat16", integer.Message);
        Assert.Equal(ScalarType.Float32, model.weight!.dtype);

        // A model already in bfloat16 has no float32 weights to keep as masters.
        model.to(ScalarType.BFloat16);
        var already = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, data, options: new TrainOptions
        {
            Quiet = true, Loss = Loss.MeanSquaredError, Precision = ScalarType.BFloat16,
        }));
        Assert.Contains("model.to(ScalarType.Float32)", already.Message);
        Assert.Equal(ScalarType.BFloat16, model.weight!.dtype);
    }
}

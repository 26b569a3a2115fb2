using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Sequences;

[Collection(TorchCollection.Name)]
public sealed class IdentityRnnRegressorTests
{
    public IdentityRnnRegressorTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Starts_with_a_scaled_identity_zero_biases_and_maps_sequences_to_outputs()
    {
        using var model = new IdentityRnnRegressor(2, 4, outputs: 3, recurrentScale: 1.5);
        var p = model.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        Assert.True(p["rnn.weight_hh_l0"].allclose(eye(4) * 1.5));
        Assert.Equal(0, p["rnn.bias_ih_l0"].abs().sum().ToDouble());
        Assert.True(p["rnn.weight_ih_l0"].abs().max().ToDouble() < 0.01);
        using var y = model.call(randn(5, 7, 2));
        Assert.Equal([5L, 3], y.shape);
    }

    [Fact]
    public void Above_scale_one_the_gradient_grows_with_sequence_length()
    {
        double GradientNorm(int length)
        {
            Seeds.Set(1);
            using var model = new IdentityRnnRegressor(2, 8, recurrentScale: 1.2);
            var data = Synthetic.AddingProblem(32, length, seed: 2);
            nn.functional.mse_loss(model.call(data.Features), data.Labels).backward();
            return Math.Sqrt(model.parameters().Sum(q => Math.Pow(q.grad!.norm().ToDouble(), 2)));
        }
        double shortRun = GradientNorm(10), longRun = GradientNorm(50);
        Assert.True(longRun > 1000 * shortRun, $"T=10: {shortRun:E2}, T=50: {longRun:E2}");
    }

    [Fact]
    public void A_non_positive_scale_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IdentityRnnRegressor(2, 4, recurrentScale: 0));
        Assert.Contains("Le et al.", error.Message);
    }
}

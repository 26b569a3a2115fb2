using Course.Data;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Foundation;

public sealed class SmallTrainingTests
{
    [Fact]
    public void A_small_model_on_a_few_thousand_digits_learns()
    {
        TorchRuntime.EnsureLoaded();
        random.manual_seed(3);
        var (fullTrain, test) = Mnist.Load();
        using var _ = fullTrain; using var __ = test;
        using var train = fullTrain.Take(4000);
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10));
        using var optimizer = optim.Adam(model.parameters(), lr: 2e-3);

        float Loss()
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return nn.functional.cross_entropy(model.forward(train.Features), train.Labels).item<float>();
        }

        float before = Loss();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            using var order = randperm(train.Count);
            for (long start = 0; start < train.Count; start += 64)
            {
                using var scope = NewDisposeScope();
                var idx = order.narrow(0, start, Math.Min(64, train.Count - start));
                var loss = nn.functional.cross_entropy(model.forward(train.Features[idx]), train.Labels[idx]);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        float after = Loss();

        using var noGrad = no_grad();
        using var scope2 = NewDisposeScope();
        double accuracy = model.forward(test.Features).argmax(1).eq(test.Labels).to_type(ScalarType.Float64).mean().item<double>();
        Assert.True(after < before / 4, $"training loss went from {before} to {after}");
        Assert.True(accuracy > 0.90, $"test accuracy {accuracy:P2} should beat 90 %");
    }
}

using Course.Data;
using Course.Models;
using Course.Optimization;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Training;

/// <summary>The Trainer's extension points: stopping after any batch, no epoch limit, the after-backward hook, update rules, divergence.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainerExtensionTests
{
    public TrainerExtensionTests() => TorchRuntime.EnsureLoaded();

    private static TrainOptions Regression => new() { Quiet = true, Loss = Loss.MeanSquaredError, BatchSize = 10 };

    private sealed class Hook(Action<TrainingContext>? afterBackward = null, Action<TrainingContext>? batchEnd = null) : ITrainingCallback
    {
        public int Batches { get; private set; }
        public void OnAfterBackward(TrainingContext context) => afterBackward?.Invoke(context);
        public void OnBatchEnd(TrainingContext context) { Batches++; batchEnd?.Invoke(context); }
    }

    [Fact]
    public void A_callback_stops_training_after_any_batch_and_the_partial_epoch_is_recorded()
    {
        using var train = Synthetic.Line(100, seed: 1);
        using var validation = Synthetic.Line(30, seed: 2);
        using var model = nn.Linear(1, 1);
        var counter = new Hook();
        var stop = new StopWhen(c => c.Epoch == 2 && c.Batch == 3, "enough");
        var history = Trainer.Fit(model, train, validation, Regression with { Epochs = 5, Callbacks = [counter, stop] });
        Assert.True(stop.Fired);
        Assert.Equal(13, counter.Batches);
        Assert.Equal(2, history.Epochs.Count);
        Assert.NotNull(history.Last!.ValidationLoss);
        Assert.Equal("enough", history.StopReason);
    }

    [Fact]
    public void Without_an_epoch_limit_training_runs_until_a_callback_stops_it()
    {
        using var train = Synthetic.Line(100, seed: 1);
        using var model = nn.Linear(1, 1);
        var counter = new Hook();
        var history = Trainer.Fit(model, train, options: Regression with
        {
            Epochs = null, Callbacks = [counter, new StopWhen(c => counter.Batches == 25, "25 steps")],
        });
        Assert.Equal(25, counter.Batches);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal("25 steps", history.StopReason);
    }

    [Fact]
    public void No_epoch_limit_and_no_callback_is_refused_with_a_fix()
    {
        using var train = Synthetic.Line(100, seed: 1);
        using var model = nn.Linear(1, 1);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, train, options: Regression with { Epochs = null }));
        Assert.Contains("Epochs = null", e.Message);
        Assert.Contains("StopWhen", e.Message);
    }

    [Fact]
    public void The_after_backward_hook_runs_before_the_step_with_the_gradients_in_place()
    {
        using var train = Synthetic.Line(100, seed: 1);
        using var model = nn.Linear(1, 1);
        using var start = model.weight!.detach().clone();
        var seen = new List<double>();
        var zeroGradients = new Hook(afterBackward: c =>
        {
            using var noGrad = no_grad();
            foreach (var p in c.Model.parameters())
            {
                seen.Add(p.grad!.abs().sum().ToDouble());
                p.grad!.zero_();
            }
        });
        Trainer.Fit(model, train, options: Regression with { Epochs = 1, Callbacks = [zeroGradients], Optimizer = p => optim.SGD(p, 0.1) });
        Assert.Equal(20, seen.Count);                       // two parameters × ten batches
        Assert.Contains(seen, g => g > 0);                  // the gradients were there
        Assert.True(model.weight!.allclose(start, rtol: 0, atol: 0));   // and the step used the zeroed ones
    }

    [Fact]
    public void The_gradient_norm_recorder_puts_the_models_setting_back_when_training_fails()
    {
        using var features = randn(32, 5, 2);
        features[0, 0, 0] = tensor(float.NaN);
        using var data = new TensorDataset(features, randn(32, 1));
        using var model = new SequenceRegressor(inputSize: 2, hiddenSize: 4, kind: RecurrentKind.Rnn);
        Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, data, options: Regression with
        {
            Epochs = 1, BatchSize = 32, Callbacks = [new GradientNormRecorder()],
        }));
        Assert.False(model.RecordHiddenStates);
        Assert.Empty(model.HiddenStates);
    }

    /// <summary>Momentum written from scratch, keeping its velocity in a field as notebook 02's rules do.</summary>
    private sealed class Momentum(double lr, double mu) : IUpdateRule
    {
        private Tensor? velocity;

        public Tensor Step(Tensor theta, Tensor gradient)
        {
            velocity = velocity is null ? gradient.clone() : mu * velocity + gradient;
            return theta - lr * velocity;
        }
    }

    [Fact]
    public void An_update_rule_trains_through_fit_exactly_like_the_matching_torch_optimizer()
    {
        using var train = Synthetic.Line(200, noiseStd: 0.5, seed: 1);
        Tensor Train(Func<IEnumerable<TorchSharp.Modules.Parameter>, optim.Optimizer> optimizer, List<long>? live = null)
        {
            Seeds.Set(5);
            using var model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
            var probe = new Hook(batchEnd: c => { if (c.Batch == c.BatchesPerEpoch) live?.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount); });
            Trainer.Fit(model, train, options: Regression with { Epochs = 3, Optimizer = optimizer, Callbacks = [probe] });
            return torch.cat(model.parameters().Select(p => p.detach().flatten()).ToList()).clone();
        }
        var live = new List<long>();
        using var mine = Train(UpdateRuleOptimizer.For(() => new Momentum(0.01, 0.9)), live);
        using var torchs = Train(p => optim.SGD(p, 0.01, momentum: 0.9));
        Assert.True(mine.allclose(torchs, rtol: 1e-5, atol: 1e-6), $"max difference {(mine - torchs).abs().max().ToDouble():G3}");
        Assert.Equal(live[0], live[^1]);                    // replaced velocities are freed, not piled up
    }

    [Fact]
    public void An_update_rule_factory_that_shares_one_rule_is_refused()
    {
        using var train = Synthetic.Line(20, seed: 1);
        using var model = nn.Linear(1, 1);
        var shared = new Momentum(0.01, 0.9);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, train, options: Regression with { Epochs = 1, Optimizer = UpdateRuleOptimizer.For(() => shared) }));
        Assert.Contains("its own", e.Message);
    }

    [Fact]
    public void Weights_broken_by_the_last_step_are_caught_although_every_loss_was_finite()
    {
        using var train = Synthetic.Line(100, seed: 1);
        using var model = nn.Linear(1, 1);
        var breakLastStep = new Hook(batchEnd: c =>
        {
            if (c.Batch < c.BatchesPerEpoch) return;
            using var noGrad = no_grad();
            model.weight!.fill_(float.NaN);
        });
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, train, options: Regression with { Epochs = 1, Callbacks = [breakLastStep] }));
        Assert.Equal((1, 10), (e.Epoch, e.Batch));
        Assert.Contains("weights", e.Message);
        Assert.Contains("weight", e.Message);
        Assert.Contains("learning rate", e.Message);
    }

    [Fact]
    public void A_nan_validation_loss_is_caught_after_its_epoch()
    {
        using var train = Synthetic.Line(100, seed: 1);
        using var features = randn(20, 1);
        features[3, 0] = tensor(float.NaN);
        using var validation = new TensorDataset(features, randn(20, 1));
        using var model = nn.Linear(1, 1);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, train, validation, Regression with { Epochs = 2 }));
        Assert.Equal((1, 0), (e.Epoch, e.Batch));
        Assert.True(double.IsNaN(e.Loss));
        Assert.Contains("validation loss became NaN after epoch 1", e.Message);
    }

    [Fact]
    public void Progress_without_an_epoch_limit_shows_no_total_and_no_eta()
    {
        var open = new TrainingProgress(2, null, 5, 10, 0.5, null, 1000, null).ToString();
        var bounded = new TrainingProgress(2, 3, 5, 10, 0.5, null, 1000, TimeSpan.FromSeconds(42)).ToString();
        Assert.StartsWith("epoch 2  batch 5/10", open);
        Assert.DoesNotContain("ETA", open);
        Assert.StartsWith("epoch 2/3  batch 5/10", bounded);
        Assert.EndsWith("ETA 0:42", bounded);
    }
}

using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerTests
{
    public TrainerTests() => TorchRuntime.EnsureLoaded();

    private static TrainOptions Quiet => new() { Quiet = true };

    /// <summary>Counts batches and can run an action on each.</summary>
    private sealed class Probe(Action<TrainingContext>? onBatch = null, Action<TrainingContext>? onEpoch = null) : ITrainingCallback
    {
        public int Batches { get; private set; }
        public void OnBatchEnd(TrainingContext context) { Batches++; onBatch?.Invoke(context); }
        public void OnEpochEnd(TrainingContext context) => onEpoch?.Invoke(context);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void MnistMlp_reaches_97_percent_on_the_mnist_test_set_in_three_epochs()
    {
        using var splits = Mnist.Load(validationFraction: 0, seed: 1, standardize: true);
        var (train, _, test) = splits;
        Seeds.Set(1);
        using var model = new MnistMlp();
        var history = Trainer.Fit(model, train, options: Quiet with { Epochs = 3, BatchSize = 64 });
        var result = Trainer.Evaluate(model, test);
        Assert.True(result.Accuracy >= 0.97, $"test accuracy {result.Accuracy:P2}; history:\n{history}");
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.Epochs[2].TrainLoss < history.Epochs[0].TrainLoss);
        Assert.All(history.Epochs, e => Assert.True(e.SamplesPerSecond > 0 && e.Seconds > 0 && e.TrainAccuracy > 0.8));
    }

    [Fact]
    public void Regression_learns_the_line_down_to_the_noise_floor()
    {
        using var train = Synthetic.Line(2000, noiseStd: 0.1, seed: 1);
        using var validation = Synthetic.Line(1000, noiseStd: 0.1, seed: 2);
        Seeds.Set(0);
        using var model = nn.Linear(1, 1);
        var history = Trainer.Fit(model, train, validation, Quiet with
        {
            Loss = Loss.MeanSquaredError, Epochs = 20, BatchSize = 32,
            Optimizer = p => optim.SGD(p, learningRate: 0.1),
        });
        var last = history.Last!;
        Assert.Null(last.TrainAccuracy);
        Assert.Null(last.ValidationAccuracy);
        Assert.InRange(last.ValidationLoss!.Value, 0.008, 0.012);   // noise variance 0.01: the floor, not 0
        Assert.Equal(2.0, model.weight!.ToDouble(), 1);
        Assert.Equal(1.0, model.bias!.ToDouble(), 1);
        using var predicted = Trainer.Predict(model, validation.Features);
        Assert.Equal([1000L, 1], predicted.shape);
    }

    [Fact]
    public void Early_stopping_stops_when_validation_loss_stops_improving_and_restores_the_best_weights()
    {
        // The validation targets follow a different line, so fitting the training data makes validation worse.
        using var train = Synthetic.Line(512, noiseStd: 0.1, seed: 1);
        using var x = Synthetic.Line(256, noiseStd: 0, seed: 2).Features;
        using var validation = new TensorDataset(x, x * -2 + 1);
        Seeds.Set(0);
        using var model = nn.Linear(1, 1);
        using var stopper = new EarlyStopping(patience: 3, restoreBest: true);
        var history = Trainer.Fit(model, train, validation, Quiet with
        {
            Loss = Loss.MeanSquaredError, Epochs = 50, BatchSize = 64, Callbacks = [stopper],
            Optimizer = p => optim.SGD(p, learningRate: 0.05),
        });
        Assert.Equal(history.BestEpoch, stopper.BestEpoch);
        Assert.Equal(history.BestEpoch + 3, history.Epochs.Count);
        Assert.Equal(history.Epochs.Count, stopper.StoppedEpoch);
        Assert.Contains("early stopping", history.StopReason);
        Assert.True(history.Last!.ValidationLoss > history.Best!.ValidationLoss);
        var restored = Trainer.Evaluate(model, validation, Loss.MeanSquaredError);
        Assert.Equal(history.Best.ValidationLoss!.Value, restored.Loss, 5);
    }

    [Fact]
    public void A_diverging_loss_stops_training_and_says_where_and_why()
    {
        using var train = Synthetic.Line(1000, seed: 1);
        using var model = nn.Linear(1, 1);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, train, options: Quiet with
        {
            Loss = Loss.MeanSquaredError, Epochs = 5, BatchSize = 10,
            Optimizer = p => optim.SGD(p, learningRate: 1e6),
        }));
        Assert.Equal(1, e.Epoch);
        Assert.InRange(e.Batch, 2, 100);
        Assert.Contains($"epoch 1, batch {e.Batch} of 100", e.Message);
        Assert.Contains("learning rate", e.Message);
        Assert.Contains("normalised", e.Message);
        Assert.Contains("GradientClipping", e.Message);
    }

    [Fact]
    public void A_nan_in_the_data_is_caught_at_its_batch()
    {
        using var features = randn(100, 4);
        features[.., 0] = tensor(float.NaN);
        using var data = new TensorDataset(features, zeros(100, dtype: ScalarType.Int64));
        using var model = nn.Linear(4, 2);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, data, options: Quiet));
        Assert.Equal((1, 1), (e.Epoch, e.Batch));
        Assert.True(double.IsNaN(e.Loss));
        Assert.Contains("NaN", e.Message);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]   // mixed precision: the float32 masters' gradients are reused, not reallocated
    public void Live_tensor_count_is_the_same_after_epoch_one_and_epoch_three(ScalarType precision)
    {
        var (train, test) = Mnist.Load();
        using var _ = train; using var __ = test;
        using var small = train.Take(600);
        using var validation = test.Take(200);
        using var model = new MnistCnn(batchNorm: true, dropout: 0.2);
        var live = new List<long>();
        var probe = new Probe(onEpoch: _ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        Trainer.Fit(model, small, validation, Quiet with
        {
            Epochs = 3, BatchSize = 100, Precision = precision,
            Callbacks = [probe, new GradientNormRecorder(), new GradientClipping(1.0), LearningRateSchedule.Cosine()],
        });
        Assert.Equal(3, live.Count);
        Assert.Equal(live[0], live[2]);
    }

    [Fact]
    public void Cancellation_stops_training_within_a_batch()
    {
        using var train = Synthetic.Line(10_000, seed: 1);
        using var model = nn.Linear(1, 1);
        using var cancel = new CancellationTokenSource();
        var probe = new Probe(onBatch: c => { if (c.Batch == 5) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Fit(model, train, options: Quiet with
        {
            Loss = Loss.MeanSquaredError, Epochs = 100, BatchSize = 10, Callbacks = [probe], Cancellation = cancel.Token,
        }));
        Assert.Equal(5, probe.Batches);
    }

    [Fact]
    public void Gradient_clipping_bounds_the_norm_the_optimizer_sees()
    {
        using var train = Synthetic.Line(2000, noiseStd: 1, seed: 1);
        Seeds.Set(0);
        using var model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1));
        var after = new List<double>();
        var probe = new Probe(onBatch: c => after.Add(TotalGradientNorm(c.Model)));
        var norms = new GradientNormRecorder();
        Trainer.Fit(model, train, options: Quiet with
        {
            Loss = Loss.MeanSquaredError, Epochs = 1, BatchSize = 50,
            Callbacks = [norms, new GradientClipping(0.5), probe], Optimizer = p => optim.SGD(p, learningRate: 0.01),
        });
        Assert.Equal(40, after.Count);
        Assert.All(after, norm => Assert.True(norm <= 0.5 + 1e-4, $"norm {norm} after clipping to 0.5"));
        Assert.Equal(40, norms.Records.Count);
        Assert.Contains(norms.Records, r => r.Total > 0.5);   // recorded before clipping, so clipping had work to do
        var record = norms.Records[0];
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], record.PerLayer.Keys.Order());
        Assert.Equal(Math.Sqrt(record.PerLayer.Values.Sum(v => v * v)), record.Total, 6);
    }

    private static double TotalGradientNorm(nn.Module model) =>
        Math.Sqrt(model.parameters().Sum(p => { using var g = p.grad!; using var n = g.norm(); return Math.Pow(n.ToDouble(), 2); }));

    [Fact]
    public void Two_runs_with_the_same_seed_give_identical_losses()
    {
        var (train, test) = Mnist.Load();
        using var _ = train; using var __ = test;
        using var small = train.Take(3000);
        using var validation = test.Take(1000);
        History Run()
        {
            Seeds.Set(11);
            using var model = new MnistMlp(hidden: 64, dropout: 0.2);
            return Trainer.Fit(model, small, validation, Quiet with
            {
                Epochs = 2, BatchSize = 64, Seed = 11, Transform = Augment.ShiftAndRotate(seed: 3),
            });
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)), second.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)));
    }

    [Fact]
    public void Learning_rate_schedules_change_the_rate()
    {
        using var train = Synthetic.Line(100, seed: 1);
        TrainOptions Options(LearningRateSchedule schedule) => Quiet with
        {
            Loss = Loss.MeanSquaredError, Epochs = 3, BatchSize = 10, Callbacks = [schedule],
            Optimizer = p => optim.SGD(p, learningRate: 0.1),
        };
        using var a = nn.Linear(1, 1);
        var step = Trainer.Fit(a, train, options: Options(LearningRateSchedule.Step(1, 0.5)));
        Assert.Equal([0.1, 0.05, 0.025], step.Epochs.Select(e => Math.Round(e.LearningRate, 10)));

        using var b = nn.Linear(1, 1);
        var rates = new List<double>();
        var oneCycle = LearningRateSchedule.OneCycle(1.0);
        Trainer.Fit(b, train, options: Options(oneCycle) with { Callbacks = [oneCycle, new Probe(onBatch: c => rates.Add(c.LearningRate))] });
        Assert.InRange(rates.Max(), 0.9, 1.0);
        Assert.True(rates[0] < 0.1 && rates[^1] < 0.01, $"one-cycle should start low and end far lower: {rates[0]} … {rates[^1]}");
    }

    [Fact]
    public void Per_time_step_gradient_norms_show_the_plain_rnn_forgetting_early_steps()
    {
        using var train = Synthetic.AddingProblem(256, length: 40, seed: 1);
        Seeds.Set(0);
        using var model = new SequenceRegressor(inputSize: 2, hiddenSize: 16, kind: RecurrentKind.Rnn);
        var norms = new GradientNormRecorder();
        Trainer.Fit(model, train, options: Quiet with { Loss = Loss.MeanSquaredError, Epochs = 1, BatchSize = 64, Callbacks = [norms] });
        Assert.Equal(4, norms.Records.Count);
        var steps = norms.Records[0].PerTimeStep!;
        Assert.Equal(40, steps.Count);
        Assert.True(steps[0] < steps[^1] / 10, $"‖∂L/∂h_1‖ = {steps[0]:G3} vs ‖∂L/∂h_40‖ = {steps[^1]:G3}");
        Assert.False(model.RecordHiddenStates);
        Assert.Empty(model.HiddenStates);
    }
}

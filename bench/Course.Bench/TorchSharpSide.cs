using System.Diagnostics;
using Course.Data;
using Course.Metrics;
using Course.Models;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Bench;

/// <summary>
/// The C# side: the library's own models trained by the library's own <see cref="Trainer"/>, so the numbers are
/// what a learner's notebook gets. bench/pytorch/worker.py mirrors each method.
/// </summary>
public sealed class TorchSharpSide(TensorDataset train, TensorDataset test) : IDisposable
{
    /// <summary>The benchmarked models, by the names both sides use.</summary>
    public static readonly IReadOnlyList<string> Models = ["cnn", "mlp", "lstm"];

    private readonly TensorDataset trainRows = Mnist.AsRowSequences(train);
    private readonly TensorDataset testRows = Mnist.AsRowSequences(test);

    /// <summary>A fresh, seeded model: MnistCnn, MnistMlp, or an LSTM classifier over 28 rows of 28 pixels.</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, long seed)
    {
        manual_seed(seed);
        return name switch
        {
            "cnn" => new MnistCnn(),
            "mlp" => new MnistMlp(),
            "lstm" => new SequenceClassifier(inputSize: Mnist.Side, hiddenSize: 128, classes: 10),
            _ => throw new ArgumentException($"unknown model '{name}': expected cnn, mlp or lstm", nameof(name)),
        };
    }

    /// <summary>What the benchmark table calls each model.</summary>
    public static string Describe(string name) => name switch
    {
        "cnn" => "MnistCnn (conv32-pool-conv64-pool-fc128-fc10)",
        "mlp" => "MnistMlp (784-128-dropout-10)",
        "lstm" => "LSTM classifier (28 rows × 28, hidden 128)",
        _ => name,
    };

    /// <summary>Training images in the shape the model reads ([N,1,28,28], or [N,28,28] for the LSTM).</summary>
    public TensorDataset TrainingData(string name) => name == "lstm" ? trainRows : train;

    private TensorDataset TestData(string name) => name == "lstm" ? testRows : test;

    /// <summary>Seconds for one epoch of <see cref="Trainer.Fit"/> with Adam(1e-3) over the first <paramref name="count"/> images.</summary>
    public (double Seconds, double Loss) TrainEpoch(string name, int batch, long count, long seed, double learningRate = 1e-3)
    {
        using var model = Create(name, seed);
        using var data = TrainingData(name).Take(count);
        var options = new TrainOptions
        {
            Epochs = 1,
            BatchSize = batch,
            Seed = seed,
            Quiet = true,
            Device = CPU,
            Optimizer = parameters => optim.Adam(parameters, lr: learningRate),
        };
        long start = Stopwatch.GetTimestamp();
        var history = Trainer.Fit(model, data, options: options);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (seconds, history.Last!.TrainLoss);
    }

    /// <summary>Milliseconds per single-image prediction (eval mode, no gradients), after unrecorded warm-up runs.</summary>
    public IReadOnlyList<double> Latency(string name, int warmup, int runs, long seed)
    {
        using var model = Create(name, seed);
        model.eval();
        using var noGrad = no_grad();
        var images = TestData(name).Features;
        long index = 0;
        return Timing.Measure(() =>
        {
            using var scope = NewDisposeScope();
            model.call(images.narrow(0, index++ % images.shape[0], 1)).argmax(1);
        }, warmup, runs, CPU).SamplesMs;
    }

    /// <summary>Milliseconds per batch of <paramref name="batch"/> test images (eval mode, no gradients).</summary>
    public IReadOnlyList<double> Throughput(string name, int batch, int warmup, int iterations, long seed)
    {
        using var model = Create(name, seed);
        model.eval();
        using var noGrad = no_grad();
        var images = TestData(name).Features;
        long batches = images.shape[0] / batch, index = 0;
        return Timing.Measure(() =>
        {
            using var scope = NewDisposeScope();
            model.call(images.narrow(0, index++ % batches * batch, batch)).argmax(1);
        }, warmup, iterations, CPU).SamplesMs;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        trainRows.Dispose();
        testRows.Dispose();
    }
}

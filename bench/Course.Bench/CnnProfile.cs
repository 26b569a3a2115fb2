using System.Diagnostics;
using Course.Data;
using Course.Measuring;
using Course.Models;
using TorchSharp;
using TorchSharp.Modules;
using TensorDataset = Course.Data.TensorDataset;
using DataLoader = Course.Data.DataLoader;
using static TorchSharp.torch;

namespace Course.Bench;

/// <summary>
/// Where one MnistCnn training step spends its time, layer by layer. The step does what <c>Trainer.Fit</c> does
/// (batch from the DataLoader, zero_grad, forward, cross-entropy, backward, Adam step, reading the loss and counting
/// correct predictions), but runs the network stage by stage: each stage's input is a detached leaf, so each
/// stage's forward and its own autograd backward can be timed alone (on the CPU every op has finished when it
/// returns, so a stopwatch around it is exact). The stages are MnistCnn's forward written out; the constructor
/// checks that they compute what the model computes.
/// </summary>
public sealed class CnnProfile
{
    /// <summary>One piece of the step and its measured time.</summary>
    /// <param name="Name">e.g. "conv2" or "optimizer step".</param>
    /// <param name="ForwardMs">Total forward milliseconds over the profiled batches (or the piece's time when it has no backward).</param>
    /// <param name="BackwardMs">Total backward milliseconds, or 0.</param>
    /// <param name="ForwardFlopsPerImage">FLOPs of the forward pass per image (convolutions and dense layers), else 0.</param>
    public sealed record Part(string Name, double ForwardMs, double BackwardMs, long ForwardFlopsPerImage);

    private readonly List<(string Name, Func<Tensor, Tensor> Forward)> stages;
    private readonly MnistCnn model;
    private readonly bool channelsLast;

    /// <summary>Stages of a default MnistCnn (no batch norm, no dropout).</summary>
    /// <param name="model">The network whose layers run.</param>
    /// <param name="channelsLast">Turn conv1's output into channels-last (NHWC) memory order (the copy is timed as part
    /// of conv1); pooling, conv2 and its pooling then run in that layout.</param>
    /// <param name="poolFirst">Max-pool before the ReLU: the same numbers (ReLU and max commute), a quarter of the ReLU's work.</param>
    public CnnProfile(MnistCnn model, bool channelsLast = false, bool poolFirst = false)
    {
        this.model = model;
        this.channelsLast = channelsLast;
        Func<Tensor, Tensor> reluPool = poolFirst
            ? x => nn.functional.relu(nn.functional.max_pool2d(x, 2))
            : x => nn.functional.max_pool2d(nn.functional.relu(x), 2);
        var layers = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var (conv1, conv2) = ((Conv2d)layers["conv1"], (Conv2d)layers["conv2"]);
        var (fc1, fc2) = ((Linear)layers["fc1"], (Linear)layers["fc2"]);
        stages =
        [
            ("conv1", x => Layout(conv1.call(x))),
            ("relu + max-pool 1", reluPool),
            ("conv2", x => conv2.call(x)),
            ("relu + max-pool 2", reluPool),
            ("flatten", x => x.flatten(1)),
            ("fc1", x => fc1.call(x)),
            ("relu 3", x => nn.functional.relu(x)),
            ("fc2", x => fc2.call(x)),
        ];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var probe = randn(4, 1, 28, 28);
        var staged = stages.Aggregate(probe, (x, stage) => stage.Forward(x));
        if (!staged.allclose(model.call(probe), rtol: 1e-4, atol: 1e-5))
            throw new InvalidOperationException("The profile's stages no longer compute what MnistCnn.forward computes: update CnnProfile's stage list.");
    }

    // channels_last has no TorchSharp API (0.107): permuting to NHWC, copying, and permuting back gives the same
    // logical tensor with channels-last strides, which is what libtorch looks at to choose the layout.
    private Tensor Layout(Tensor x) => channelsLast ? x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : x;

    /// <summary>Trains <paramref name="batches"/> steps of <paramref name="batchSize"/> and returns the time per part.</summary>
    public IReadOnlyList<Part> Run(TensorDataset data, int batchSize, int batches, long seed, optim.Optimizer optimizer)
    {
        var flops = Flops.Count(model, 1, 28, 28).Layers.ToDictionary(l => l.Name, l => l.Flops);
        var forward = new double[stages.Count];
        var backward = new double[stages.Count];
        double dataMs = 0, zeroMs = 0, lossForwardMs = 0, lossBackwardMs = 0, stepMs = 0, bookkeepingMs = 0;
        using var loader = new DataLoader(data, batchSize, shuffle: true, seed: seed);
        model.train();
        int done = 0;
        while (done < batches)
        {
            using var batchesOfPass = loader.GetEnumerator();
            while (done < batches)
            {
                long start = Stopwatch.GetTimestamp();
                if (!batchesOfPass.MoveNext()) break;
                dataMs += Ms(start);
                var batch = batchesOfPass.Current;
                using var scope = NewDisposeScope();

                start = Stopwatch.GetTimestamp();
                optimizer.zero_grad();
                zeroMs += Ms(start);

                var inputs = new Tensor[stages.Count];
                var outputs = new Tensor[stages.Count];
                var x = batch.Features;
                for (int i = 0; i < stages.Count; i++)
                {
                    // Each stage starts from a leaf, so its backward below is its own and nothing else.
                    inputs[i] = i == 0 ? x : x.detach().requires_grad_(true);
                    start = Stopwatch.GetTimestamp();
                    outputs[i] = stages[i].Forward(inputs[i]);
                    forward[i] += Ms(start);
                    x = outputs[i];
                }
                var logits = x.detach().requires_grad_(true);
                start = Stopwatch.GetTimestamp();
                var loss = nn.functional.cross_entropy(logits, batch.Labels);
                lossForwardMs += Ms(start);

                start = Stopwatch.GetTimestamp();
                loss.backward();
                lossBackwardMs += Ms(start);
                var gradient = logits.grad!;
                for (int i = stages.Count - 1; i >= 0; i--)
                {
                    start = Stopwatch.GetTimestamp();
                    outputs[i].backward([gradient]);
                    backward[i] += Ms(start);
                    if (i > 0) gradient = inputs[i].grad!;
                }

                start = Stopwatch.GetTimestamp();
                optimizer.step();
                stepMs += Ms(start);

                start = Stopwatch.GetTimestamp();
                _ = loss.ToDouble();
                _ = logits.argmax(1).eq(batch.Labels).sum().ToInt64();
                bookkeepingMs += Ms(start);
                done++;
            }
        }
        var parts = new List<Part> { new("data: DataLoader batch (shuffled index_select)", dataMs, 0, 0), new("zero_grad", zeroMs, 0, 0) };
        for (int i = 0; i < stages.Count; i++)
            parts.Add(new(stages[i].Name, forward[i], backward[i], flops.GetValueOrDefault(stages[i].Name)));
        parts.Add(new("cross-entropy loss", lossForwardMs, lossBackwardMs, 0));
        parts.Add(new("optimizer step (Adam)", stepMs, 0, 0));
        parts.Add(new("loss read + accuracy count", bookkeepingMs, 0, 0));
        return parts;
    }

    private static double Ms(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

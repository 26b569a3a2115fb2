using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Data;
using Course.Metrics;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Bench;

/// <summary>
/// The measurements. Wherever both frameworks run, they run in turn — TorchSharp then PyTorch in odd rounds,
/// PyTorch then TorchSharp in even ones — so a slow spell of the machine hits both, and the table shows medians.
/// </summary>
public sealed class Benchmarks(Settings settings, BenchTable table, TextWriter log)
{
    /// <summary>Cold (first in the process) and warm loads of all 70,000 MNIST images.</summary>
    public void MnistLoad()
    {
        log.WriteLine("MNIST load …");
        long start = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var (train, test) = Mnist.Load();
        double cold = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double coldCpu = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        train.Dispose();
        test.Dispose();
        table.Add(new BenchRow("data", "Mnist.Load(), 70,000 images, cold", "s", cold, null,
            $"first call in the process: gunzip, SHA-256 check, decode, scale to [0,1]; {coldCpu:0.00} s CPU"));

        foreach (bool standardize in new[] { false, true })
        {
            cpu = Environment.CpuUsage.TotalTime;
            var timing = Timing.Measure(() =>
            {
                if (standardize)
                    Mnist.Load(validationFraction: 0.1, seed: 1, standardize: true).Dispose();
                else
                {
                    var (a, b) = Mnist.Load();
                    a.Dispose();
                    b.Dispose();
                }
            }, warmup: 0, repeats: settings.WarmLoads, device: CPU);
            table.Add(new BenchRow("data", $"Mnist.Load({(standardize ? "0.1, seed: 1, standardize: true" : "")}), warm", "s",
                timing.Summary.Median / 1000, null,
                $"median of {settings.WarmLoads}; {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds / settings.WarmLoads:0.00} s CPU per load (all threads); target < 0.3 s"));
        }
    }

    /// <summary>Seconds per training epoch, both frameworks, interleaved.</summary>
    public void Training(TorchSharpSide torchSharp, PyTorchWorker pyTorch)
    {
        foreach (string model in TorchSharpSide.Models)
        {
            int count = settings.TrainCount[model];
            log.WriteLine($"training {model}: warm-up …");
            torchSharp.TrainEpoch(model, settings.BatchSize, settings.WarmupCount, settings.Seed);
            TrainPyTorch(pyTorch, model, settings.WarmupCount);

            var ts = new List<double>();
            var pt = new List<double>();
            for (int round = 0; round < settings.TrainRuns; round++)
            {
                foreach (bool csharp in Order(round))
                {
                    if (csharp) ts.Add(torchSharp.TrainEpoch(model, settings.BatchSize, count, settings.Seed).Seconds);
                    else pt.Add(TrainPyTorch(pyTorch, model, count));
                }
                log.WriteLine($"training {model}: round {round + 1}/{settings.TrainRuns}: TorchSharp {ts[^1]:0.00} s, PyTorch {pt[^1]:0.00} s");
            }
            table.Add(new BenchRow("training", $"{TorchSharpSide.Describe(model)}, 1 epoch", "s", Median(ts), Median(pt),
                $"{count:N0} images, batch {settings.BatchSize}, Adam 1e-3; median of {settings.TrainRuns} " +
                $"(TorchSharp {Range(ts)}; PyTorch {Range(pt)})"));
        }
    }

    private double TrainPyTorch(PyTorchWorker pyTorch, string model, int count) =>
        pyTorch.Call("train", new { model, batch = settings.BatchSize, count, seed = settings.Seed, lr = 1e-3 })["seconds"]!.GetValue<double>();

    /// <summary>Single-image latency (p50, p95) and batch throughput, eval mode without gradients, interleaved.</summary>
    public void Inference(TorchSharpSide torchSharp, PyTorchWorker pyTorch)
    {
        foreach (string model in TorchSharpSide.Models)
        {
            log.WriteLine($"inference {model} …");
            var (tsLatency, ptLatency, tsBatch, ptBatch) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (int round = 0; round < settings.InferenceRounds; round++)
            {
                foreach (bool csharp in Order(round))
                {
                    if (csharp)
                    {
                        tsLatency.AddRange(torchSharp.Latency(model, settings.LatencyWarmup, settings.LatencyRuns, settings.Seed));
                        tsBatch.AddRange(torchSharp.Throughput(model, settings.ThroughputBatch, 2, settings.ThroughputIterations, settings.Seed));
                    }
                    else
                    {
                        ptLatency.AddRange(PyTorchWorker.SamplesMs(pyTorch.Call("latency",
                            new { model, warmup = settings.LatencyWarmup, runs = settings.LatencyRuns, seed = settings.Seed })));
                        ptBatch.AddRange(PyTorchWorker.SamplesMs(pyTorch.Call("throughput",
                            new { model, batch = settings.ThroughputBatch, warmup = 2, iterations = settings.ThroughputIterations, seed = settings.Seed })));
                    }
                }
            }
            var (ts, pt) = (LatencyStats.From(tsLatency), LatencyStats.From(ptLatency));
            string name = TorchSharpSide.Describe(model);
            string latencyNote = $"batch 1, {tsLatency.Count} runs per framework after warm-up";
            table.Add(new BenchRow("inference", $"{name}, latency p50", "ms", ts.P50, pt.P50, latencyNote));
            table.Add(new BenchRow("inference", $"{name}, latency p95", "ms", ts.P95, pt.P95, latencyNote));
            double ImagesPerSecond(List<double> ms) => settings.ThroughputBatch / (Median(ms) / 1000);
            table.Add(new BenchRow("inference", $"{name}, throughput", "images/s", ImagesPerSecond(tsBatch), ImagesPerSecond(ptBatch),
                $"batch {settings.ThroughputBatch}, median of {tsBatch.Count} batches; higher is better, so a ratio > 1 favours TorchSharp"));
        }
    }

    /// <summary>Resident memory at the end of each epoch of one Trainer run: does anything leak per epoch?</summary>
    public void Memory(TorchSharpSide torchSharp)
    {
        log.WriteLine("memory …");
        const string model = "cnn";
        var rss = new List<double>();
        using var network = TorchSharpSide.Create(model, settings.Seed);
        using var data = torchSharp.TrainingData(model).Take(settings.MemoryCount);
        Trainer.Fit(network, data, options: new TrainOptions
        {
            Epochs = settings.MemoryEpochs,
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,
            Quiet = true,
            Device = CPU,
            Callbacks = [new AtEpochEnd(() => rss.Add(Machine.ResidentMiB()))],
        });
        for (int i = 0; i < rss.Count; i++)
            table.Add(new BenchRow("memory", $"RSS after epoch {i + 1}", "MiB", rss[i], null,
                $"Trainer.Fit, MnistCnn, {settings.MemoryCount:N0} images per epoch"));
        double growth = (rss[^1] - rss[0]) / rss[0] * 100;
        table.Add(new BenchRow("memory", $"RSS growth, epoch 1 → {rss.Count}", "%", growth, null, "target < 5 %"));
    }

    /// <summary>Runs in round order: TorchSharp first in even-numbered rounds (0, 2, …), PyTorch first in the others.</summary>
    public static bool[] Order(int round) => round % 2 == 0 ? [true, false] : [false, true];

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values) => LatencyStats.From(values).Median;

    private static string Range(List<double> values) => $"{values.Min():0.00}–{values.Max():0.00}";

    private sealed class AtEpochEnd(Action action) : ITrainingCallback
    {
        public void OnEpochEnd(TrainingContext context) => action();
    }
}

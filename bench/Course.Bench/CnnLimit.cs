using System.Diagnostics;
using Course.Data;
using Course.Measuring;
using Course.Models;
using Course.Platform;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Bench;

/// <summary>
/// How close a MnistCnn training epoch comes to this machine's limit, the rate of libtorch's own large float32
/// matrix product (sgemm) measured in the same run; where the epoch's time goes, layer by layer; what changing the
/// batch size, the threads or the memory layout does; and bfloat16 mixed precision beside float32.
/// </summary>
public sealed class CnnLimit(Settings settings, BenchTable table, TextWriter log)
{
    private const string Section = "cnn limit";

    /// <summary>FLOPs of one training step per image: 3 × the forward convolutions and dense layers.</summary>
    public static long TrainingFlopsPerImage()
    {
        using var model = new MnistCnn();
        return Flops.Count(model, 1, 28, 28).TrainingTotal;
    }

    /// <summary>Milliseconds of each of <paramref name="repeats"/> n×n float32 products (after one unrecorded).</summary>
    public static IReadOnlyList<double> SgemmMs(int n, int repeats)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var a = rand(n, n, generator: generator);
        var b = rand(n, n, generator: generator);
        a.mm(b).Dispose(); // warm-up: MKL's kernel choice, thread pool start, the result's memory
        var samples = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            a.mm(b).Dispose();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return samples;
    }

    /// <summary>GFLOP/s of an n×n×n product taking <paramref name="ms"/> milliseconds.</summary>
    public static double Gflops(long flops, double ms) => flops / (ms / 1000) / 1e9;

    /// <summary>The sgemm rate and the epoch's rate, interleaved round by round, and their ratio.</summary>
    public void EpochAgainstSgemm(TorchSharpSide torchSharp)
    {
        int n = settings.SgemmSize, count = settings.TrainCount["cnn"];
        long productFlops = 2L * n * n * n, perImage = TrainingFlopsPerImage();
        log.WriteLine($"cnn limit: sgemm {n}×{n} and MnistCnn epochs of {count:N0}, interleaved …");
        torchSharp.TrainEpoch("cnn", settings.BatchSize, settings.WarmupCount, settings.Seed);
        var sgemm = new List<double>(SgemmMs(n, settings.SgemmRepeats));
        var epochs = new List<double>();
        for (int round = 0; round < settings.TrainRuns; round++)
        {
            epochs.Add(torchSharp.TrainEpoch("cnn", settings.BatchSize, count, settings.Seed).Seconds);
            sgemm.AddRange(SgemmMs(n, settings.SgemmRepeats));
            log.WriteLine($"cnn limit: round {round + 1}: epoch {epochs[^1]:0.00} s, sgemm {Gflops(productFlops, sgemm[^1]):0.0} GFLOP/s");
        }
        double sgemmRate = Gflops(productFlops, Benchmarks.Median(sgemm));
        double epochRate = perImage * (double)count / Benchmarks.Median(epochs) / 1e9;
        double best = Gflops(productFlops, sgemm.Min());
        table.Add(new BenchRow(Section, $"float32 matrix product (libtorch mm, {n}×{n})", "GFLOP/s", sgemmRate, null,
            $"2n³ FLOPs per product; median of {sgemm.Count} products in {settings.TrainRuns + 1} groups between the epochs (best {best:0.0}); threads {get_num_threads()}"));
        table.Add(new BenchRow(Section, "MnistCnn training epoch (Trainer.Fit)", "GFLOP/s", epochRate, null,
            $"{perImage / 1e6:0.0} MFLOP per image (3 × forward conv + dense, counted by Flops.Count) × {count:N0} images ÷ median epoch {Benchmarks.Median(epochs):0.00} s; batch {settings.BatchSize}, Adam"));
        table.Add(new BenchRow(Section, "MnistCnn epoch ÷ matrix-product rate", "%", 100 * epochRate / sgemmRate, null,
            "same run; goal ≥ 85 %"));
    }

    /// <summary>
    /// Per-layer forward and backward time of training steps as MnistCnn computes them, and the same steps with the
    /// changes the profile suggested (max-pool before ReLU; channels-last layout after conv1), interleaved in two groups.
    /// </summary>
    public void Profile(TorchSharpSide torchSharp)
    {
        var data = torchSharp.TrainingData("cnn");
        var variants = new (string Name, bool ChannelsLast, bool PoolFirst)[]
        {
            ("as MnistCnn computes it", false, false),
            ("max-pool before ReLU", false, true),
            ("max-pool before ReLU, channels-last after conv1", true, true),
        };
        var totals = new List<CnnProfile.Part>?[variants.Length];
        int batches = settings.ProfileBatches;
        for (int round = 0; round < 2; round++)
        {
            for (int k = 0; k < variants.Length; k++)
            {
                int v = (k + round) % variants.Length;
                log.WriteLine($"cnn limit: profile, {batches} steps, {variants[v].Name} …");
                using var model = (MnistCnn)TorchSharpSide.Create("cnn", settings.Seed);
                using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
                var profile = new CnnProfile(model, variants[v].ChannelsLast, variants[v].PoolFirst);
                profile.Run(data, settings.BatchSize, 5, settings.Seed, optimizer); // warm-up: oneDNN primitives, allocator
                var parts = profile.Run(data, settings.BatchSize, batches, settings.Seed + round, optimizer);
                totals[v] = totals[v] is { } sum
                    ? sum.Zip(parts, (a, b) => a with { ForwardMs = a.ForwardMs + b.ForwardMs, BackwardMs = a.BackwardMs + b.BackwardMs }).ToList()
                    : parts.ToList();
            }
        }
        int steps = 2 * batches;
        double StepMs(List<CnnProfile.Part> parts) => parts.Sum(p => p.ForwardMs + p.BackwardMs) / steps;
        var plain = totals[0]!;
        double stepMs = StepMs(plain);
        foreach (var part in plain)
        {
            double ms = (part.ForwardMs + part.BackwardMs) / steps;
            string rates = part.ForwardFlopsPerImage == 0 ? "" :
                $"; forward {part.ForwardMs / steps:0.00} ms at {Gflops(part.ForwardFlopsPerImage * settings.BatchSize, part.ForwardMs / steps):0.0} GFLOP/s, " +
                $"backward {part.BackwardMs / steps:0.00} ms at {Gflops(BackwardFlops(part) * settings.BatchSize, part.BackwardMs / steps):0.0} GFLOP/s";
            string split = part.BackwardMs > 0 && part.ForwardFlopsPerImage == 0 ? $"; forward {part.ForwardMs / steps:0.00} ms, backward {part.BackwardMs / steps:0.00} ms" : "";
            table.Add(new BenchRow(Section, $"profile: {part.Name}", "ms/step", ms, null, $"{100 * ms / stepMs:0.0} % of the step{rates}{split}"));
        }
        table.Add(new BenchRow(Section, "profile: whole step (sum of the parts)", "ms/step", stepMs, null,
            $"batch {settings.BatchSize}, {steps} steps in 2 interleaved groups; {settings.BatchSize / stepMs * 1000:0} images/s"));
        for (int v = 1; v < variants.Length; v++)
        {
            var parts = totals[v]!;
            string changed = string.Join(", ", plain.Zip(parts).Where(p => p.First.Name.StartsWith("conv") || p.First.Name.StartsWith("relu + max-pool"))
                .Select(p => $"{p.First.Name} {(p.First.ForwardMs + p.First.BackwardMs) / steps:0.00} → {(p.Second.ForwardMs + p.Second.BackwardMs) / steps:0.00} ms"));
            table.Add(new BenchRow(Section, $"profile: whole step, {variants[v].Name}", "ms/step", StepMs(parts), null,
                $"{StepMs(parts) / stepMs:0.00}× the step as MnistCnn computes it; {changed}"));
        }
    }

    // The first layer's input gradient is not needed (the images do not require one), so its backward is one product.
    private static long BackwardFlops(CnnProfile.Part part) => part.Name == "conv1" ? part.ForwardFlopsPerImage : 2 * part.ForwardFlopsPerImage;

    /// <summary>
    /// Attempts to bring the epoch closer to the limit, each a Trainer.Fit run on the same images, interleaved round by
    /// round (the order rotates), so a busy spell hits all of them: batch size per core and thread count.
    /// </summary>
    public void Attempts(TorchSharpSide torchSharp)
    {
        int count = settings.AttemptCount, threads = get_num_threads();
        int otherThreads = threads == 1 ? 2 : 1;
        static string Threads(int n) => n == 1 ? "1 thread" : $"{n} threads";
        var attempts = new List<(string Name, int Batch, int Threads)>
        {
            ($"batch {settings.BatchSize}, {Threads(threads)} (the Trainer's default batch)", settings.BatchSize, threads),
            ("batch 128", 128, threads),
            ("batch 256", 256, threads),
            ($"batch {settings.BatchSize}, {Threads(otherThreads)}", settings.BatchSize, otherThreads),
        };
        var seconds = attempts.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < settings.TrainRuns; round++)
        {
            for (int k = 0; k < attempts.Count; k++)
            {
                int i = (k + round) % attempts.Count;
                var attempt = attempts[i];
                set_num_threads(attempt.Threads);
                try { seconds[i].Add(torchSharp.TrainEpoch("cnn", attempt.Batch, count, settings.Seed).Seconds); }
                finally { set_num_threads(threads); }
            }
            log.WriteLine($"cnn limit: attempts round {round + 1}: {string.Join(", ", seconds.Select(s => $"{s[^1]:0.00} s"))}");
        }
        double baseline = count / Benchmarks.Median(seconds[0]);
        for (int i = 0; i < attempts.Count; i++)
        {
            double rate = count / Benchmarks.Median(seconds[i]);
            table.Add(new BenchRow(Section, $"attempt: {attempts[i].Name}", "images/s", rate, null,
                $"{rate / baseline:0.00}× the default; Trainer.Fit on {count:N0} images, median of {settings.TrainRuns} (interleaved)"));
        }
    }

    /// <summary>bfloat16 mixed precision (TrainOptions.Precision) beside float32: speed and test accuracy after the same epochs.</summary>
    public void Bfloat16(TorchSharpSide torchSharp, TensorDataset test)
    {
        var cpu = CpuFeatures.Detect();
        int count = settings.Bf16Count, epochs = settings.Bf16Epochs;
        string instructions = cpu.DescribeBf16();
        log.WriteLine($"cnn limit: bfloat16 vs float32, {epochs} epoch(s) of {count:N0} ({instructions}) …");
        var runs = new Dictionary<ScalarType, List<(double ImagesPerSecond, double Accuracy)>> { [ScalarType.Float32] = [], [ScalarType.BFloat16] = [] };
        using var data = torchSharp.TrainingData("cnn").Take(count);
        for (int round = 0; round < settings.Bf16Runs; round++)
        {
            foreach (var precision in round % 2 == 0 ? new[] { ScalarType.Float32, ScalarType.BFloat16 } : [ScalarType.BFloat16, ScalarType.Float32])
            {
                using var model = TorchSharpSide.Create("cnn", settings.Seed);
                var history = Trainer.Fit(model, data, options: new TrainOptions
                {
                    Epochs = epochs, BatchSize = settings.BatchSize, Seed = settings.Seed, Quiet = true, Device = CPU, Precision = precision,
                });
                double imagesPerSecond = Benchmarks.Median(history.Epochs.Select(e => e.SamplesPerSecond).ToList());
                runs[precision].Add((imagesPerSecond, Trainer.Evaluate(model, test).Accuracy!.Value));
            }
        }
        double Speed(ScalarType t) => Benchmarks.Median(runs[t].Select(r => r.ImagesPerSecond).ToList());
        double Accuracy(ScalarType t) => Benchmarks.Median(runs[t].Select(r => r.Accuracy).ToList());
        string setup = $"{epochs} epoch(s) of {count:N0} images, batch {settings.BatchSize}, Adam 1e-3, same seed; median of {settings.Bf16Runs} runs (interleaved); CPU bfloat16 instructions: {instructions}";
        table.Add(new BenchRow(Section, "float32 training speed", "images/s", Speed(ScalarType.Float32), null, setup));
        table.Add(new BenchRow(Section, "bfloat16 + float32 master weights, training speed", "images/s", Speed(ScalarType.BFloat16), null,
            $"{Speed(ScalarType.BFloat16) / Speed(ScalarType.Float32):0.00}× float32; TrainOptions.Precision = BFloat16"));
        table.Add(new BenchRow(Section, "float32, test accuracy", "%", 100 * Accuracy(ScalarType.Float32), null, $"10,000 test images after {epochs} epoch(s)"));
        table.Add(new BenchRow(Section, "bfloat16 + float32 master weights, test accuracy", "%", 100 * Accuracy(ScalarType.BFloat16), null,
            $"{100 * (Accuracy(ScalarType.BFloat16) - Accuracy(ScalarType.Float32)):+0.00;-0.00} points against float32"));
    }
}

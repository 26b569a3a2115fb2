namespace Course.Bench;

/// <summary>How much to measure. <see cref="Full"/> fits in about 20 minutes on 2 idle cores, <see cref="Quick"/> in about 4.</summary>
public sealed record Settings
{
    /// <summary>Short runs on a fixed subset (the first images of the training set), for a quick comparison.</summary>
    public bool QuickMode { get; init; }

    /// <summary>CPU threads for both frameworks' intra-op parallelism.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Inter-op threads for both frameworks (1: the models have no independent branches to run in parallel).</summary>
    public int InteropThreads { get; init; } = 1;

    /// <summary>Examples per training step (the Trainer's default).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Training images per epoch, per model (the first N of the 60,000).</summary>
    public IReadOnlyDictionary<string, int> TrainCount { get; init; } = new Dictionary<string, int>();

    /// <summary>Timed epochs per framework and model (interleaved); the table shows their median.</summary>
    public int TrainRuns { get; init; } = 3;

    /// <summary>Images in the unrecorded warm-up epoch before the timed ones.</summary>
    public int WarmupCount { get; init; } = 1280;

    /// <summary>Interleaved rounds of the inference measurements.</summary>
    public int InferenceRounds { get; init; } = 3;

    /// <summary>Timed single-image predictions per round (after <see cref="LatencyWarmup"/> unrecorded ones).</summary>
    public int LatencyRuns { get; init; } = 300;

    /// <summary>Unrecorded single-image predictions before timing.</summary>
    public int LatencyWarmup { get; init; } = 50;

    /// <summary>Batch size of the throughput measurement.</summary>
    public int ThroughputBatch { get; init; } = 256;

    /// <summary>Timed batches per round.</summary>
    public int ThroughputIterations { get; init; } = 10;

    /// <summary>Repeated (warm) loads of MNIST after the first (cold) one.</summary>
    public int WarmLoads { get; init; } = 5;

    /// <summary>Epochs of the memory run and the images per epoch.</summary>
    public int MemoryEpochs { get; init; } = 5;

    /// <summary>Training images per epoch in the memory run.</summary>
    public int MemoryCount { get; init; } = 10_000;

    /// <summary>Side of the square float32 matrix product that measures the machine's limit (2048: 17 GFLOP, compute-bound).</summary>
    public int SgemmSize { get; init; } = 2048;

    /// <summary>Timed matrix products in each group between the CNN epochs.</summary>
    public int SgemmRepeats { get; init; } = 5;

    /// <summary>Training steps per profile group (two groups each, plain and channels-last).</summary>
    public int ProfileBatches { get; init; } = 200;

    /// <summary>Training images per run of each attempt (batch size, threads).</summary>
    public int AttemptCount { get; init; } = 20_000;

    /// <summary>Training images per epoch of the bfloat16/float32 comparison.</summary>
    public int Bf16Count { get; init; } = 60_000;

    /// <summary>Epochs of each bfloat16/float32 run (the accuracy is read after them).</summary>
    public int Bf16Epochs { get; init; } = 2;

    /// <summary>Runs of each precision, interleaved.</summary>
    public int Bf16Runs { get; init; } = 2;

    /// <summary>Seed for models, shuffling and data order (the same on both sides).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The full benchmark: whole epochs over all 60,000 training images.</summary>
    public static Settings Full => new()
    {
        TrainCount = new Dictionary<string, int> { ["cnn"] = 60_000, ["mlp"] = 60_000, ["lstm"] = 60_000 },
    };

    /// <summary>The quick benchmark: fixed subsets (the first 1,280 images; 6,400 for the MLP), fewer repeats.</summary>
    public static Settings Quick => new()
    {
        QuickMode = true,
        TrainCount = new Dictionary<string, int> { ["cnn"] = 1_280, ["mlp"] = 6_400, ["lstm"] = 1_280 },
        WarmupCount = 320,
        LatencyRuns = 100,
        LatencyWarmup = 20,
        ThroughputIterations = 5,
        WarmLoads = 3,
        MemoryCount = 2_000,
        SgemmRepeats = 3,
        ProfileBatches = 30,
        AttemptCount = 3_200,
        Bf16Count = 3_200,
        Bf16Epochs = 1,
    };
}

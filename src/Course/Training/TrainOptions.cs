using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>How <see cref="Trainer.Fit"/> trains. Every setting has a sensible default; change them with <c>with</c>.</summary>
public sealed record TrainOptions
{
    /// <summary>What to minimise; default cross-entropy (classification).</summary>
    public Loss Loss { get; init; } = Loss.CrossEntropy;

    /// <summary>Makes the optimizer from the model's parameters; default Adam with learning rate 1e-3.</summary>
    public Func<IEnumerable<Parameter>, optim.Optimizer> Optimizer { get; init; } = parameters => optim.Adam(parameters, lr: 1e-3);

    /// <summary>
    /// Passes over the training data; null means no epoch limit: training runs until a callback stops it (e.g.
    /// <see cref="StopWhen"/> for a time budget) or it is cancelled.
    /// </summary>
    public int? Epochs { get; init; } = 3;

    /// <summary>Examples per optimizer step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Seeds libtorch and the shuffling at the start of Fit (see <see cref="Seeds.Set"/>), so runs repeat.</summary>
    public long Seed { get; init; } = 0;

    /// <summary>
    /// Early stopping, learning-rate schedules, gradient clipping and recording, stopping conditions, your own hooks; run
    /// in this order (put a <see cref="GradientNormRecorder"/> before a <see cref="GradientClipping"/> to record the norms
    /// before clipping).
    /// </summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Progress displays besides the built-in one (e.g. a live loss chart).</summary>
    public IReadOnlyList<IProgressReporter> Reporters { get; init; } = [];

    /// <summary>Device to train on; default <see cref="Platform.TorchRuntime.Device"/>.</summary>
    public Device? Device { get; init; }

    /// <summary>No built-in progress display (reporters in <see cref="Reporters"/> still run).</summary>
    public bool Quiet { get; init; }

    /// <summary>
    /// The type forward and backward compute in: <c>ScalarType.Float32</c> (default) or <c>ScalarType.BFloat16</c>,
    /// mixed precision with float32 master weights (the optimizer updates float32 copies; the model computes in
    /// bfloat16 during Fit and is float32 again afterwards, with the master weights). bfloat16 is faster only on CPUs
    /// with bfloat16 instructions (<see cref="Platform.CpuFeatures"/>) and on recent GPUs. Float16 is refused: it needs
    /// loss scaling.
    /// </summary>
    public ScalarType Precision { get; init; } = ScalarType.Float32;

    /// <summary>Applied to each training batch's features (e.g. <see cref="Data.Augment.ShiftAndRotate"/>); never to validation data.</summary>
    public Func<Tensor, Tensor>? Transform { get; init; }

    /// <summary>Stops training between batches when signalled (as is an interrupted notebook cell).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Default batch size for validation, <see cref="Trainer.Evaluate"/> and <see cref="Trainer.Predict"/>. Larger is not
    /// faster on a CPU: MnistCnn scored the 10,000 test images at 10,100 images/s in batches of 256 and 6,900 in batches
    /// of 1,000, whose 100 MB activations no longer fit the memory reused between batches (see Platform.CpuMemory).
    /// </summary>
    public const int DefaultEvaluationBatchSize = 256;

    /// <summary>Batch size for validation and <see cref="Trainer.Evaluate"/>.</summary>
    public int EvaluationBatchSize { get; init; } = DefaultEvaluationBatchSize;
}

using TorchSharp;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Course.Training;

/// <summary>
/// Changes the learning rate during training by wrapping one of TorchSharp's schedulers. Epoch-based schedules
/// (step, cosine) advance after each epoch; one-cycle advances after each batch, as it is defined.
/// </summary>
public sealed class LearningRateSchedule : ITrainingCallback
{
    private readonly Func<torch.optim.Optimizer, TrainingContext, LRScheduler> create;
    private readonly bool perBatch;
    private LRScheduler? scheduler;

    private LearningRateSchedule(string name, bool perBatch, Func<torch.optim.Optimizer, TrainingContext, LRScheduler> create)
    {
        Name = name;
        this.perBatch = perBatch;
        this.create = create;
    }

    /// <summary>What the schedule does, e.g. "step(every 2 epochs, ×0.1)".</summary>
    public string Name { get; }

    /// <summary>Multiplies the learning rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public static LearningRateSchedule Step(int stepSize, double gamma = 0.1) =>
        new($"step(every {stepSize} epochs, ×{gamma})", false, (o, _) => StepLR(o, stepSize, gamma));

    /// <summary>Cosine annealing from the optimizer's learning rate down to <paramref name="minimum"/> over all epochs (or <paramref name="epochs"/>).</summary>
    public static LearningRateSchedule Cosine(double minimum = 0.0, int? epochs = null) =>
        new($"cosine(to {minimum})", false, (o, c) => CosineAnnealingLR(o, epochs ?? RunLength(c, "Cosine"), minimum));

    /// <summary>One-cycle: warm up to <paramref name="maxLearningRate"/>, then anneal far below the start, over the whole run.</summary>
    public static LearningRateSchedule OneCycle(double maxLearningRate) =>
        new($"one-cycle(max {maxLearningRate})", true,
            (o, c) => OneCycleLR(o, maxLearningRate, total_steps: RunLength(c, "OneCycle") * c.BatchesPerEpoch));

    // Schedules that span the whole run need to know its length.
    private static int RunLength(TrainingContext context, string schedule) => context.Options.Epochs
        ?? throw new ArgumentException($"LearningRateSchedule.{schedule} spans the whole run, but Epochs is null (no limit): set Epochs" +
            (schedule == "Cosine" ? " or pass epochs: to Cosine." : "."));

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext context) => scheduler = create(context.Optimizer, context);

    /// <inheritdoc />
    public void OnBatchEnd(TrainingContext context)
    {
        if (perBatch) scheduler!.step();
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context)
    {
        if (!perBatch) scheduler!.step();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

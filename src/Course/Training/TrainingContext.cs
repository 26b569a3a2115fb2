using TorchSharp;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>The state of a running <see cref="Trainer.Fit"/>, as callbacks and progress reporters see it.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, TrainOptions options, History history, int batchesPerEpoch)
    {
        Model = model;
        Optimizer = optimizer;
        Options = options;
        History = history;
        BatchesPerEpoch = batchesPerEpoch;
    }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The optimizer made by <see cref="TrainOptions.Optimizer"/>.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The options of this run.</summary>
    public TrainOptions Options { get; }

    /// <summary>Epochs completed so far.</summary>
    public History History { get; }

    /// <summary>Current epoch (1-based).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Current batch within the epoch (1-based).</summary>
    public int Batch { get; internal set; }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Loss of the last batch.</summary>
    public double BatchLoss { get; internal set; }

    /// <summary>Learning rate of the optimizer's first parameter group right now.</summary>
    public double LearningRate => Optimizer.ParamGroups.First().LearningRate;

    /// <summary>Set to true to end training after the current batch (from <see cref="ITrainingCallback.OnBatchEnd"/>) or epoch.</summary>
    public bool StopRequested { get; set; }

    /// <summary>Why training should stop, shown in <see cref="History.StopReason"/>.</summary>
    public string? StopReason { get; set; }
}

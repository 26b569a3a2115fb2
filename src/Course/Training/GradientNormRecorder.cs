using Course.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// Records the gradient norms of every training step, after backward and before any clipping that follows it in
/// <see cref="TrainOptions.Callbacks"/>: per parameter, in total, and, for sequence models that can record their hidden
/// states (<see cref="IHiddenStateRecorder"/>), per time step. Recording per time step makes those models run step by
/// step, which is slower; the model's own setting is put back when training ends, also when it fails.
/// </summary>
public sealed class GradientNormRecorder : ITrainingCallback, ITrainingCleanup
{
    private readonly List<GradientNormRecord> records = [];
    private List<(string Name, Parameter Parameter)> parameters = [];
    private IHiddenStateRecorder? recorder;
    private bool wasRecording;

    /// <summary>One record per step of the last run, in order.</summary>
    public IReadOnlyList<GradientNormRecord> Records => records;

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext context)
    {
        records.Clear();
        parameters = context.Model.named_parameters().ToList();
        recorder = context.Model as IHiddenStateRecorder;
        wasRecording = recorder?.RecordHiddenStates ?? false;
        if (recorder is not null) recorder.RecordHiddenStates = true;
    }

    /// <inheritdoc />
    public void OnAfterBackward(TrainingContext context)
    {
        var perLayer = new Dictionary<string, double>();
        double squares = 0;
        foreach (var (name, parameter) in parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            double norm = grad.norm().ToDouble();
            perLayer[name] = norm;
            squares += norm * norm;
        }
        double[]? perStep = recorder?.HiddenStates.Select(h => h.grad is { } g ? g.norm().ToDouble() : 0.0).ToArray();
        records.Add(new GradientNormRecord(context.Epoch, context.Batch, Math.Sqrt(squares), perLayer, perStep is { Length: > 0 } ? perStep : null));
    }

    // The recorded states belong to the step's dispose scope; holding them longer would keep freed tensors.
    /// <inheritdoc />
    public void OnBatchEnd(TrainingContext context) => recorder?.ClearHiddenStates();

    void ITrainingCleanup.AfterTraining()
    {
        if (recorder is null) return;
        recorder.RecordHiddenStates = wasRecording;
        recorder.ClearHiddenStates();
        recorder = null;
    }
}

/// <summary>A callback that must undo a change to the model even when training fails (called by Fit in a finally block).</summary>
internal interface ITrainingCleanup
{
    void AfterTraining();
}

using Course.Models;
using Course.Platform;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// How much of the loss's gradient reaches each time step of a sequence model: ‖∂loss/∂h_t‖ for t = 1..T,
/// averaged over the batch, for a model as it is now (untrained or trained). The parameters are not changed.
/// (During training, a <see cref="GradientNormRecorder"/> records the same per step.)
/// </summary>
public static class GradientFlow
{
    /// <summary>
    /// One forward and backward pass of <paramref name="model"/> on (<paramref name="features"/> [N, T, F],
    /// <paramref name="targets"/>) with <paramref name="loss"/>; returns ‖∂loss/∂h_t‖ per step, oldest first.
    /// The norm is over the whole batch's h_t; the model's gradients are cleared afterwards.
    /// </summary>
    public static double[] PerTimeStep(SequenceModel model, Tensor features, Tensor targets, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(loss);
        TorchRuntime.EnsureLoaded();
        var device = model.parameters().First().device;
        bool wasRecording = model.RecordHiddenStates, wasTraining = model.training;
        model.RecordHiddenStates = true;
        model.eval();
        try
        {
            using var enabled = enable_grad();
            using var scope = NewDisposeScope();
            model.zero_grad();
            var output = model.call(features.to(device));
            loss.Compute(output, targets.to(device)).backward();
            var norms = model.HiddenStates.Select(h => h.grad is { } g ? g.norm().ToDouble() : 0.0).ToArray();
            model.zero_grad();
            return norms;
        }
        finally
        {
            model.ClearHiddenStates();
            model.RecordHiddenStates = wasRecording;
            model.train(wasTraining);
        }
    }
}

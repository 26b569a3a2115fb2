using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Sequences;

[Collection(TorchCollection.Name)]
public sealed class GradientFlowTests
{
    public GradientFlowTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Per_step_norms_match_what_the_trainer_records_for_the_same_batch_and_leave_the_weights_alone()
    {
        var data = Synthetic.AddingProblem(16, 12, seed: 5);
        Seeds.Set(6);
        using var model = new SequenceRegressor(2, 8, kind: RecurrentKind.Rnn);
        var before = model.parameters().Select(p => p.detach().clone()).ToList();

        var norms = GradientFlow.PerTimeStep(model, data.Features, data.Labels, Loss.MeanSquaredError);

        Assert.Equal(12, norms.Length);
        Assert.All(norms, n => Assert.True(n > 0));
        Assert.All(model.parameters().Zip(before), p => Assert.True(p.First.allclose(p.Second, 0, 0)));
        Assert.All(model.parameters(), p => Assert.True(p.grad is null || p.grad.abs().max().ToDouble() == 0));
        Assert.False(model.RecordHiddenStates);

        // One full-batch step of the trainer sees the same gradient (the mean loss does not depend on order).
        var recorder = new GradientNormRecorder();
        Trainer.Fit(model, data, options: new TrainOptions
        {
            Loss = Loss.MeanSquaredError, Epochs = 1, BatchSize = 16, Callbacks = [recorder], Quiet = true,
        });
        var recorded = recorder.Records[0].PerTimeStep!;
        for (int t = 0; t < 12; t++) Assert.Equal(recorded[t], norms[t], recorded[t] * 1e-4);
    }

    [Fact]
    public void In_an_untrained_tanh_rnn_the_gradient_shrinks_going_back_in_time()
    {
        var data = Synthetic.AddingProblem(64, 40, seed: 7);
        Seeds.Set(8);
        using var model = new SequenceRegressor(2, 16, kind: RecurrentKind.Rnn);
        var norms = GradientFlow.PerTimeStep(model, data.Features, data.Labels, Loss.MeanSquaredError);
        Assert.True(norms[0] < norms[^1] * 1e-3, $"first step {norms[0]:E2} vs last {norms[^1]:E2}");
    }
}

using Course.Data;
using Course.Exercises;
using Course.Models;
using Course.Training;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

/// <summary>Notebook 06's method exercises: the pruning mask and the distillation loss, judged against the library.</summary>
[Collection(TorchCollection.Name)]
public sealed class Notebook0506CraftExerciseTests
{
    public Notebook0506CraftExerciseTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Mask(Tensor w, double s, bool signed)
    {
        long pruned = (long)Math.Round(s * w.numel());
        var mask = ones_like(w).flatten();
        var key = signed ? w.flatten() : w.abs().flatten();
        if (pruned > 0) mask.index_fill_(0, key.argsort().narrow(0, 0, pruned), 0);
        return mask.reshape(w.shape);
    }

    private static Tensor Loss(Tensor s, Tensor t, Tensor y, double T, double a, double power)
    {
        var logS = nn.functional.log_softmax(s / T, 1);
        var logT = nn.functional.log_softmax(t / T, 1);
        var kl = (logT.exp() * (logT - logS)).sum(1).mean();
        return a * Math.Pow(T, power) * kl + (1 - a) * nn.functional.cross_entropy(s, y);
    }

    private static Tensor StubMask(Tensor weight, double sparsity) => throw new NotImplementedException();

    [Fact]
    public void The_pruning_mask_matches_the_library_and_ranking_signed_weights_gets_its_hint()
    {
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("06-pruning-mask", (Tensor w, double s) => Mask(w, s, signed: false)).Outcome);
        var signed = Exercise.Check("06-pruning-mask", (Tensor w, double s) => Mask(w, s, signed: true));
        Assert.Equal(CheckOutcome.Hint, signed.Outcome);
        Assert.Contains("Rank by |w|", signed.Message);
        var inverted = Exercise.Check("06-pruning-mask", (Tensor w, double s) => 1 - Mask(w, 1 - s, signed: false));
        Assert.Equal(CheckOutcome.Hint, inverted.Outcome);
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("06-pruning-mask", StubMask).Outcome);
    }

    [Fact]
    public void The_distillation_loss_matches_the_library_and_forgetting_T_squared_gets_its_hint()
    {
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("06-distillation-loss", (Tensor s, Tensor t, Tensor y, double T, double a) => Loss(s, t, y, T, a, 2)).Outcome);
        var noScale = Exercise.Check("06-distillation-loss", (Tensor s, Tensor t, Tensor y, double T, double a) => Loss(s, t, y, T, a, 0));
        Assert.Equal(CheckOutcome.Hint, noScale.Outcome);
        Assert.Contains("T²", noScale.Message);
    }

    private static (int, double) ChooseOn(TensorDataset train, TensorDataset scored, double seconds)
    {
        var best = (Batch: 0, Rate: 0.0, Accuracy: -1.0);
        foreach (int batch in new[] { 16, 128 })
            foreach (double rate in new[] { 1e-5, 1e-3 })
            {
                using var model = new MnistMlp(dropout: 0);
                var run = TimeBudget.Fit(model, train, scored, new TrainOptions { BatchSize = batch, Seed = 2, Quiet = true, Optimizer = p => optim.Adam(p, lr: rate) }, seconds);
                if (run.Validation.Accuracy!.Value > best.Accuracy) best = (batch, rate, run.Validation.Accuracy.Value);
            }
        return (best.Batch, best.Rate);
    }

    [Fact]
    public void The_budget_choice_passes_on_validation_with_one_thread_and_fails_when_it_scores_on_test()
    {
        int threads = get_num_threads();
        try
        {
            set_num_threads(1);   // fewer steps in the budget than on any CI machine: the right rate must still win
            var onValidation = Exercise.Check("05-budget-choice", (TensorDataset train, TensorDataset validation, double seconds) => ChooseOn(train, validation, seconds));
            Assert.True(onValidation.Outcome == CheckOutcome.Pass, onValidation.Message);
        }
        finally { set_num_threads(threads); }

        var (_, test) = Mnist.Load();
        var onTest = Exercise.Check("05-budget-choice", (TensorDataset train, TensorDataset validation, double seconds) => ChooseOn(train, test.Take(1_000), seconds));
        Assert.Equal(CheckOutcome.Hint, onTest.Outcome);
        Assert.Contains("test set was evaluated", onTest.Message);
    }

    private static (Tensor W, Tensor M, Tensor V) AdamW(Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay, bool biasCorrection = true, bool throughGradient = false)
    {
        if (throughGradient) g = g + w * decay;
        var m2 = m * 0.9 + g * 0.1;
        var v2 = v * 0.999 + g * g * 0.001;
        var (mHat, vHat) = biasCorrection ? (m2 / (1 - Math.Pow(0.9, t)), v2 / (1 - Math.Pow(0.999, t))) : (m2, v2);
        return (w - w * (throughGradient ? 0 : lr * decay) - mHat / (vHat.sqrt() + 1e-8) * lr, m2, v2);
    }

    [Fact]
    public void AdamW_by_hand_matches_optim_AdamW_and_its_typical_mistakes_get_their_hints()
    {
        var right = Exercise.Check("05-adamw-step", (Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay) => AdamW(w, g, m, v, t, lr, decay));
        Assert.True(right.Outcome == CheckOutcome.Pass, right.Message);

        var l2 = Exercise.Check("05-adamw-step", (Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay) => AdamW(w, g, m, v, t, lr, decay, throughGradient: true));
        Assert.Equal(CheckOutcome.Hint, l2.Outcome);
        Assert.Contains("Adam + L2", l2.Message);
        Assert.DoesNotContain("expected", l2.Message, StringComparison.OrdinalIgnoreCase);

        var uncorrected = Exercise.Check("05-adamw-step", (Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay) => AdamW(w, g, m, v, t, lr, decay, biasCorrection: false));
        Assert.Equal(CheckOutcome.Hint, uncorrected.Outcome);
        Assert.Contains("bias", uncorrected.Message);

        // Plain Adam (no decay at all) is neither right nor one of the anticipated mistakes.
        var adam = Exercise.Check("05-adamw-step", (Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay) => AdamW(w, g, m, v, t, lr, 0));
        Assert.Equal(CheckOutcome.Wrong, adam.Outcome);

        (Tensor, Tensor, Tensor) Stub(Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay) => throw new NotImplementedException();
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("05-adamw-step", Stub).Outcome);
    }
}

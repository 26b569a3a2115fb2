using Course.Data;
using Course.Models;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>
/// Notebook 04 · the craft: one GRU step written from its equations and matched against <c>nn.GRUCell</c>; gradient
/// clipping by the global norm, judged on unit cases (the method) and on the exploding IRNN run it must rescue (the outcome).
/// </summary>
internal sealed class Notebook04Craft : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() => [GruStepExercise(), new ClippingRescuesExplodingRun()];

    private static FunctionExercise<(Tensor X, Tensor H, Tensor WeightIh, Tensor WeightHh, Tensor BiasIh, Tensor BiasHh), Tensor> GruStepExercise() =>
        new("04-gru-step", "Tensor GruStep(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh)",
            reference: c => ByGruCell(c.X, c.H, c.WeightIh, c.WeightHh, c.BiasIh, c.BiasHh),
            inputs: GruCases,
            hints:
            [
                ((c, got) => Close(got, GruVariant(c, swapUpdate: true)),
                    "The update gate is the share of the OLD state kept: h' = (1 − z) ⊙ n + z ⊙ h (z = 1 keeps h)."),
                ((c, got) => Close(got, GruVariant(c, resetOutsideBias: true)),
                    "PyTorch applies the reset gate to the whole recurrent term, bias included: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))."),
                ((c, got) => Close(got, GruVariant(c, swapResetAndUpdate: true)),
                    "PyTorch stacks the gates as reset, update, candidate: rows 0..H−1 are r, H..2H−1 are z, 2H..3H−1 are n."),
            ]);

    // Random weights that no GRUCell made: a function that builds its own cell instead of using the given weights fails.
    private static IEnumerable<(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)> GruCases()
    {
        using var generator = new Generator(4);
        foreach (var (batch, inputs, hidden) in new[] { (1, 2, 3), (4, 5, 6), (3, 1, 8) })
        {
            Tensor Normal(params long[] shape) => randn(shape, dtype: ScalarType.Float64, generator: generator) * 0.7;
            yield return (Normal(batch, inputs), Normal(batch, hidden), Normal(3 * hidden, inputs), Normal(3 * hidden, hidden),
                Normal(3 * hidden), Normal(3 * hidden));
        }
    }

    private static Tensor ByGruCell(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh)
    {
        using var noGrad = no_grad();
        using var cell = nn.GRUCell(x.shape[1], h.shape[1], dtype: ScalarType.Float64);
        var given = new Dictionary<string, Tensor> { ["weight_ih"] = weightIh, ["weight_hh"] = weightHh, ["bias_ih"] = biasIh, ["bias_hh"] = biasHh };
        foreach (var (name, parameter) in cell.named_parameters()) parameter.copy_(given[name]);
        return cell.call(x, h).detach();
    }

    // The step with one typical mistake built in, so a learner's result can be recognised as that mistake.
    private static Tensor GruVariant((Tensor X, Tensor H, Tensor WeightIh, Tensor WeightHh, Tensor BiasIh, Tensor BiasHh) c,
        bool swapUpdate = false, bool resetOutsideBias = false, bool swapResetAndUpdate = false)
    {
        var fromInput = (c.X.matmul(c.WeightIh.t()) + c.BiasIh).chunk(3, 1);
        var fromHidden = c.H.matmul(c.WeightHh.t()).chunk(3, 1);
        var hiddenBias = c.BiasHh.chunk(3);
        var (ri, zi) = swapResetAndUpdate ? (1, 0) : (0, 1);
        var r = sigmoid(fromInput[ri] + fromHidden[ri] + hiddenBias[ri]);
        var z = sigmoid(fromInput[zi] + fromHidden[zi] + hiddenBias[zi]);
        var n = tanh(fromInput[2] + (resetOutsideBias ? r * fromHidden[2] + hiddenBias[2] : r * (fromHidden[2] + hiddenBias[2])));
        return swapUpdate ? z * n + (1 - z) * c.H : (1 - z) * n + z * c.H;
    }

    private static bool Close(Tensor got, Tensor variant) =>
        got.shape.SequenceEqual(variant.shape) && got.detach().to_type(ScalarType.Float64).allclose(variant, rtol: 1e-6, atol: 1e-6);

    /// <summary>
    /// <c>void ClipGradients(IReadOnlyList&lt;Tensor&gt; gradients, double maxNorm)</c>, judged twice: on small cases whose
    /// right answer is known (one global norm, one factor, only shrinking, in place), then inside the exploding IRNN
    /// run of the notebook (scale 1.1, plain SGD, T = 100), which must train to a finite, falling validation loss with
    /// every step's norm at most the limit after the learner's function ran.
    /// </summary>
    private sealed class ClippingRescuesExplodingRun() : ExerciseDefinition("04-clip-exploding", "void ClipGradients(IReadOnlyList<Tensor> gradients, double maxNorm)")
    {
        private const double Limit = 1.0;

        public override CheckResult Judge(Delegate learner)
        {
            var clip = Bind<Action<IReadOnlyList<Tensor>, double>>(learner);
            foreach (var (name, gradients, maxNorm) in UnitCases())
            {
                var given = gradients.Select(g => g.clone()).ToList();
                clip(given, maxNorm);
                var right = Reference(gradients, maxNorm);
                if (given.Zip(right).All(p => p.First.allclose(p.Second, rtol: 1e-5, atol: 1e-7))) continue;
                return Diagnose(gradients, given, maxNorm) is { } hint
                    ? Hint(hint, name, given)
                    : Wrong("Not right for this case yet: compute the total norm by hand and compare.", name, given);
            }

            int steps = 0, overLimit = 0;
            History history;
            try
            {
                history = OneThread.Run(() => ExplodingRun(grads =>
                {
                    clip(grads, Limit);
                    steps++;
                    if (TotalNorm(grads) > Limit * (1 + 1e-4)) overLimit++;
                }));
            }
            catch (TrainingDivergedException e)
            {
                return Wrong($"The exploding run still diverged with your clipping: {e.Message.Split('\n')[0]}", "the IRNN run (scale 1.1, SGD, T = 100)", null);
            }
            if (steps == 0 || overLimit > 0)
                return Wrong($"After your function ran, {overLimit} of {steps} training steps still had a gradient norm above {Limit}.", "the IRNN run", null);
            bool recovered = history.Epochs.All(e => double.IsFinite(e.TrainLoss)) && history.Last!.ValidationLoss < history.Epochs[0].TrainLoss;
            return recovered
                ? Pass($"Right on every case, and the exploding run trained: validation loss {history.Last!.ValidationLoss:F3} after {history.Epochs.Count} epochs, every step clipped to norm ≤ {Limit}.")
                : Wrong("The run stayed finite but did not learn: its validation loss did not fall below the first epoch's training loss.", "the IRNN run", history.Last!.ValidationLoss);
        }

        private static IEnumerable<(string Name, List<Tensor> Gradients, double MaxNorm)> UnitCases()
        {
            // Global norm 13 (3-4-12 triangle): per-tensor clipping, or forgetting one tensor, gives something else.
            yield return ("gradients [3, 4] and [12], maxNorm 1", [tensor(new float[] { 3, 4 }), tensor(new float[] { 12 })], 1);
            // Already short enough: nothing may change.
            yield return ("gradients [0.3, 0.4] and [[0.1, 0.2]], maxNorm 1", [tensor(new float[] { 0.3f, 0.4f }), tensor(new float[,] { { 0.1f, 0.2f } })], 1);
            yield return ("gradients [1, -2, 2] and [[4], [0]] and [0], maxNorm 2.5",
                [tensor(new float[] { 1, -2, 2 }), tensor(new float[,] { { 4 }, { 0 } }), tensor(new float[] { 0 })], 2.5);
        }

        private static List<Tensor> Reference(IReadOnlyList<Tensor> gradients, double maxNorm)
        {
            double factor = Math.Min(1, maxNorm / TotalNorm(gradients));
            return gradients.Select(g => g * factor).ToList();
        }

        private static double TotalNorm(IReadOnlyList<Tensor> gradients) =>
            Math.Sqrt(gradients.Sum(g => g.to_type(ScalarType.Float64).pow(2).sum().item<double>()));

        private static string? Diagnose(IReadOnlyList<Tensor> original, IReadOnlyList<Tensor> got, double maxNorm)
        {
            bool Same(IEnumerable<Tensor> a) => got.Zip(a).All(p => p.First.allclose(p.Second, rtol: 1e-5, atol: 1e-7));
            if (Same(original) && TotalNorm(original) > maxNorm)
                return "Nothing changed: scale the tensors you are given in place (g.mul_(factor)); the optimizer reads those tensors, not a copy.";
            if (Same(original.Select(g => g * Math.Min(1, maxNorm / TotalNorm([g])))))
                return "Each tensor was clipped by its own norm: use ONE norm over all gradients together, √(Σ of every squared entry), and one factor for all.";
            if (Same(original.Select(g => g * (maxNorm / TotalNorm(original)))))
                return "Only shrink: when the total norm is already at most maxNorm, leave the gradients as they are (factor min(1, maxNorm / norm)).";
            return null;
        }

        // The notebook's exploding configuration, with the learner's function in place of GradientClipping.
        private static History ExplodingRun(Action<IReadOnlyList<Tensor>> clip)
        {
            using var train = Synthetic.AddingProblem(1600, 100, seed: 1);
            using var validation = Synthetic.AddingProblem(500, 100, seed: 2);
            Seeds.Set(1);
            using var model = new IdentityRnnRegressor(2, 32, recurrentScale: 1.1);
            return Trainer.Fit(model, train, validation, new TrainOptions
            {
                Loss = Loss.MeanSquaredError, Epochs = 4, BatchSize = 32, Seed = 1, Quiet = true,
                Callbacks = [new LearnerClipping(clip)],
                Optimizer = p => optim.SGD(p, 1e-2),
            });
        }

        private sealed class LearnerClipping(Action<IReadOnlyList<Tensor>> clip) : ITrainingCallback
        {
            public void OnAfterBackward(TrainingContext context) =>
                clip(context.Model.parameters().Select(p => p.grad).OfType<Tensor>().ToList());
        }
    }
}

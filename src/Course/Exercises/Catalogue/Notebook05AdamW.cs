using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 05 · the craft: AdamW's update written by hand, matched step by step against TorchSharp's optim.AdamW.</summary>
internal sealed class Notebook05AdamW : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() => [new AdamWStepExercise()];
}

/// <summary>
/// The learner writes one AdamW step (β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸); the check runs it for several steps on the loss
/// Σ w³/3 (gradient w²) and compares the weights with optim.AdamW's on the same start. The typical mistakes are
/// recognised by running them too: decay fed through Adam's moments (Adam + L2), decay without the learning rate,
/// and no bias correction.
/// </summary>
internal sealed class AdamWStepExercise() : ExerciseDefinition("05-adamw-step",
    "(Tensor W, Tensor M, Tensor V) AdamWStep(Tensor w, Tensor grad, Tensor m, Tensor v, int step, double lr, double weightDecay)")
{
    private const int Steps = 6;
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
    private static readonly (double Lr, double WeightDecay)[] Cases = [(0.1, 0.1), (0.01, 0.5), (0.05, 0.0)];

    private enum Variant { AdamW, AdamWithL2, DecayWithoutLr, NoBiasCorrection }

    public override CheckResult Judge(Delegate learner)
    {
        var step = Bind<Func<Tensor, Tensor, Tensor, Tensor, int, double, double, (Tensor, Tensor, Tensor)>>(learner);
        foreach (var (lr, decay) in Cases)
        {
            var input = $"w₀ = [0.5, −1, 2, 0, 3] (float64), loss Σ w³/3, lr = {lr}, weightDecay = {decay}, {Steps} steps";
            using var scope = NewDisposeScope();
            var got = Run((w, g, m, v, t) => step(w, g, m, v, t, lr, decay));
            var expected = WithTorch(lr, decay);
            if (got.shape.SequenceEqual(expected.shape) && got.allclose(expected, rtol: 1e-6, atol: 1e-9)) continue;
            foreach (var (variant, hint) in Hints)
                if (got.shape.SequenceEqual(expected.shape) && got.allclose(Run((w, g, m, v, t) => Step(w, g, m, v, t, lr, decay, variant)), rtol: 1e-6, atol: 1e-9))
                    return Hint(hint, input, got.clone());
            return Wrong("After these steps your weights differ from optim.AdamW's. Check each line against the update in the text.", input, got.clone());
        }
        return Pass("Step by step the same weights as optim.AdamW.");
    }

    private static readonly (Variant Variant, string Hint)[] Hints =
    [
        (Variant.AdamWithL2, "That is Adam + L2: adding λ·w to the gradient sends the decay through Adam's moments and its division by √v̂. AdamW subtracts lr·λ·w from the weights directly, outside the moments."),
        (Variant.DecayWithoutLr, "The decoupled decay is scaled by the learning rate too: subtract lr·λ·w, not λ·w."),
        (Variant.NoBiasCorrection, "Correct the moments' bias: divide m by (1 − β₁ᵗ) and v by (1 − β₂ᵗ) before the update (t counts from 1)."),
    ];

    /// <summary>Runs a step function from w₀ with m = v = 0 on the loss Σ w³/3, whose gradient is w².</summary>
    private static Tensor Run(Func<Tensor, Tensor, Tensor, Tensor, int, (Tensor W, Tensor M, Tensor V)> step)
    {
        var w = Start();
        var (m, v) = (zeros_like(w), zeros_like(w));
        for (int t = 1; t <= Steps; t++)
            (w, m, v) = step(w, w.pow(2), m, v, t);
        return w;
    }

    private static Tensor WithTorch(double lr, double decay)
    {
        var w = new Parameter(Start());
        using var optimizer = optim.AdamW([w], lr, Beta1, Beta2, Eps, decay);
        for (int t = 1; t <= Steps; t++)
        {
            optimizer.zero_grad();
            (w.pow(3).sum() / 3).backward();
            optimizer.step();
        }
        return w.detach().clone();
    }

    private static (Tensor W, Tensor M, Tensor V) Step(Tensor w, Tensor g, Tensor m, Tensor v, int t, double lr, double decay, Variant variant)
    {
        if (variant == Variant.AdamWithL2) g = g + w * decay;
        var m2 = m * Beta1 + g * (1 - Beta1);
        var v2 = v * Beta2 + g * g * (1 - Beta2);
        var (mHat, vHat) = variant == Variant.NoBiasCorrection ? (m2, v2) : (m2 / (1 - Math.Pow(Beta1, t)), v2 / (1 - Math.Pow(Beta2, t)));
        var shrink = variant switch { Variant.AdamWithL2 => 0, Variant.DecayWithoutLr => decay, _ => lr * decay };
        return (w - w * shrink - mHat / (vHat.sqrt() + Eps) * lr, m2, v2);
    }

    private static Tensor Start() => tensor(new[] { 0.5, -1, 2, 0, 3 }, dtype: ScalarType.Float64);
}

using Course.Exercises;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

/// <summary>
/// The parts of notebook 04's exercises of the craft that need no training run: a GRU step judged against nn.GRUCell,
/// and the unit cases of clipping by the global norm, whose typical mistakes must get their hints before any training.
/// (The solutions' full checks, training included, run in the course notebook tests.)
/// </summary>
public sealed class Notebook04CraftExerciseTests
{
    public Notebook04CraftExerciseTests() => TorchRuntime.EnsureLoaded();

    private static Tensor GruStep(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh, bool swapUpdate = false)
    {
        var fromInput = (x.matmul(weightIh.t()) + biasIh).chunk(3, 1);
        var fromHidden = (h.matmul(weightHh.t()) + biasHh).chunk(3, 1);
        var r = sigmoid(fromInput[0] + fromHidden[0]);
        var z = sigmoid(fromInput[1] + fromHidden[1]);
        var n = tanh(fromInput[2] + r * fromHidden[2]);
        return swapUpdate ? z * n + (1 - z) * h : (1 - z) * n + z * h;
    }

    [Fact]
    public void A_gru_step_from_the_equations_passes_and_its_typical_mistakes_get_their_hints()
    {
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("04-gru-step", (Tensor x, Tensor h, Tensor a, Tensor b, Tensor c, Tensor d) => GruStep(x, h, a, b, c, d)).Outcome);

        var swapped = Exercise.Check("04-gru-step", (Tensor x, Tensor h, Tensor a, Tensor b, Tensor c, Tensor d) => GruStep(x, h, a, b, c, d, swapUpdate: true));
        Assert.Equal(CheckOutcome.Hint, swapped.Outcome);
        Assert.Contains("share of the OLD state", swapped.Message);

        // A function that ignores the given weights and runs a fresh GRUCell of its own must not pass.
        var ownCell = Exercise.Check("04-gru-step", (Tensor x, Tensor h, Tensor a, Tensor b, Tensor c, Tensor d) =>
        {
            using var cell = nn.GRUCell(x.shape[1], h.shape[1], dtype: ScalarType.Float64);
            return cell.call(x, h).detach();
        });
        Assert.NotEqual(CheckOutcome.Pass, ownCell.Outcome);

        Tensor Stub(Tensor x, Tensor h, Tensor a, Tensor b, Tensor c, Tensor d) => throw new NotImplementedException();
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("04-gru-step", Stub).Outcome);
    }

    [Fact]
    public void Clipping_mistakes_are_named_on_the_unit_cases_before_any_training()
    {
        var perTensor = Exercise.Check("04-clip-exploding", (IReadOnlyList<Tensor> gradients, double maxNorm) =>
        {
            foreach (var g in gradients)
            {
                double norm = g.norm().item<float>();
                if (norm > maxNorm) g.mul_(maxNorm / norm);
            }
        });
        Assert.Equal(CheckOutcome.Hint, perTensor.Outcome);
        Assert.Contains("its own norm", perTensor.Message);

        var notInPlace = Exercise.Check("04-clip-exploding", (IReadOnlyList<Tensor> gradients, double maxNorm) =>
        {
            foreach (var g in gradients) { var clipped = g * 0.5; }
        });
        Assert.Equal(CheckOutcome.Hint, notInPlace.Outcome);
        Assert.Contains("in place", notInPlace.Message);

        var alwaysScaled = Exercise.Check("04-clip-exploding", (IReadOnlyList<Tensor> gradients, double maxNorm) =>
        {
            double norm = Math.Sqrt(gradients.Sum(g => g.pow(2).sum().item<float>()));
            foreach (var g in gradients) g.mul_(maxNorm / norm);
        });
        Assert.Equal(CheckOutcome.Hint, alwaysScaled.Outcome);
        Assert.Contains("Only shrink", alwaysScaled.Message);

        void Stub(IReadOnlyList<Tensor> gradients, double maxNorm) => throw new NotImplementedException();
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("04-clip-exploding", Stub).Outcome);
    }
}

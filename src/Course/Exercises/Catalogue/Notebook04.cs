using Course.Data;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 04 · RNNs: LSTM parameters, one RNN step by hand, the adding problem's constant baseline, clipping by norm.</summary>
internal sealed class Notebook04 : ExerciseSet
{
    // The weights the notebook's stub cell gives the learner for RnnStep (W_ih, b_ih, W_hh, b_hh of a 1 → 2 RNN).
    private static readonly double[] Wih = [0.5, -1.0], Bih = [0.1, 0.0], Bhh = [0.0, 0.2];
    private static readonly double[,] Whh = { { 0.2, -0.3 }, { 0.4, 0.1 } };

    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(int I, int H), long>("lstm-parameters", "long LstmParameters(int inputSize, int hiddenSize)",
            reference: s => { using var lstm = nn.LSTM(s.I, s.H); return lstm.parameters().Sum(p => p.numel()); },
            inputs: [(2, 32), (28, 128), (1, 1)],
            hints: [((s, got) => got == s.H * (s.I + s.H) + 2 * s.H, "That is a plain RNN layer: an LSTM has four gates, each with its own weights."),
                    ((s, got) => got == 4 * (s.H * (s.I + s.H) + s.H), "Close: PyTorch keeps two bias vectors per gate (b_ih and b_hh).")]),

        new FunctionExercise<(double X, double[] H), double[]>("rnn-step", "double[] RnnStep(double x, double[] hPrev)",
            reference: s => RnnStep(s.X, s.H),
            inputs: [(1.0, [0.0, 0.0]), (0.5, [0.3, -0.7]), (-2.0, [0.9, 0.9])],
            hints: [((s, got) => got.Any(v => Math.Abs(v) > 1), "h_t must go through tanh: every value lies in (−1, 1)."),
                    ((s, got) => s.H.Any(v => v != 0) && got.Zip(RnnStep(s.X, [0.0, 0.0])).All(p => Math.Abs(p.First - p.Second) < 1e-9), "You dropped W_hh·h_prev: the previous state is what makes it recurrent.")]),

        new FunctionExercise<(TensorDataset Data, double Constant), double>("adding-baseline", "double ConstantMse(TensorDataset data, double constant)",
            reference: c => (c.Data.Labels - c.Constant).square().mean().item<float>(),
            inputs: AddingProblemConstants,
            hints: [((c, got) => Math.Abs(got - (c.Data.Labels - c.Constant).abs().mean().item<float>()) < 1e-4, "That is the mean absolute error: square the differences."),
                    ((c, got) => Math.Abs(got - (c.Data.Labels - c.Constant).square().sum().item<float>()) < 1e-2, "Divide by the number of examples: MSE is a mean, not a sum.")],
            tolerance: 1e-4),

        new FunctionExercise<(double[] G, double C), double[]>("clip-by-norm", "double[] ClipByNorm(double[] g, double maxNorm)",
            reference: s => Clip(s.G, s.C),
            inputs: [([3.0, 4.0], 1.0), ([0.3, -0.4], 1.0), ([30.0, 1.0, -2.0], 5.0)],
            hints: [((s, got) => got.Zip(s.G).All(p => Math.Abs(p.First - Math.Clamp(p.Second, -s.C, s.C)) < 1e-9), "That clamps each element: norm clipping rescales the whole vector and keeps its direction."),
                    ((s, got) => Math.Abs(Norm(got) - s.C) < 1e-9 && Norm(s.G) < s.C, "A gradient already shorter than the limit must be left unchanged.")]),
    ];

    private static double[] RnnStep(double x, double[] h) =>
        [.. Enumerable.Range(0, 2).Select(i => Math.Tanh(Wih[i] * x + Bih[i] + Whh[i, 0] * h[0] + Whh[i, 1] * h[1] + Bhh[i]))];

    // One dataset for the three constants, made when the check runs and freed when it ends.
    private static IEnumerable<(TensorDataset, double)> AddingProblemConstants()
    {
        using var data = Synthetic.AddingProblem(5000, 20, seed: 3);
        foreach (var constant in new[] { 1.0, 0.0, 1.5 }) yield return (data, constant);
    }

    private static double Norm(double[] g) => Math.Sqrt(g.Sum(v => v * v));

    private static double[] Clip(double[] g, double maxNorm) => Norm(g) is var n && n <= maxNorm ? g : [.. g.Select(v => v * maxNorm / n)];
}

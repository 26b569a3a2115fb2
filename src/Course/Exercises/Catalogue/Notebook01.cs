using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 01 · regression losses: MSE, binary and categorical cross-entropy by hand, the noise floor.</summary>
internal sealed class Notebook01 : ExerciseSet
{
    private static readonly (double[] Y, double[] P)[] BinaryCases =
        [([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]), ([1, 0, 1], [0.8, 0.3, 0.6]), ([0, 0], [0.5, 0.99])];

    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(double[] Y, double[] P), double>("01-mse", "double MseOf(double[] y, double[] p)",
            reference: c => nn.functional.mse_loss(tensor(c.P), tensor(c.Y)).item<double>(),
            inputs: [([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]), ([2, 4, 6], [1.8, 3.9, 5.2]), ([3], [-1])],
            hints: [((c, got) => Math.Abs(got - c.Y.Zip(c.P, (a, b) => (a - b) * (a - b)).Sum()) < 1e-9, "You returned the sum of squared errors: divide by n to get the mean."),
                    ((c, got) => Math.Abs(got - c.Y.Zip(c.P, (a, b) => Math.Abs(a - b)).Average()) < 1e-9, "That is the mean absolute error: square each difference instead.")]),

        new FunctionExercise<(double[] Y, double[] P), double>("01-bce", "double BceOf(double[] y, double[] p)",
            reference: c => nn.functional.binary_cross_entropy(tensor(c.P), tensor(c.Y)).item<double>(),
            inputs: BinaryCases,
            hints: [((c, got) => got < 0, "Cross-entropy is never negative: it is minus the mean of the log-probabilities."),
                    ((c, got) => Math.Abs(got + c.Y.Zip(c.P, (y, p) => y * Math.Log(p)).Average()) < 1e-9,
                        "Only the y = 1 terms are counted: add −(1 − y)·ln(1 − p) for the y = 0 examples (article 001's mistake).")]),

        new FunctionExercise<(double[][] Probs, int[] Labels), double>("01-cross-entropy", "double CrossEntropyOf(double[][] probs, int[] labels)",
            reference: c => c.Probs.Select((p, i) => -Math.Log(p[c.Labels[i]])).Average(),
            inputs: [([[0.6, 0.4], [0.3, 0.7], [0.8, 0.2]], [0, 1, 0]), ([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]], [2, 0])],
            hints: [((c, got) => got < 0, "Cross-entropy is never negative: take minus the log of the probability (article 004 lost the sign)."),
                    ((c, got) => Math.Abs(got - c.Probs.Select((p, i) => -Math.Log(p.Where((_, k) => k != c.Labels[i]).First())).Average()) < 1e-9,
                        "You used the probability of a wrong class: use probs[i][labels[i]], the probability given to the true class.")]),

        FunctionExercise.Value("01-noise-floor", "double LowestPossibleMse()", 0.25,
            hints: [(v => Math.Abs(v - 0.5) < 1e-9, "0.5 is the standard deviation; MSE is in squared units, so the floor is the variance σ²."),
                    (v => v < 1e-9, "Even the perfect line 3x − 2 misses by the noise on every point: the floor is not zero.")]),
    ];
}

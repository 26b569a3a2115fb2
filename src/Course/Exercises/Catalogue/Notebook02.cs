using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 02 · gradient descent: one step, momentum, Adam's bias correction, tanh's derivative.</summary>
internal sealed class Notebook02 : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(double Theta, double Gradient, double Lr), double>("02-gd-step", "double GdStep(double theta, double gradient, double learningRate)",
            reference: c => c.Theta - c.Lr * c.Gradient,
            inputs: [(1, 2, 0.1), (-3, -0.5, 0.01), (0.5, 4, 0.25)],
            hints: [((c, got) => Math.Abs(got - (c.Theta + c.Lr * c.Gradient)) < 1e-12, "You stepped uphill: the gradient points to where the loss grows, so subtract η·∇L.")]),

        new FunctionExercise<(double Theta, double V, double G, double Lr, double Mu), (double Theta, double Velocity)>("02-momentum",
            "(double Theta, double Velocity) MomentumStep(double theta, double velocity, double gradient, double lr, double mu)",
            reference: c => { double v = c.Mu * c.V + c.G; return (c.Theta - c.Lr * v, v); },
            inputs: [(1, 0, 2, 0.1, 0.9), (1, 0.5, 2, 0.1, 0.9), (-2, -1, 0.3, 0.1, 0.9), (0.4, 0.2, -1, 0.05, 0.5)],
            hints: [((c, got) => Math.Abs(got.Theta - (c.Theta - c.Lr * c.G)) < 1e-12 && c.V != 0, "Your step uses only the gradient: move by the new velocity, θ − η·v."),
                    ((c, got) => Math.Abs(got.Theta - (c.Theta - c.Lr * c.V)) < 1e-12, "You moved by the old velocity: update v first (v = μv + g), then step with it.")]),

        new FunctionExercise<(double M, double B1, int T), double>("02-adam-bias", "double CorrectedMean(double m, double beta1, int t)",
            reference: c => c.M / (1 - Math.Pow(c.B1, c.T)),
            inputs: [(0.1, 0.9, 1), (0.5, 0.9, 10), (0.02, 0.8, 3)],
            hints: [((c, got) => Math.Abs(got - c.M / (1 - c.B1)) < 1e-12 && c.T != 1, "The correction uses β₁ to the power t: divide by 1 − β₁ᵗ, which tends to 1 as t grows."),
                    ((c, got) => Math.Abs(got - c.M) < 1e-12, "That is the uncorrected m (article 004's version): divide by 1 − β₁ᵗ.")]),

        new FunctionExercise<double, double>("02-tanh-derivative", "double TanhDerivative(double z)",
            reference: z =>
            {
                using var scope = NewDisposeScope();
                var t = tensor(z).requires_grad_(true);
                t.tanh().backward();
                return t.grad!.item<double>();
            },
            inputs: [0.0, 0.5, -1.5, 3.0],
            hints: [((z, got) => Math.Abs(got - (1 - z * z)) < 1e-12, "Apply tanh first: the derivative is 1 − tanh(z)², not 1 − z²."),
                    ((z, got) => Math.Abs(got - Math.Tanh(z)) < 1e-12, "That is tanh itself; its derivative is 1 − tanh(z)².")]),
    ];
}

using Course.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 06 · the methods the notebook explains and the learner implements: the magnitude-pruning mask and the distillation loss.</summary>
internal sealed class Notebook06Craft : ExerciseSet
{
    // Seeded random weights (no ties in |w|) with sparsities whose count of pruned weights is a whole number.
    private static IEnumerable<(Tensor Weight, double Sparsity)> MaskCases()
    {
        using var generator = new Generator(6);
        yield return (randn([4, 5], generator: generator), 0.5);
        yield return (randn([8, 8], generator: generator), 0.75);
        yield return (randn([10], generator: generator) * 3, 0.3);
    }

    private static IEnumerable<(Tensor Student, Tensor Teacher, Tensor Labels, double Temperature, double Alpha)> LossCases()
    {
        using var generator = new Generator(60);
        yield return (randn([6, 10], generator: generator), 3 * randn([6, 10], generator: generator), randint(10, [6], generator: generator), 4.0, 0.5);
        yield return (randn([5, 10], generator: generator), 2 * randn([5, 10], generator: generator), randint(10, [5], generator: generator), 2.0, 0.7);
    }

    private static Tensor Reference(Tensor student, Tensor teacher, Tensor labels, double temperature, double alpha) =>
        alpha * Distillation.SoftLoss(student, teacher, temperature) + (1 - alpha) * nn.functional.cross_entropy(student, labels);

    private static Tensor Kl(Tensor fromLogits, Tensor toLogits, double temperature)
    {
        var p = nn.functional.log_softmax(fromLogits / temperature, 1);
        var q = nn.functional.log_softmax(toLogits / temperature, 1);
        return (p.exp() * (p - q)).sum(1).mean();
    }

    private static bool Near(Tensor got, Tensor expected) => got.shape.Length == 0 && Math.Abs(got.ToDouble() - expected.ToDouble()) < 1e-5 * (1 + Math.Abs(expected.ToDouble()));

    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(Tensor Weight, double Sparsity), Tensor>("06-pruning-mask", "Tensor PruningMask(Tensor weight, double sparsity)",
            reference: c => Pruning.MagnitudeMask(c.Weight, c.Sparsity),
            inputs: () => MaskCases().ToList(),
            hints: [((c, got) => got.eq(Pruning.MagnitudeMask(-c.Weight.abs(), c.Sparsity)).all().ToBoolean(),
                        "You zeroed the LARGEST weights: magnitude pruning removes the smallest |w| and keeps the large ones."),
                    ((c, got) => got.eq(Pruning.MagnitudeMask(c.Weight - c.Weight.min() + 1, c.Sparsity)).all().ToBoolean(),
                        "You ranked the signed values: a large negative weight matters as much as a large positive one. Rank by |w|."),
                    ((c, got) => Math.Abs(got.eq(0).sum().ToInt64() - (1 - c.Sparsity) * c.Weight.numel()) < 0.5,
                        "The mask zeroes the fraction `sparsity` of the weights (1 keeps, 0 prunes): you pruned the fraction 1 − sparsity.")]),

        new FunctionExercise<(Tensor Student, Tensor Teacher, Tensor Labels, double Temperature, double Alpha), Tensor>("06-distillation-loss",
            "Tensor DistillationLoss(Tensor studentLogits, Tensor teacherLogits, Tensor labels, double temperature, double alpha)",
            reference: c => Reference(c.Student, c.Teacher, c.Labels, c.Temperature, c.Alpha),
            inputs: () => LossCases().ToList(),
            hints: [((c, got) => Near(got, c.Alpha * Kl(c.Teacher, c.Student, c.Temperature) + (1 - c.Alpha) * nn.functional.cross_entropy(c.Student, c.Labels)),
                        "Multiply the soft (KL) term by T²: softening by T shrinks its gradients by 1/T², and T² restores their size."),
                    ((c, got) => Near(got, c.Alpha * c.Temperature * c.Temperature * Kl(c.Student, c.Teacher, c.Temperature) + (1 - c.Alpha) * nn.functional.cross_entropy(c.Student, c.Labels)),
                        "KL is not symmetric: the student matches the teacher, KL(teacher ‖ student) = Σ p_teacher · (log p_teacher − log p_student)."),
                    ((c, got) => Near(got, c.Alpha * c.Temperature * c.Temperature * Kl(c.Teacher * c.Temperature, c.Student * c.Temperature, c.Temperature) + (1 - c.Alpha) * nn.functional.cross_entropy(c.Student, c.Labels)),
                        "Soften both distributions: divide the student's AND the teacher's logits by T before the softmax."),
                    ((c, got) => Near(got, (1 - c.Alpha) * c.Temperature * c.Temperature * Kl(c.Teacher, c.Student, c.Temperature) + c.Alpha * nn.functional.cross_entropy(c.Student, c.Labels)),
                        "α weights the soft (teacher) term and 1 − α the cross-entropy with the labels: you swapped them.")],
            tolerance: 1e-5),
    ];
}

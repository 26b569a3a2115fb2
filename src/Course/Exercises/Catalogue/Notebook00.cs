using Course.Measuring;
using Course.Metrics;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 00 · measuring: precision and recall, p95 latency, standard error, FLOPs of a linear layer.</summary>
internal sealed class Notebook00 : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(int Tp, int Fp, int Fn), double[]>("00-precision-recall", "double[] PrecisionAndRecall(int tp, int fp, int fn)",
            reference: c => [(double)c.Tp / (c.Tp + c.Fp), (double)c.Tp / (c.Tp + c.Fn)],
            inputs: [(40, 10, 10), (90, 10, 30), (1, 0, 9)],
            hints: [((c, got) => Math.Abs(got[0] - (double)c.Tp / (c.Tp + c.Fn)) < 1e-9, "Precision and recall are swapped: precision divides by everything predicted positive (TP + FP), recall by every real positive (TP + FN).")]),

        new FunctionExercise<double[], double>("00-p95", "double P95(double[] latencies)",
            reference: x => LatencyStats.Percentile(x.Order().ToArray(), 95),
            inputs: [[5.0, 1, 4, 2, 3], [2.0, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [3.5, 3.1, 8.0, 3.3]],
            hints: [((x, got) => Math.Abs(got - LatencyStats.Percentile(x, 95)) < 1e-9, "Sort the latencies first: percentiles are read from the sorted list, not in run order."),
                    ((x, got) => Math.Abs(got - x.Max()) < 1e-9, "That is the maximum (p100); p95 interpolates at rank 0.95·(n−1).")]),

        new FunctionExercise<(double P, int N), double>("00-standard-error", "double StandardErrorOf(double accuracy, int n)",
            reference: c => Math.Sqrt(c.P * (1 - c.P) / c.N),
            inputs: [(0.99, 10_000), (0.9, 1_000), (0.5, 100)],
            hints: [((c, got) => Math.Abs(got - c.P * (1 - c.P) / c.N) < 1e-12, "That is the variance p(1−p)/n: take the square root to get the standard error."),
                    ((c, got) => Math.Abs(got - Math.Sqrt(c.P * (1 - c.P)) / c.N) < 1e-12, "Divide by n inside the square root: √(p(1−p)/n).")]),

        new FunctionExercise<(long In, long Out), long>("00-linear-flops", "long LinearFlops(long inputs, long outputs)",
            reference: c => Flops.Linear(c.In, c.Out),
            inputs: [(784L, 128L), (3136L, 128L), (128L, 10L)],
            hints: [((c, got) => got == c.In * c.Out, "That counts multiply-adds (MACs). Each is a multiply and an add: 2 FLOPs."),
                    ((c, got) => got == c.In * c.Out + c.Out, "That is the parameter count (weights + biases), not the arithmetic: count 2 FLOPs per multiply-add.")]),
    ];
}

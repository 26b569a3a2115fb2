using Course.Charts;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 05 · training trade-offs: linear learning-rate scaling, early stopping, throughput, the Pareto front.</summary>
internal sealed class Notebook05 : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(double Lr, int Base, int Batch), double>("05-linear-scaling", "double ScaledLearningRate(double baseLr, int baseBatch, int batch)",
            reference: c => c.Lr * c.Batch / c.Base,
            inputs: [(0.1, 256, 1024), (0.02, 32, 256), (0.01, 128, 64)],
            hints: [((c, got) => Math.Abs(got - c.Lr * c.Base / c.Batch) < 1e-12, "Inverted: a larger batch gets a LARGER learning rate (lr × batch / baseBatch)."),
                    ((c, got) => Math.Abs(got - c.Lr * Math.Sqrt((double)c.Batch / c.Base)) < 1e-12, "That is square-root scaling; the linear rule multiplies by batch / baseBatch itself.")]),

        new FunctionExercise<(double[] Losses, int Patience), int>("05-early-stopping", "int KeptEpoch(double[] validationLosses, int patience)",
            reference: c => KeptEpoch(c.Losses, c.Patience),
            inputs: [([0.9, 0.6, 0.5, 0.55, 0.6, 0.7, 0.4], 2), ([0.5, 0.4, 0.45, 0.38, 0.39, 0.41, 0.42], 2), ([1.0, 0.8, 0.7, 0.65], 2), ([0.9, 0.6, 0.5, 0.55, 0.6, 0.7, 0.4], 4)],
            hints: [((c, got) => got == Array.IndexOf(c.Losses, c.Losses.Min()) + 1, "That is the lowest loss of the whole list; early stopping has stopped before it sees the late minimum."),
                    ((c, got) => got == KeptEpoch(c.Losses, c.Patience) - 1, "Off by one: epochs are numbered from 1.")]),

        new FunctionExercise<(int N, double[] Ms), double>("05-samples-per-second", "double SamplesPerSecond(int examples, double[] batchMilliseconds)",
            reference: c => c.N / (c.Ms.Sum() / 1000),
            inputs: [(256, [10.0, 12.0, 9.0, 11.0]), (1000, [50.0, 55.0]), (100, [2.5])],
            hints: [((c, got) => Math.Abs(got - c.N / c.Ms.Sum()) < 1e-9, "Milliseconds, not seconds: divide the total time by 1000 first."),
                    ((c, got) => Math.Abs(got - c.Ms.Length / (c.Ms.Sum() / 1000)) < 1e-9, "That is batches per second; count examples, not batches.")]),

        new FunctionExercise<(string Name, double Accuracy, double Seconds)[], string[]>("05-pareto", "string[] OnFront((string Name, double Accuracy, double Seconds)[] runs)",
            reference: runs => [.. Pareto.Front(runs, r => r.Accuracy, r => r.Seconds).Select(r => r.Name)],
            inputs: [[("batch 16", 0.952, 9.0), ("batch 64", 0.948, 4.0), ("batch 256", 0.931, 2.5), ("batch 512", 0.905, 2.6), ("batch 32, 3 epochs", 0.950, 10.0)]],
            hints: [((_, got) => got.Length == 1, "Not only the single most accurate run: every run that no other run beats on BOTH accuracy and time is on the front."),
                    ((_, got) => got.Contains("batch 512"), "batch 512 is slower AND less accurate than batch 256: it is dominated.")]),
    ];

    private static int KeptEpoch(double[] losses, int patience)
    {
        int best = 0, waited = 0;
        for (int e = 1; e < losses.Length && waited < patience; e++)
            if (losses[e] < losses[best]) { best = e; waited = 0; } else waited++;
        return best + 1;
    }
}

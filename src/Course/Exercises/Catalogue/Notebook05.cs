using Course.Charts;
using Course.Experiments;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 05 · training trade-offs: linear learning-rate scaling, early stopping, throughput, the Pareto front, the cost of successive halving.</summary>
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

        new FunctionExercise<(int Candidates, int Min, int Max, int Eta), int>("05-halving-cost", "int HalvingEpochs(int candidates, int minEpochs, int maxEpochs, int reduction)",
            reference: c => HyperparameterSearch.SuccessiveHalvingCost(c.Candidates, c.Min, c.Max, c.Eta),
            inputs: [(27, 1, 9, 3), (10, 2, 10, 3), (4, 1, 27, 3), (35, 1, 9, 3), (5, 4, 4, 2)],
            hints: [((c, got) => got == c.Candidates * c.Max, "That is what training every candidate in full costs (grid or random search); successive halving trains all of them only for minEpochs, then fewer and fewer for longer."),
                    ((c, got) => got == HalvingWithCeiling(c.Candidates, c.Min, c.Max, c.Eta), "Each round keeps ⌊n/η⌋ candidates (rounded down, but at least one), not ⌈n/η⌉."),
                    ((c, got) => got == HalvingWithoutLastRound(c.Candidates, c.Min, c.Max, c.Eta), "The rounds grow η-fold while below maxEpochs, and a last round trains the survivors for exactly maxEpochs: count it too.")]),
    ];

    // Two typical miscounts of successive halving, recognised for their hints.
    private static int HalvingWithCeiling(int n, int min, int max, int eta) =>
        HyperparameterSearch.RungEpochs(min, max, eta).Aggregate((Cost: 0, Alive: n), (s, e) => (s.Cost + s.Alive * e, (s.Alive + eta - 1) / eta)).Cost;

    private static int HalvingWithoutLastRound(int n, int min, int max, int eta)
    {
        int cost = 0;
        for (int epochs = min; epochs <= max; epochs *= eta, n = Math.Max(1, n / eta)) cost += n * epochs;
        return cost;
    }

    private static int KeptEpoch(double[] losses, int patience)
    {
        int best = 0, waited = 0;
        for (int e = 1; e < losses.Length && waited < patience; e++)
            if (losses[e] < losses[best]) { best = e; waited = 0; } else waited++;
        return best + 1;
    }
}

using Course.Training;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>The C# and TorchSharp primer (00-csharp-primer): dimensions and broadcasting on tensors; records and LINQ.</summary>
internal sealed class NotebookPrimer : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<Tensor, Tensor>("primer-center-columns", "Tensor CenterColumns(Tensor x)",
            reference: x => x - x.mean([0], keepdim: true),
            // A square input too, where subtracting row means has the right shape and only the values give it away.
            inputs: () => [tensor(new double[,] { { 1, 2, 3 }, { 5, 8, 13 } }), tensor(new double[,] { { 1, 0, 4 }, { 3, 8, 2 }, { 2, 7, 0 } }),
                           tensor(new float[,] { { -1, 10 }, { 3, 20 }, { 4, 60 }, { 0, 30 } })],
            hints: [((x, got) => SameValues(got, x - x.mean()), "You subtracted the mean of all the elements: each column needs its own mean, taken down dimension 0."),
                    ((x, got) => SameValues(got, x - x.mean([1], keepdim: true)), "You subtracted each row's mean (dimension 1): a column runs down dimension 0."),
                    ((x, got) => !got.shape.SequenceEqual(x.shape), "The result must have the input's shape: subtract the column means from x (broadcasting repeats them down the rows).")]),

        new FunctionExercise<IReadOnlyList<EpochRecord>, int>("primer-best-epoch", "int BestEpoch(IReadOnlyList<EpochRecord> epochs)",
            reference: epochs => epochs.MinBy(e => e.ValidationLoss!.Value)!.Epoch,
            inputs: [Run((1.00, 0.90), (0.60, 0.70), (0.40, 0.65), (0.30, 0.72)), Run((0.50, 0.40), (0.45, 0.42)), Run((0.9, 0.8), (0.7, 0.9), (0.5, 0.6), (0.3, 0.5), (0.2, 0.55))],
            hints: [((epochs, got) => got == epochs.MinBy(e => e.TrainLoss)!.Epoch, "That is the epoch with the lowest training loss, which keeps falling as the model memorises: choose by validation loss."),
                    ((epochs, got) => got == epochs.Select((e, i) => (e, i)).MinBy(p => p.e.ValidationLoss!.Value).i, "That is the position in the list (from 0): return the record's Epoch, numbered from 1."),
                    ((epochs, got) => got == epochs.MaxBy(e => e.ValidationLoss!.Value)!.Epoch, "That is the epoch with the highest validation loss: the best has the lowest.")]),
    ];

    private static bool SameValues(Tensor got, Tensor expected) =>
        got.shape.SequenceEqual(expected.shape) && got.to_type(ScalarType.Float64).allclose(expected.to_type(ScalarType.Float64), rtol: 1e-5, atol: 1e-6);

    private static EpochRecord[] Run(params (double Train, double Validation)[] losses) =>
        [.. losses.Select((l, i) => new EpochRecord(i + 1, l.Train, null, l.Validation, null, SamplesPerSecond: 1_000, Seconds: 1, LearningRate: 1e-3))];
}

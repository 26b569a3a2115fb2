using Course.Metrics;
using Course.Models;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 03 · CNN on MNIST: convolution output size and parameters, accuracy from a confusion matrix, the best epoch.</summary>
internal sealed class Notebook03 : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<(int Size, int Kernel, int Padding, int Stride), int>("03-conv-output-size", "int ConvOutputSize(int size, int kernel, int padding, int stride)",
            reference: a =>
            {
                using var scope = NewDisposeScope();
                using var conv = nn.Conv2d(1, 1, a.Kernel, stride: a.Stride, padding: a.Padding);
                return (int)conv.call(zeros(1, 1, a.Size, a.Size)).shape[2];
            },
            inputs: [(28, 3, 0, 1), (28, 3, 1, 1), (28, 5, 2, 2), (7, 3, 0, 2)],
            hints: [((a, got) => got == (a.Size + 2 * a.Padding - a.Kernel) / a.Stride, "Add 1: a kernel that fits exactly once still gives one output."),
                    ((a, got) => got == (a.Size - a.Kernel) / a.Stride + 1, "Padding adds p pixels on both sides of the input: n + 2p.")]),

        new FunctionExercise<(int In, int Out, int Kernel), long>("03-conv-parameters", "long ConvParameters(int inChannels, int outChannels, int kernel)",
            reference: a => { using var conv = nn.Conv2d(a.In, a.Out, a.Kernel); return ModelInfo.Parameters(conv); },
            inputs: [(1, 32, 3), (32, 64, 3), (3, 16, 5)],
            hints: [((a, got) => got == (long)a.In * a.Kernel * a.Kernel * a.Out, "Each output channel also has one bias: add outChannels."),
                    ((a, got) => got == (long)(a.Kernel * a.Kernel + 1) * a.Out, "Each filter spans all input channels: k·k·inChannels weights per filter.")]),

        new FunctionExercise<int[,], double>("03-accuracy-from-confusion", "double AccuracyFromConfusion(int[,] counts)",
            reference: counts => new ConfusionMatrix(counts).Accuracy,
            inputs: [new[,] { { 90, 5, 5 }, { 2, 8, 0 }, { 1, 1, 8 } }, new[,] { { 50, 10 }, { 5, 35 } }],
            hints: [((m, got) => Math.Abs(got - Diagonal(m)) < 1e-9, "Accuracy is a fraction: divide the diagonal sum by the total count."),
                    ((m, got) => Math.Abs(got - MeanPerClassAccuracy(m)) < 1e-9, "That is the mean of per-class accuracies; accuracy counts every example once: diagonal sum / total.")]),

        new FunctionExercise<(double[] Train, double[] Validation), int>("03-best-epoch", "int BestEpoch(double[] trainLoss, double[] validationLoss)",
            reference: c => Array.IndexOf(c.Validation, c.Validation.Min()) + 1,
            inputs: [([0.350, 0.120, 0.080, 0.055, 0.040, 0.028, 0.019, 0.012], [0.210, 0.120, 0.082, 0.071, 0.074, 0.069, 0.080, 0.095]),
                     ([0.50, 0.30, 0.20, 0.15, 0.10, 0.08], [0.40, 0.30, 0.25, 0.27, 0.22, 0.24])],
            hints: [((c, got) => got == Array.IndexOf(c.Validation, c.Validation.Min()), "Epochs are numbered from 1: add 1 to the array index."),
                    ((c, got) => got == Array.IndexOf(c.Train, c.Train.Min()) + 1, "The training loss always falls; choose by the validation loss."),
                    ((c, got) => got == FirstDip(c.Validation), "That is only the first dip; look for the lowest validation loss overall.")]),
    ];

    private static double Diagonal(int[,] m) => Enumerable.Range(0, m.GetLength(0)).Sum(i => m[i, i]);

    private static double MeanPerClassAccuracy(int[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Average(i => m[i, i] / (double)Enumerable.Range(0, m.GetLength(1)).Sum(j => m[i, j]));

    // The epoch (from 1) after which the validation loss first rises.
    private static int FirstDip(double[] loss) => Enumerable.Range(1, loss.Length - 1).FirstOrDefault(i => loss[i] > loss[i - 1], loss.Length);
}

using Course.Compression;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 06 · model trade-offs: the int8 scale, model size in bytes, mask sparsity, softmax with temperature.</summary>
internal sealed class Notebook06 : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FunctionExercise<float[], double>("06-int8-scale", "double Int8Scale(float[] weights)",
            reference: w => Int8.Scale(w.Max(v => Math.Abs((double)v))),
            inputs: [[0.5f, -1.27f, 0.3f], [2.54f, 0.1f], [-0.05f, 0.02f]],
            hints: [((w, got) => Math.Abs(got - w.Max() / 127.0) < 1e-9, "Use the largest absolute value: a negative weight can be the extreme one."),
                    ((w, got) => Math.Abs(got - w.Max(v => Math.Abs(v)) / 128.0) < 1e-9 || Math.Abs(got - w.Max(v => Math.Abs(v)) / 255.0) < 1e-9,
                        "The symmetric grid is −127…127: divide by 127.")]),

        new FunctionExercise<(long Parameters, int Bits), long>("06-model-bytes", "long ModelBytes(long parameters, int bitsPerWeight)",
            reference: c => c.Parameters * c.Bits / 8,
            inputs: [(101_770L, 32), (101_770L, 16), (101_770L, 8), (421_642L, 8)],
            hints: [((c, got) => got == c.Parameters * c.Bits, "That is bits, not bytes: a byte has 8 bits."),
                    ((c, got) => got == c.Parameters * 4, "The number of bytes depends on the bits per weight, not always 4.")]),

        new FunctionExercise<float[], double>("06-mask-sparsity", "double MaskSparsity(float[] mask)",
            reference: m => (double)m.Count(v => v == 0) / m.Length,
            inputs: [[1f, 0f, 0f, 1f], [0f, 0f, 0f, 1f], [1f, 1f, 1f, 1f, 0f]],
            hints: [((m, got) => Math.Abs(got - (double)m.Count(v => v != 0) / m.Length) < 1e-9, "That is the density (weights kept). Sparsity counts the zeros.")]),

        new FunctionExercise<(double[] Logits, double T), double[]>("06-softmax-temperature", "double[] SoftmaxT(double[] logits, double temperature)",
            reference: c => Softmax([.. c.Logits.Select(v => v / c.T)]),
            inputs: [([2.0, 1.0, 0.0], 1.0), ([2.0, 1.0, 0.0], 4.0), ([5.0, -1.0], 0.5)],
            hints: [((c, got) => Softmax(c.Logits).Zip(got).All(p => Math.Abs(p.First - p.Second) < 1e-9), "Divide the logits by T before the softmax."),
                    ((c, got) => Softmax(c.Logits).Zip(got).All(p => Math.Abs(p.First / c.T - p.Second) < 1e-9), "Dividing the probabilities by T breaks them (they no longer sum to 1): divide the logits.")]),
    ];

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        return [.. e.Select(v => v / e.Sum())];
    }
}

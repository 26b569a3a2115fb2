using Course.Models;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 07 · reuse what was learned: freezing the feature extractor, a reservoir replay memory, forgetting.</summary>
internal sealed class Notebook07 : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() =>
    [
        new FreezeFeatureExtractor(),
        new ReservoirSampler(),
        new FunctionExercise<double[], double>("07-forgetting", "double Forgetting(double[] accuracyOnOldTask)",
            reference: a => a.Max() - a[^1],
            inputs: [[0.62, 0.97, 0.98, 0.41, 0.12, 0.05], [0.9, 0.95, 0.3], [0.99, 0.2, 0.5]],
            hints: [((a, got) => Math.Abs(got - (a[0] - a[^1])) < 1e-9, "Measure from the best accuracy the old task ever had, not the first: max − last."),
                    ((a, got) => Math.Abs(got - (a[^1] - a.Max())) < 1e-9, "Forgetting is a loss: best minus last, a positive number when accuracy fell."),
                    ((a, got) => Math.Abs(got - (a.Max() - a.Min())) < 1e-9, "Use the final accuracy, after the last epoch, not the lowest one on the way.")]),
    ];

    /// <summary>Method (b): everything but the head (fc1, fc2) stops learning, batch normalisation included.</summary>
    private sealed class FreezeFeatureExtractor() : ExerciseDefinition("07-freeze-feature-extractor", "void FreezeFeatureExtractor(nn.Module<Tensor, Tensor> model)")
    {
        public override CheckResult Judge(Delegate learner)
        {
            var freeze = AsAction(learner);
            foreach (bool batchNorm in new[] { false, true })
            {
                string got = StillLearning(batchNorm, freeze);
                string expected = StillLearning(batchNorm, m => Transfer.Freeze(m, name => !name.StartsWith("fc", StringComparison.Ordinal)));
                if (got == expected) continue;
                string input = $"new MnistCnn(batchNorm: {(batchNorm ? "true" : "false")})";
                string? hint = got.Contains("norm", StringComparison.Ordinal) ? "Batch normalisation belongs to the feature extractor too: freeze norm1 and norm2 as well as the convolutions."
                    : !got.Contains("fc1", StringComparison.Ordinal) ? "fc1 is part of the new head: it has to learn, or the head is a single linear layer on frozen features."
                    : got.Contains("conv", StringComparison.Ordinal) ? "Some convolution parameters still learn: freeze the weights and the biases of conv1 and conv2."
                    : null;
                return hint is not null ? Hint(hint, input, got) : Wrong("Not the right parameters frozen for this model yet: list model.named_parameters() and compare.", input, got);
            }
            return Pass("Exactly the head (fc1, fc2) still learns, with and without batch normalisation.");
        }

        // The names of the parameters that still learn after `freeze`, comma-separated, in model order.
        private static string StillLearning(bool batchNorm, Action<nn.Module<Tensor, Tensor>> freeze)
        {
            using var model = new MnistCnn(batchNorm: batchNorm);
            freeze(model);
            return string.Join(", ", Transfer.TrainableNames(model));
        }

        // LearnerFunction checks functions with a result; this one acts on the model and returns nothing.
        private Action<nn.Module<Tensor, Tensor>> AsAction(Delegate learner)
        {
            if (learner.Method.ReturnType == typeof(void) && learner.Method.GetParameters().Length == 1)
            {
                try { return (Action<nn.Module<Tensor, Tensor>>)learner.Method.CreateDelegate(typeof(Action<nn.Module<Tensor, Tensor>>), learner.Target); }
                catch (ArgumentException) { /* another parameter type: explained below */ }
            }
            throw new SignatureMismatchException($"This check needs the function `{Task}`: one parameter, the model, and no result " +
                "(it sets requires_grad = false on the parameters it freezes). Change your function's signature, run your cell and this check again.");
        }
    }

    /// <summary>Reservoir sampling: after the stream, every position is in the memory with probability capacity / length.</summary>
    private sealed class ReservoirSampler() : ExerciseDefinition("07-reservoir-sampler", "int[] ReservoirSample(int streamLength, int capacity, Random random)")
    {
        private const int Length = 20, Capacity = 5, Streams = 4_000;
        private const double Expected = (double)Capacity / Length, Tolerance = 0.04;   // about six standard deviations of a share over 4,000 streams

        public override CheckResult Judge(Delegate learner)
        {
            var sample = Bind<Func<int, int, Random, int[]>>(learner);
            string input = $"{Streams:N0} streams of {Length} examples, capacity {Capacity}";
            var counts = new double[Length];
            var random = new Random(7);
            for (int run = 0; run < Streams; run++)
            {
                var kept = sample(Length, Capacity, random);
                if (kept is null || kept.Length != Capacity || kept.Distinct().Count() != Capacity || kept.Any(i => i is < 0 or >= Length))
                    return Hint("Return exactly capacity distinct positions between 0 and streamLength − 1.", $"streamLength {Length}, capacity {Capacity}",
                        kept is null ? null : $"[{string.Join(", ", kept)}]");
                foreach (int i in kept) counts[i]++;
            }
            var shares = counts.Select(c => c / Streams).ToArray();
            if (shares.All(p => Math.Abs(p - Expected) < Tolerance))
                return Pass($"Every position was kept with probability {Expected} (± {Tolerance}): a uniform sample of the stream.");
            string got = "kept shares by position: " + string.Join(", ", shares.Select(p => p.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
            if (shares[0] > 0.9)
                return Hint("The first examples are never replaced: after the memory is full, position i must still get in with probability capacity/(i + 1).", input, got);
            if (shares[^1] > 0.5)
                return Hint("The newest examples are kept too often: position i may replace a slot only with probability capacity/(i + 1), e.g. j = random.Next(i + 1), replace slot j if j < capacity.", input, got);
            return Wrong($"Not uniform yet: every position should be kept with probability {Expected}.", input, got);
        }
    }
}

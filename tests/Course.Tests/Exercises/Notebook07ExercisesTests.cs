using Course.Exercises;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

/// <summary>Notebook 07's two exercises that judge more than a returned value: a freezing action and a random sampler.</summary>
[Collection(TorchCollection.Name)]
public sealed class Notebook07ExercisesTests
{
    public Notebook07ExercisesTests() => TorchRuntime.EnsureLoaded();

    private static void FreezeAllButHead(nn.Module<Tensor, Tensor> model)
    {
        foreach (var (name, parameter) in model.named_parameters())
            if (!name.StartsWith("fc")) parameter.requires_grad = false;
    }

    private static void FreezeConvolutions(nn.Module<Tensor, Tensor> model)
    {
        foreach (var (name, parameter) in model.named_parameters())
            if (name.StartsWith("conv")) parameter.requires_grad = false;
    }

    private static void FreezeStub(nn.Module<Tensor, Tensor> model) => throw new NotImplementedException();

    [Fact]
    public void Freezing_is_judged_on_the_model_with_and_without_batch_norm()
    {
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("07-freeze-feature-extractor", FreezeAllButHead).Outcome);
        var hint = Exercise.Check("07-freeze-feature-extractor", FreezeConvolutions);
        Assert.Equal(CheckOutcome.Hint, hint.Outcome);
        Assert.StartsWith("Batch normalisation belongs to the feature extractor", hint.Message);
        Assert.Equal("new MnistCnn(batchNorm: true)", hint.Input);
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("07-freeze-feature-extractor", FreezeStub).Outcome);
        var everything = Exercise.Check("07-freeze-feature-extractor", (nn.Module<Tensor, Tensor> m) => { foreach (var p in m.parameters()) p.requires_grad = false; });
        Assert.StartsWith("fc1 is part of the new head", everything.Message);
    }

    [Fact]
    public void A_freezing_function_with_a_result_or_another_parameter_is_told_the_signature()
    {
        var returns = Exercise.Check("07-freeze-feature-extractor", (nn.Module<Tensor, Tensor> m) => 1);
        var other = Exercise.Check("07-freeze-feature-extractor", (string name) => { });
        foreach (var verdict in new[] { returns, other })
        {
            Assert.Equal(CheckOutcome.Wrong, verdict.Outcome);
            Assert.Contains("void FreezeFeatureExtractor(nn.Module<Tensor, Tensor> model)", verdict.Message);
        }
    }

    private static int[] Reservoir(int length, int capacity, Random random)
    {
        var kept = new int[capacity];
        for (int i = 0; i < length; i++)
        {
            if (i < capacity) kept[i] = i;
            else if (random.Next(i + 1) is var j && j < capacity) kept[j] = i;
        }
        return kept;
    }

    [Fact]
    public void The_reservoir_is_judged_by_how_often_each_position_is_kept()
    {
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("07-reservoir-sampler", Reservoir).Outcome);
        // A uniform sample drawn another way (a shuffle) is just as right.
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("07-reservoir-sampler",
            (int length, int capacity, Random random) => Enumerable.Range(0, length).OrderBy(_ => random.Next()).Take(capacity).ToArray()).Outcome);

        var first = Exercise.Check("07-reservoir-sampler", (int length, int capacity, Random random) => Enumerable.Range(0, capacity).ToArray());
        Assert.StartsWith("The first examples are never replaced", first.Message);
        var newest = Exercise.Check("07-reservoir-sampler", (int length, int capacity, Random random) => Enumerable.Range(length - capacity, capacity).ToArray());
        Assert.StartsWith("The newest examples are kept too often", newest.Message);
        var repeated = Exercise.Check("07-reservoir-sampler", (int length, int capacity, Random random) => Enumerable.Repeat(0, capacity).ToArray());
        Assert.StartsWith("Return exactly capacity distinct positions", repeated.Message);
    }
}

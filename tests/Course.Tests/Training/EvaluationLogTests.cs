using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Tests.Training;

/// <summary>Every evaluation names the split it scored, so a check can prove a choice never touched the test set.</summary>
[Collection(TorchCollection.Name)]
public sealed class EvaluationLogTests
{
    public EvaluationLogTests() => TorchRuntime.EnsureLoaded();

    private static TensorDataset Digits(int count, string? split) =>
        new TensorDataset(randn(count, 1, 28, 28), randint(10, [count])) { SplitName = split };

    [Fact]
    public void Mnist_names_its_files_and_the_names_survive_splitting_and_subsets()
    {
        var (train, test) = Mnist.Load();
        Assert.Equal(("train", "test"), (train.SplitName, test.SplitName));
        var (fit, validation) = train.Take(600).Split(1.0 / 6, seed: 0);
        Assert.Equal(("train", "validation"), (fit.SplitName, validation.SplitName));
        Assert.Equal("validation", validation.Take(10).SplitName);
        Assert.Equal("test", test.To(CPU).SplitName);
        Assert.Null(new TensorDataset(zeros(2, 3), zeros(2)).SplitName);
    }

    [Fact]
    public void A_watch_sees_the_split_of_every_evaluation_made_while_it_is_open_and_none_after()
    {
        var (train, validation, test) = (Digits(64, "train"), Digits(32, "validation"), Digits(16, "test"));
        using var model = new MnistMlp(hidden: 8, dropout: 0);
        var watch = EvaluationLog.Watch();
        Trainer.Fit(model, train, validation, new TrainOptions { Epochs = 2, BatchSize = 32, Quiet = true });
        TimeBudget.Fit(model, train, validation, new TrainOptions { BatchSize = 32, Quiet = true }, seconds: 0.01);
        Assert.Equal(3, watch.CountOf("validation"));   // after each of the two epochs, then the budget run's score
        Assert.Equal(0, watch.CountOf("test"));

        Trainer.Evaluate(model, test);
        Assert.Equal([("validation", 32L), ("validation", 32L), ("validation", 32L), ("test", 16L)], watch.Evaluations);
        watch.Dispose();

        Trainer.Evaluate(model, test);
        Assert.Equal(1, watch.CountOf("test"));
    }
}

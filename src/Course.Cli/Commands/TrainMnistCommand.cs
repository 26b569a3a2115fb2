using System.CommandLine;
using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Training;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>`course train-mnist`: a short real training run on MNIST with the course's Trainer, to check a machine end to end.</summary>
internal static class TrainMnistCommand
{
    public static Command Create()
    {
        var examples = new Option<int>("--examples") { Description = "Training examples to use (of 60,000).", DefaultValueFactory = _ => 10_000 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over those examples.", DefaultValueFactory = _ => 2 };
        var model = new Option<string>("--model") { Description = "mlp (seed 004) or cnn (seed 000).", DefaultValueFactory = _ => "mlp" };
        model.AcceptOnlyFromAmong("mlp", "cnn");
        var command = new Command("train-mnist", "Train a small network on real MNIST and print its test accuracy.") { examples, epochs, model };
        command.SetAction(parse => Run(parse.GetValue(examples), parse.GetValue(epochs), parse.GetValue(model)!));
        return command;
    }

    private static int Run(int examples, int epochs, string modelName)
    {
        if (examples is < 100 or > 60_000)
        {
            AnsiConsole.MarkupLine("[red]--examples must be between 100 and 60000.[/]");
            return 2;
        }
        if (epochs < 1)
        {
            AnsiConsole.MarkupLine("[red]--epochs must be at least 1.[/]");
            return 2;
        }
        TorchRuntime.EnsureLoaded();
        AnsiConsole.MarkupLine($"Device [bold]{TorchRuntime.Device}[/], {TorchRuntime.Threads} CPU threads.");
        // No validation split here (nothing is chosen), so all 60,000 training images are the training split.
        using var splits = Mnist.Load(validationFraction: 0, seed: 1, standardize: true);
        var (fullTrain, _, test) = splits;
        using var train = fullTrain.Take(examples);
        Seeds.Set(1);
        using TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model =
            modelName == "cnn" ? new MnistCnn() : new MnistMlp();
        // The Trainer prints its own single-line progress on stderr when it is a terminal.
        var history = Trainer.Fit(model, train, options: new TrainOptions { Epochs = epochs, BatchSize = 64, Seed = 1 });
        var result = Trainer.Evaluate(model, test);
        AnsiConsole.MarkupLine(
            $"Test accuracy [bold green]{result.Accuracy:P2}[/] on {test.Count:N0} images after {epochs} epochs of {modelName} " +
            $"on {train.Count:N0} examples ({history.TotalSeconds:F1} s, {history.Last!.SamplesPerSecond:N0} samples/s).");
        return 0;
    }
}

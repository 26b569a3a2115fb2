using System.CommandLine;
using System.Diagnostics;
using Course.Data;
using Course.Runtime;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Cli.Commands;

/// <summary>`course train-mnist`: a short real training run on MNIST, to check a machine end to end.</summary>
internal static class TrainMnistCommand
{
    public static Command Create()
    {
        var examples = new Option<int>("--examples") { Description = "Training examples to use (of 60,000).", DefaultValueFactory = _ => 10_000 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over those examples.", DefaultValueFactory = _ => 2 };
        var command = new Command("train-mnist", "Train a small network on real MNIST and print its test accuracy.") { examples, epochs };
        command.SetAction(parse => Run(parse.GetValue(examples), parse.GetValue(epochs)));
        return command;
    }

    private static int Run(int examples, int epochs)
    {
        if (examples is < 100 or > 60_000)
        {
            AnsiConsole.MarkupLine("[red]--examples must be between 100 and 60000.[/]");
            return 2;
        }
        TorchRuntime.EnsureLoaded();
        AnsiConsole.MarkupLine($"Device [bold]{TorchRuntime.Device}[/], {TorchRuntime.Threads} CPU threads.");
        random.manual_seed(1);
        var (fullTrain, test) = Mnist.Load();
        using var _ = fullTrain; using var __ = test;
        using var train = fullTrain.Take(examples);
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        const int batch = 64;
        var clock = Stopwatch.StartNew();
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                for (int epoch = 1; epoch <= epochs; epoch++)
                {
                    var task = progress.AddTask($"epoch {epoch}/{epochs}", maxValue: train.Count);
                    using var order = randperm(train.Count);
                    for (long start = 0; start < train.Count; start += batch)
                    {
                        using var scope = NewDisposeScope();
                        var idx = order.narrow(0, start, Math.Min(batch, train.Count - start));
                        var loss = nn.functional.cross_entropy(model.forward(train.Features.index_select(0, idx)), train.Labels.index_select(0, idx));
                        optimizer.zero_grad();
                        loss.backward();
                        optimizer.step();
                        task.Increment(idx.shape[0]);
                        task.Description = $"epoch {epoch}/{epochs} loss {loss.item<float>():F3}";
                    }
                }
            });
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            model.eval();
            double correct = model.forward(test.Features).argmax(1).eq(test.Labels).sum().item<long>();
            AnsiConsole.MarkupLine($"Test accuracy [bold green]{correct / test.Count:P2}[/] on {test.Count:N0} images after {epochs} epochs on {train.Count:N0} examples ({clock.Elapsed.TotalSeconds:F1} s).");
        }
        return 0;
    }
}
